import { describe, expect, it } from 'vitest';
import { METROS, OUT_OF_CAPACITY_FACTOR, PLANS, findPlan } from '../../src/sandbox/market/catalog.js';
import { PriceModel, STEP_SECONDS, VOLATILITIES, type Volatility } from '../../src/sandbox/market/price-model.js';
import type { PricePoint } from '../../src/api/types.js';
import type { BacktestResult } from '../../src/client/backtest.js';
import { BID_STRATEGIES, backtestChoice, chooseBidPrice, type BidStrategy } from '../../src/client/bid-strategy.js';

const DAY = 86_400;
// Deliberately not a multiple of 300.
const NOW = 1_763_800_123;
const MARKETS = METROS.flatMap((m) => PLANS.map((p) => ({ metro: m.code, plan: p.slug, onDemand: p.pricing.hour })));

function onDemand(plan: string): number {
  return findPlan(plan)!.pricing.hour;
}

describe('PriceModel', () => {
  it('gives the same prices for the same seed, whatever was asked before', () => {
    const a = new PriceModel(42);
    const reference = a.history('sv', 'c3.small', NOW - DAY, NOW);

    const b = new PriceModel(42);
    b.history('am', 'g3.xlarge', NOW - 30 * DAY, NOW);
    b.priceAt('sv', 'c3.small', NOW + 10 * DAY);
    b.outOfCapacity('sv', 'c3.small', NOW - 50 * DAY);
    for (const point of [...reference].reverse()) {
      expect(b.priceAt('sv', 'c3.small', point.timestamp)).toBe(point.price);
    }
    expect(b.history('sv', 'c3.small', NOW - DAY, NOW)).toEqual(reference);
  });

  it('gives different markets for different seeds, and different prices per market', () => {
    const one = new PriceModel(1).history('sv', 'c3.small', NOW - DAY, NOW);
    const two = new PriceModel(2).history('sv', 'c3.small', NOW - DAY, NOW);
    expect(one.map((p) => p.price)).not.toEqual(two.map((p) => p.price));

    const model = new PriceModel(1);
    const sv = model.history('sv', 'c3.medium', NOW - DAY, NOW).map((p) => p.price);
    const da = model.history('da', 'c3.medium', NOW - DAY, NOW).map((p) => p.price);
    expect(sv).not.toEqual(da);
  });

  it('returns points on multiples of 300 s from `from` to `until` inclusive, oldest first', () => {
    const model = new PriceModel(7);
    const from = NOW - 3 * 3600 - 17;
    const points = model.history('ny', 'm3.large', from, NOW);
    expect(points.length).toBeGreaterThan(30);
    const first = points[0]!;
    const last = points.at(-1)!;
    expect(first.timestamp).toBeGreaterThanOrEqual(from);
    expect(first.timestamp - STEP_SECONDS).toBeLessThan(from);
    expect(last.timestamp).toBeLessThanOrEqual(NOW);
    expect(last.timestamp + STEP_SECONDS).toBeGreaterThan(NOW);
    points.forEach((p, i) => {
      expect(p.timestamp % STEP_SECONDS).toBe(0);
      if (i > 0) expect(p.timestamp - points[i - 1]!.timestamp).toBe(STEP_SECONDS);
    });

    const aligned = 5_879_000 * STEP_SECONDS;
    const exact = model.history('ny', 'm3.large', aligned, aligned + 600);
    expect(exact.map((p) => p.timestamp)).toEqual([aligned, aligned + 300, aligned + 600]);
    expect(model.history('ny', 'm3.large', aligned + 1, aligned + 299)).toEqual([]);
    expect(model.history('ny', 'm3.large', NOW, NOW - 600)).toEqual([]);
  });

  it('holds one price through each 5-minute step, the same as the history point', () => {
    const model = new PriceModel(3);
    for (const point of model.history('fr', 's3.xlarge', NOW - 2 * 3600, NOW)) {
      for (const offset of [0, 1, 150, 299, 299.9]) {
        expect(model.priceAt('fr', 's3.xlarge', point.timestamp + offset)).toBe(point.price);
      }
    }
  });

  it.each(VOLATILITIES)('keeps every market at its own level below on-demand, with prices > 0 rounded to 4 decimals (%s)', (volatility) => {
    const model = new PriceModel(42, { volatility });
    const medians: number[] = [];
    for (const { metro, plan, onDemand } of MARKETS) {
      const prices = model.history(metro, plan, NOW - 90 * DAY, NOW).map((p) => p.price);
      expect(prices.filter((p) => !(p > 0) || Math.round(p * 1e4) / 1e4 !== p)).toEqual([]);
      const ordinary = prices.filter((p) => p !== onDemand * OUT_OF_CAPACITY_FACTOR).sort((a, b) => a - b);
      const median = ordinary[Math.floor(ordinary.length / 2)]! / onDemand;
      expect(median).toBeGreaterThan(0.15);
      expect(median).toBeLessThan(0.75);
      expect(ordinary[0]! / onDemand).toBeGreaterThan(0.1);
      // Short surges may cross on-demand, but stay under any 2-3x "continuity" bid.
      expect(ordinary.at(-1)! / onDemand).toBeLessThan(2);
      medians.push(median);
    }
    // Markets differ from one another.
    expect(Math.max(...medians) - Math.min(...medians)).toBeGreaterThan(0.2);
  });

  it('moves visibly over a day', () => {
    const model = new PriceModel(42);
    for (const { metro, plan } of MARKETS) {
      const prices = new Set(model.history(metro, plan, NOW - DAY, NOW).map((p) => p.price));
      expect(prices.size).toBeGreaterThan(20);
    }
  });

  it('has out-of-capacity spells at exactly 10x on-demand in most markets over 90 days', () => {
    for (const seed of [1, 42, 2026]) {
      const model = new PriceModel(seed);
      let withSpell = 0;
      for (const { metro, plan, onDemand } of MARKETS) {
        const points = model.history(metro, plan, NOW - 90 * DAY, NOW);
        const runs: number[] = [];
        let run = 0;
        let disagreements = 0;
        for (const point of points) {
          const out = model.outOfCapacity(metro, plan, point.timestamp);
          if (out !== (point.price === onDemand * OUT_OF_CAPACITY_FACTOR)) disagreements++;
          if (out) run++;
          else if (run > 0) {
            runs.push(run);
            run = 0;
          }
        }
        if (run > 0) runs.push(run);
        expect(disagreements).toBe(0);
        if (runs.length > 0) withSpell++;
        // A few per 90 days, each tens of minutes to a few hours (two may touch).
        expect(runs.length).toBeLessThanOrEqual(12);
        for (const steps of runs) expect(steps * STEP_SECONDS).toBeLessThanOrEqual(6 * 3600);
      }
      expect(withSpell).toBeGreaterThanOrEqual(Math.ceil(MARKETS.length * 0.8));
    }
  });

  it('computes 90 days of history and far-off prices directly', () => {
    const model = new PriceModel(5);
    const until = 5_879_000 * STEP_SECONDS;
    expect(model.history('sg', 'g3.xlarge', until - 90 * DAY, until)).toHaveLength(90 * 288 + 1);
    const future = model.priceAt('sg', 'g3.xlarge', NOW + 365 * DAY);
    const past = model.priceAt('sg', 'g3.xlarge', NOW - 365 * DAY);
    expect(future).toBeGreaterThan(0);
    expect(past).toBeGreaterThan(0);
    expect(onDemand('g3.xlarge')).toBe(5);
  });

  it('keeps a seed\'s spells at every volatility, and moves the prices between them', () => {
    const calm = new PriceModel(42, { volatility: 'low' });
    const wild = new PriceModel(42, { volatility: 'high' });
    const normal = new PriceModel(42);
    expect(new PriceModel(42, { volatility: 'normal' }).history('am', 'm3.large', NOW - DAY, NOW)).toEqual(normal.history('am', 'm3.large', NOW - DAY, NOW));
    for (const { metro, plan } of MARKETS.slice(0, 10)) {
      for (const point of normal.history(metro, plan, NOW - 30 * DAY, NOW).filter((_, i) => i % 7 === 0)) {
        const out = normal.outOfCapacity(metro, plan, point.timestamp);
        expect(calm.outOfCapacity(metro, plan, point.timestamp)).toBe(out);
        expect(wild.outOfCapacity(metro, plan, point.timestamp)).toBe(out);
      }
      expect(wild.history(metro, plan, NOW - DAY, NOW)).not.toEqual(normal.history(metro, plan, NOW - DAY, NOW));
    }
  });

  it('refuses unknown metros and plans, and times that are not finite', () => {
    expect(() => new PriceModel(1, { volatility: 'wild' as never })).toThrow(/volatility must be one of low, normal, high, got wild/);
    const model = new PriceModel(1);
    expect(() => model.priceAt('xx', 'c3.small', NOW)).toThrow(/unknown metro: xx/);
    expect(() => model.history('sv', 'z9.huge', NOW - 600, NOW)).toThrow(/unknown plan: z9.huge/);
    expect(() => model.priceAt('sv', 'c3.small', Number.NaN)).toThrow(RangeError);
    expect(() => model.history('sv', 'c3.small', NOW, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('PriceModel, as a bidder lives it', () => {
  // Each strategy's price is chosen from the 7 days before a moment and
  // backtested over the 7 days after it, in every market of 50 seeds (20
  // for the other volatilities).
  const SEEDS: Record<Volatility, number> = { low: 20, normal: 50, high: 20 };
  const WEEK = 7 * DAY;
  const start = NOW - (NOW % STEP_SECONDS);

  interface Week {
    strategy: BidStrategy;
    result: BacktestResult;
    /** On-demand and continuity bids: the points above the bid, and which are out of capacity. */
    above: PricePoint[];
    spell: boolean[];
  }

  const weeks = new Map<Volatility, Week[]>();
  function bidderWeeks(volatility: Volatility): Week[] {
    let found = weeks.get(volatility);
    if (found) return found;
    found = [];
    for (let seed = 1; seed <= SEEDS[volatility]; seed++) {
      const model = new PriceModel(seed, { volatility });
      const t = start + seed * 3 * DAY;
      for (const { metro, plan, onDemand } of MARKETS) {
        const before = model.history(metro, plan, t - WEEK, t);
        const after = model.history(metro, plan, t + STEP_SECONDS, t + WEEK);
        for (const strategy of BID_STRATEGIES) {
          const choice = chooseBidPrice(strategy, before, onDemand, '7-day');
          const result = backtestChoice(choice, after);
          const above = choice.price >= onDemand ? after.filter((p) => p.price > choice.price) : [];
          found.push({ strategy, result, above, spell: above.map((p) => p.price === onDemand * OUT_OF_CAPACITY_FACTOR) });
        }
      }
    }
    weeks.set(volatility, found);
    return found;
  }
  const of = (volatility: Volatility, strategy: BidStrategy) => bidderWeeks(volatility).filter((w) => w.strategy === strategy);
  const stat = (volatility: Volatility, strategy: BidStrategy, field: 'availability' | 'revocations_per_day' | 'savings') =>
    of(volatility, strategy).map((w) => w.result[field] ?? Number.NaN);

  it('runs a balanced bid at least 90% of the time and revokes it about once a day or less', () => {
    expect(quantile(stat('normal', 'balanced', 'availability'), 0.5)).toBeGreaterThanOrEqual(0.9);
    expect(quantile(stat('normal', 'balanced', 'availability'), 0.1)).toBeGreaterThanOrEqual(0.75);
    expect(quantile(stat('normal', 'balanced', 'revocations_per_day'), 0.5)).toBeLessThanOrEqual(1);
    expect(quantile(stat('normal', 'balanced', 'revocations_per_day'), 0.9)).toBeLessThanOrEqual(2.5);
    // Still a market: rises revoke balanced bids in most weeks.
    expect(quantile(stat('normal', 'balanced', 'revocations_per_day'), 0.5)).toBeGreaterThan(0);
    expect(quantile(stat('normal', 'balanced', 'savings'), 0.5)).toBeGreaterThan(0.4);
  });

  it('rarely fills a bid at last week\'s minimum', () => {
    expect(quantile(stat('normal', 'cost', 'availability'), 0.5)).toBeLessThanOrEqual(0.02);
  });

  it('revokes an on-demand bid only in short surges and spells', () => {
    expect(quantile(stat('normal', 'on-demand', 'availability'), 0.5)).toBeGreaterThanOrEqual(0.99);
    expect(mean(stat('normal', 'on-demand', 'revocations_per_day'))).toBeLessThanOrEqual(0.15);
    for (const { above, spell } of of('normal', 'on-demand')) {
      // Ordinary prices stay below on-demand: what is above it and no spell is a surge of an hour at most.
      const surge = above.filter((_, i) => !spell[i]);
      expect(longestRun(surge)).toBeLessThanOrEqual(12);
    }
  });

  it('revokes a continuity bid only in out-of-capacity spells, at every volatility', () => {
    for (const volatility of VOLATILITIES) {
      for (const { spell } of of(volatility, 'continuity')) expect(spell.every(Boolean)).toBe(true);
    }
  });

  it('churns more as the volatility rises', () => {
    const churn = VOLATILITIES.map((v) => mean(stat(v, 'balanced', 'revocations_per_day')));
    expect(churn[0]).toBeLessThan(churn[1]!);
    expect(churn[1]! * 3).toBeLessThan(churn[2]!);
    // High: several revocations a day, yet a balanced bid still runs much of the time.
    expect(quantile(stat('high', 'balanced', 'revocations_per_day'), 0.5)).toBeGreaterThanOrEqual(3);
    expect(quantile(stat('high', 'balanced', 'availability'), 0.5)).toBeGreaterThan(0.5);
    expect(quantile(stat('low', 'balanced', 'availability'), 0.5)).toBeGreaterThanOrEqual(0.97);
  });

  it('drifts over days', () => {
    const model = new PriceModel(42);
    for (const { metro, plan } of MARKETS) {
      const prices = model.history(metro, plan, NOW - 28 * DAY, NOW).map((p) => p.price);
      const daily = Array.from({ length: 28 }, (_, d) => quantile(prices.slice(d * 288, (d + 1) * 288), 0.5));
      expect(Math.max(...daily) / Math.min(...daily)).toBeGreaterThan(1.03);
    }
  });
});

function quantile(values: number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The longest run of points 300 s apart. */
function longestRun(points: PricePoint[]): number {
  let longest = 0;
  let run = 0;
  points.forEach((p, i) => {
    run = i > 0 && p.timestamp - points[i - 1]!.timestamp === STEP_SECONDS ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}
