import { describe, expect, it } from 'vitest';
import { METROS, OUT_OF_CAPACITY_FACTOR, PLANS, findPlan } from '../../src/sandbox/market/catalog.js';
import { PriceModel, STEP_SECONDS } from '../../src/sandbox/market/price-model.js';

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

  it('keeps every market at its own level below on-demand, with prices > 0 rounded to 4 decimals', () => {
    const model = new PriceModel(42);
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

  it('refuses unknown metros and plans, and times that are not finite', () => {
    const model = new PriceModel(1);
    expect(() => model.priceAt('xx', 'c3.small', NOW)).toThrow(/unknown metro: xx/);
    expect(() => model.history('sv', 'z9.huge', NOW - 600, NOW)).toThrow(/unknown plan: z9.huge/);
    expect(() => model.priceAt('sv', 'c3.small', Number.NaN)).toThrow(RangeError);
    expect(() => model.history('sv', 'c3.small', NOW, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
