// The simulated market has out-of-capacity spells (10x on-demand) at seeded
// moments of real time, and a spot bought at market without a bid is capped
// at on-demand: a newcomer's first `fas spots add` during a spell would fail.
// A sandbox started without --seed therefore picks a seed whose markets all
// stay at or below on-demand for the next hours; spells come later, as on a
// real market.
import { METROS, PLANS } from './catalog.js';
import { PriceModel, STEP_SECONDS, type PriceModelOptions } from './price-model.js';

export const STEADY_HOURS = 6;

/** The first seed from `from` whose every market is steady from `nowMs` for `hours`. */
export function steadySeed(from: number, nowMs: number, hours = STEADY_HOURS, options: PriceModelOptions = {}): number {
  const start = Math.floor(nowMs / 1000);
  for (let seed = from; ; seed++) if (steadyFor(new PriceModel(seed, options), start, hours)) return seed;
}

/** True when no market's price goes above on-demand from one step before `start` for `hours`. */
export function steadyFor(model: PriceModel, start: number, hours: number): boolean {
  for (const metro of METROS) {
    for (const plan of PLANS) {
      const points = model.history(metro.code, plan.slug, start - STEP_SECONDS, start + hours * 3600);
      if (points.some((p) => p.price > plan.pricing.hour)) return false;
    }
  }
  return true;
}
