// The simulated market has out-of-capacity spells (10x on-demand) at seeded
// moments of real time. A spot bought at market without a bid is capped at
// on-demand, so a test that ran during a spell would fail on the calendar,
// not on the code. Tests therefore start their sandboxes with a seed whose
// markets all stay at or below on-demand for the hours a run can take.
import { METROS, PLANS } from '../../src/sandbox/market/catalog.js';
import { PriceModel, STEP_SECONDS } from '../../src/sandbox/market/price-model.js';

const HOURS = 6;

export function steadySeed(from = 7, now = Date.now()): number {
  const start = Math.floor(now / 1000);
  for (let seed = from; ; seed++) if (steadyFor(new PriceModel(seed), start, HOURS)) return seed;
}

export function steadyFor(model: PriceModel, start: number, hours: number): boolean {
  for (const metro of METROS) {
    for (const plan of PLANS) {
      for (let t = start - STEP_SECONDS; t <= start + hours * 3600; t += STEP_SECONDS) {
        if (model.priceAt(metro.code, plan.slug, t) > plan.pricing.hour) return false;
      }
    }
  }
  return true;
}
