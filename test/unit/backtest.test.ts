import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricePoint } from '../../src/api/types.js';
import { backtest, priceForAvailability } from '../../src/client/backtest.js';

const T0 = 1_763_800_200; // 2025-11-22T08:30:00Z
const DAY = 86_400;

/** Points every 300 s from T0. */
function series(...prices: number[]): PricePoint[] {
  return prices.map((price, i) => ({ price, timestamp: T0 + i * 300 }));
}

describe('backtest', () => {
  it('runs all the time on a market flat below the price', () => {
    expect(backtest(series(0.2, 0.2, 0.2, 0.2), 0.3, { onDemandPrice: 1 })).toEqual({
      availability: 1,
      revocations: 0,
      revocations_per_day: 0,
      mean_run_seconds: 1200,
      longest_run_seconds: 1200,
      avg_price: 0.2,
      on_demand_price: 1,
      savings: 0.8,
      max_bid_price: 0.3,
      from: '2025-11-22T08:30:00Z',
      until: '2025-11-22T08:45:00Z',
      points: 4,
    });
  });

  it('never runs on a market flat above the price', () => {
    expect(backtest(series(0.5, 0.5, 0.5), 0.3, { onDemandPrice: 1 })).toMatchObject({
      availability: 0,
      revocations: 0,
      revocations_per_day: 0,
      mean_run_seconds: 0,
      longest_run_seconds: 0,
      avg_price: null,
      on_demand_price: 1,
      savings: null,
      points: 3,
    });
  });

  it('is revoked once by one spike, and runs at a price equal to the bid', () => {
    const result = backtest(series(0.1, 0.2, 0.5, 0.2, 0.3), 0.3, { onDemandPrice: 0.5 });
    expect(result.availability).toBe(0.8);
    expect(result.revocations).toBe(1);
    expect(result.revocations_per_day).toBeCloseTo(1 / (1500 / DAY), 9);
    expect(result.mean_run_seconds).toBe(600);
    expect(result.longest_run_seconds).toBe(600);
    expect(result.avg_price).toBeCloseTo(0.2, 12);
    expect(result.savings).toBeCloseTo(0.6, 12);
    expect(result.until).toBe('2025-11-22T08:50:00Z');
  });

  it('weights each point by the time until the next one', () => {
    // 0.1 holds 600 s (one missing point is bridged), 0.4 300 s, 0.3 the last step (300 s).
    const points = [
      { price: 0.1, timestamp: T0 },
      { price: 0.4, timestamp: T0 + 600 },
      { price: 0.3, timestamp: T0 + 900 },
    ];
    const result = backtest(points, 0.35);
    expect(result.availability).toBe(900 / 1200);
    expect(result.avg_price).toBeCloseTo((0.1 * 600 + 0.3 * 300) / 900, 12);
    expect(result.longest_run_seconds).toBe(600);
    expect(result.mean_run_seconds).toBe(450);
  });

  it('never runs in an out-of-capacity spell, whatever the bid, also when the price was rounded', () => {
    const points = series(0.2, 5, 4.99996, 0.2);
    const result = backtest(points, 100, { onDemandPrice: 0.5 });
    expect(result.availability).toBe(0.5);
    expect(result.revocations).toBe(1);
    expect(result.longest_run_seconds).toBe(300);
    expect(result.avg_price).toBe(0.2);
    // Without the on-demand price nothing marks the spell: the bid is compared with the price alone.
    expect(backtest(points, 100)).toMatchObject({ availability: 1, revocations: 0, on_demand_price: null, savings: null });
  });

  it('leaves a gap out of the time, counts a rise across it, and lets a run span it', () => {
    // Intervals 300, 600 (bridged), 300, 3800 (a gap: 300 counted), 300; the last point 300.
    const points = [
      { price: 0.2, timestamp: T0 },
      { price: 0.4, timestamp: T0 + 300 },
      { price: 0.2, timestamp: T0 + 900 },
      { price: 0.2, timestamp: T0 + 1200 },
      { price: 0.2, timestamp: T0 + 5000 },
      { price: 0.4, timestamp: T0 + 5300 },
    ];
    const result = backtest(points, 0.3);
    expect(result.availability).toBe(1200 / 2100);
    expect(result.revocations).toBe(2);
    expect(result.revocations_per_day).toBeCloseTo(2 / (2100 / DAY), 9);
    expect(result.longest_run_seconds).toBe(900);
    expect(result.mean_run_seconds).toBe(600);
    expect(result.until).toBe('2025-11-22T09:58:20Z');

    const across = [
      { price: 0.2, timestamp: T0 },
      { price: 0.4, timestamp: T0 + 10 * 300 },
    ];
    expect(backtest(across, 0.3, { stepSeconds: 300 })).toMatchObject({ availability: 0.5, revocations: 1, longest_run_seconds: 300 });
  });

  it('counts a single point for one step: 300 s, or the step given', () => {
    expect(backtest(series(0.2), 0.3)).toMatchObject({
      availability: 1,
      revocations: 0,
      mean_run_seconds: 300,
      longest_run_seconds: 300,
      from: '2025-11-22T08:30:00Z',
      until: '2025-11-22T08:30:00Z',
      points: 1,
    });
    expect(backtest(series(0.2), 0.3, { stepSeconds: 3600 }).longest_run_seconds).toBe(3600);
  });

  it('takes the most common interval as the step of the last point', () => {
    // Intervals 3600, 3600, 7200 (one missing point, bridged); the last point holds 3600.
    const hourly = [0, 3600, 7200, 14_400].map((dt, i) => ({ price: i === 3 ? 0.2 : 0.5, timestamp: T0 + dt }));
    expect(backtest(hourly, 0.3).availability).toBe(3600 / 18_000);
  });

  it('refuses empty, unordered or garbled input and an unusable price', () => {
    expect(() => backtest([], 0.3)).toThrow(new RangeError('no price points to backtest'));
    expect(() => backtest([series(0.2)[0]!, series(0.2)[0]!], 0.3)).toThrow(/oldest first: point 1/);
    expect(() => backtest(series(0.2, Number.NaN), 0.3)).toThrow(/price point 1 is not a price/);
    expect(() => backtest(series(-1), 0.3)).toThrow(/price point 0/);
    expect(() => backtest(series(0.2), 0)).toThrow(/max bid price must be a positive number/);
    expect(() => backtest(series(0.2), 0.3, { onDemandPrice: 0 })).toThrow(/on-demand price/);
    expect(() => backtest(series(0.2), 0.3, { stepSeconds: -1 })).toThrow(/step/);
  });

  it('is not monotone in revocations: a bid just under a plateau is revoked more often than one at it', () => {
    const points = series(0.2, 0.3, 0.2, 0.3, 0.2, 0.5, 0.2);
    expect(backtest(points, 0.1).revocations).toBe(0);
    expect(backtest(points, 0.25).revocations).toBe(3);
    expect(backtest(points, 0.3).revocations).toBe(1);
    expect(backtest(points, 0.5).revocations).toBe(0);
  });
});

describe('priceForAvailability', () => {
  // On-demand 1: the 10 is an out-of-capacity spell, so at most 0.8 is reachable.
  const points = series(0.3, 0.1, 0.2, 0.4, 10);

  it('gives the lowest price in the window that reaches the target', () => {
    expect(priceForAvailability(points, 0.2, { onDemandPrice: 1 })).toEqual({ price: 0.1, reachable: 0.8 });
    expect(priceForAvailability(points, 0.21, { onDemandPrice: 1 })).toEqual({ price: 0.2, reachable: 0.8 });
    expect(priceForAvailability(points, 0.6, { onDemandPrice: 1 })).toEqual({ price: 0.3, reachable: 0.8 });
    expect(priceForAvailability(points, 0.8, { onDemandPrice: 1 })).toEqual({ price: 0.4, reachable: 0.8 });
  });

  it('gives no price beyond what the spells leave reachable', () => {
    expect(priceForAvailability(points, 0.81, { onDemandPrice: 1 })).toEqual({ price: null, reachable: 0.8 });
    expect(priceForAvailability(series(10, 10), 0.5, { onDemandPrice: 1 })).toEqual({ price: null, reachable: 0 });
  });

  it('weights prices by time', () => {
    // 0.5 holds 1500 s of 1800: it alone reaches 0.8.
    const uneven = [
      { price: 0.5, timestamp: T0 },
      { price: 0.1, timestamp: T0 + 1500 },
    ];
    expect(priceForAvailability(uneven, 0.8, { onDemandPrice: 1, stepSeconds: 300 })).toEqual({ price: 0.5, reachable: 1 });
    expect(priceForAvailability(uneven, 0.1, { onDemandPrice: 1, stepSeconds: 300 })).toEqual({ price: 0.1, reachable: 1 });
  });

  it('refuses a target outside (0, 1] and empty input', () => {
    expect(() => priceForAvailability(points, 0, { onDemandPrice: 1 })).toThrow(/above 0 and at most 1/);
    expect(() => priceForAvailability(points, 1.01, { onDemandPrice: 1 })).toThrow(/above 0 and at most 1/);
    expect(() => priceForAvailability([], 0.5, { onDemandPrice: 1 })).toThrow(/no price points/);
  });
});

describe('backtest properties', () => {
  // Few distinct prices, so that ties and plateaus are common; 10 is a spell at on-demand 1.
  const price = fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 0.9, 1.2, 10);
  const market = fc
    .array(fc.tuple(price, fc.constantFrom(300, 300, 300, 600, 900, 5000)), { minLength: 1, maxLength: 60 })
    .map((steps) => {
      let t = T0;
      return steps.map(([p, dt]) => ({ price: p, timestamp: (t += dt) }));
    });
  const bid = fc.constantFrom(0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.9, 1, 1.2, 5, 20);
  const options = { onDemandPrice: 1 };

  it('never lowers availability or the longest run when the price rises', () => {
    fc.assert(
      fc.property(market, bid, bid, (points, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lower = backtest(points, low, options);
        const higher = backtest(points, high, options);
        expect(higher.availability).toBeGreaterThanOrEqual(lower.availability);
        expect(higher.longest_run_seconds).toBeGreaterThanOrEqual(lower.longest_run_seconds);
      }),
    );
  });

  it('ends every run but the last in a revocation', () => {
    fc.assert(
      fc.property(market, bid, (points, max) => {
        const result = backtest(points, max, options);
        const runningAtEnd = points.at(-1)!.price <= max && points.at(-1)!.price < 10;
        const runs = result.revocations + (runningAtEnd ? 1 : 0);
        // Unbid and without spells, one run covers all the time the points cover.
        const covered = backtest(points, 1e9).longest_run_seconds;
        expect(result.mean_run_seconds * runs).toBeCloseTo(result.availability * covered, 6);
      }),
    );
  });

  it('finds the lowest price that reaches a target, and no lower one in the window does', () => {
    fc.assert(
      fc.property(market, fc.double({ min: 0.01, max: 1, noNaN: true }), (points, target) => {
        const { price, reachable } = priceForAvailability(points, target, options);
        const distinct = [...new Set(points.map((p) => p.price).filter((p) => p < 10))].sort((a, b) => a - b);
        if (distinct.length > 0) expect(reachable).toBeCloseTo(backtest(points, distinct.at(-1)!, options).availability, 12);
        else expect(reachable).toBe(0);
        if (price === null) {
          for (const p of distinct) expect(backtest(points, p, options).availability).toBeLessThan(target);
          return;
        }
        expect(distinct).toContain(price);
        expect(backtest(points, price, options).availability).toBeGreaterThanOrEqual(target);
        for (const p of distinct.filter((d) => d < price)) expect(backtest(points, p, options).availability).toBeLessThan(target);
      }),
    );
  });
});
