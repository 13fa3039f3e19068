// planFleet over the sandbox's own market model (a pure function of its seed),
// and over hand-made paths where the right answer is known.
import { describe, expect, it } from 'vitest';
import { planFleet } from '../../../src/fleet/plan.js';
import type { ReplayMarket } from '../../../src/fleet/replay.js';
import { fleetSpec } from '../../../src/fleet/spec.js';
import { PriceModel } from '../../../src/sandbox/market/price-model.js';

const UNTIL = 1_796_000_000;
const DAY = 86_400;

function modelMarkets(seed: number, volatility: 'normal' | 'high', days: number): ReplayMarket[] {
  const model = new PriceModel(seed, { volatility });
  const out: ReplayMarket[] = [];
  for (const metro of ['sv', 'ny', 'am']) {
    for (const [plan, onDemand] of [['c3.small', 0.5], ['c3.medium', 1]] as const) {
      out.push({ metro, plan, onDemand, points: model.history(metro, plan, UNTIL - (days + 7) * DAY, UNTIL) });
    }
  }
  return out;
}

const spec = (extra = {}) =>
  fleetSpec({ name: 'web', count: 10, metros: ['sv', 'ny', 'am'], plans: ['c3.small', 'c3.medium'], price: { strategy: 'balanced' }, fallback: 'on-demand', ...extra });

describe('planFleet', () => {
  it('keeps the target at high volatility within N + surge and the max spend, beside the two baselines', () => {
    const plan = planFleet(spec({ maxSpend: 6 }), modelMarkets(7, 'high', 10), { from: UNTIL - 10 * DAY, until: UNTIL });
    expect(plan.fleet.kept).toBeGreaterThanOrEqual(0.99);
    expect(plan.fleet.max_held).toBeLessThanOrEqual(11);
    expect(plan.fleet.max_spend_rate).toBeLessThanOrEqual(6);
    expect(plan.fleet.vs_on_demand).toBeLessThan(1);
    expect(plan.fleet.revocations).toBeGreaterThan(0);
    // One bid in one market loses everything whenever that market passes it.
    expect(plan.single.kept).toBeLessThan(plan.fleet.kept);
    expect(plan.single.worst_hour.kept).toBe(0);
    expect(plan.on_demand.kept).toBe(1);
    expect(plan.fleet.cost_per_hour).toBeLessThan(plan.on_demand.cost_per_hour);
    expect(plan.fleet.markets.reduce((n, m) => n + m.purchases, 0)).toBeGreaterThan(10);
  });

  it('replays the same history to the same figures', () => {
    const markets = modelMarkets(3, 'normal', 3);
    const a = planFleet(spec(), markets, { from: UNTIL - 3 * DAY, until: UNTIL });
    const b = planFleet(spec(), markets, { from: UNTIL - 3 * DAY, until: UNTIL });
    expect(a).toEqual(b);
  });

  it('falls back to on-demand when every market is above the bid, and goes back to spot once, not back and forth, while the price hovers', () => {
    // One market: a week at 0.20 (the bid: balanced, 0.23), then 6 hours above it, then a price that
    // hovers at the bid for 6 hours (above it every other step), then a calm day.
    const start = UNTIL - 10 * DAY;
    const points = [];
    for (let t = start; t < UNTIL; t += 300) {
      const since = t - (UNTIL - 3 * DAY);
      let price = 0.2;
      if (since >= 0 && since < 6 * 3600) price = 0.4;
      else if (since >= 6 * 3600 && since < 12 * 3600) price = (since / 300) % 2 === 0 ? 0.2301 : 0.229;
      points.push({ price, timestamp: t });
    }
    const one = fleetSpec({ name: 'one', count: 2, metros: ['sv'], plans: ['c3.small'], price: { strategy: 'balanced' }, fallback: 'on-demand' });
    const plan = planFleet(one, [{ metro: 'sv', plan: 'c3.small', onDemand: 0.5, points }], { from: UNTIL - 4 * DAY, until: UNTIL });
    expect(plan.fleet.kept).toBeGreaterThan(0.99);
    expect(plan.fleet.kept_on_spot).toBeLessThan(plan.fleet.kept);
    const m = plan.fleet.markets[0]!;
    expect(m.on_demand_hours).toBeGreaterThan(12 * 2 - 1);
    // Two notices when the market rises; two on-demand fallbacks; two returns to spot: no more.
    expect(m.revocations).toBe(2);
    expect(m.purchases).toBe(2 + 2 + 2);
  });
});
