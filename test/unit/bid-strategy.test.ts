import { describe, expect, it } from 'vitest';
import type { PricePoint } from '../../src/api/types.js';
import {
  BID_STRATEGIES,
  OUT_OF_CAPACITY_FACTOR,
  backtestChoice,
  chooseBidPrice,
  isBidStrategy,
} from '../../src/client/bid-strategy.js';
import * as catalog from '../../src/sandbox/market/catalog.js';
import { PriceModel } from '../../src/sandbox/market/price-model.js';

function history(...prices: number[]): PricePoint[] {
  return prices.map((price, i) => ({ price, timestamp: 1_763_800_200 + i * 300 }));
}

// On-demand 1.00; 10.0 is an out-of-capacity spell; 1.35 a short surge.
const WEEK = history(0.3, 0.2534, 0.41, 10, 10, 1.35, 0.2811);

describe('chooseBidPrice', () => {
  it('bids the minimum for "cost"', () => {
    expect(chooseBidPrice('cost', WEEK, 1, '7-day')).toEqual({
      strategy: 'cost',
      price: 0.2534,
      reason: 'cost: the 7-day minimum 0.2534',
      basis: { min: 0.2534, onDemand: 1, points: 5 },
    });
  });

  it('bids 15% above the minimum for "balanced"', () => {
    const choice = chooseBidPrice('balanced', WEEK, 1, '7-day');
    expect(choice.price).toBe(0.2914);
    expect(choice.reason).toBe('balanced: 15% above the 7-day minimum 0.2534 (0.2914)');
    expect(chooseBidPrice('balanced', history(0.1834, 0.2), 1, '7-day').reason).toBe(
      'balanced: 15% above the 7-day minimum 0.1834 (0.2109)',
    );
  });

  it('bids the on-demand price for "on-demand" and 2.5x it for "continuity"', () => {
    const onDemand = chooseBidPrice('on-demand', WEEK, 2, '7-day');
    expect(onDemand.price).toBe(2);
    expect(onDemand.reason).toBe("on-demand: the plan's on-demand price 2.0000");
    expect(onDemand.basis).toEqual({ min: 0.2534, onDemand: 2, points: 7 });

    const continuity = chooseBidPrice('continuity', WEEK, 2, '7-day');
    expect(continuity.price).toBe(5);
    expect(continuity.reason).toBe('continuity: 2.5x the on-demand price 2.0000 (5.0000)');
  });

  it('rounds every price to 4 decimals', () => {
    const prices = history(0.123456, 0.2);
    expect(chooseBidPrice('cost', prices, 1, '24-hour').price).toBe(0.1235);
    expect(chooseBidPrice('balanced', prices, 1, '24-hour').price).toBe(0.142);
    expect(chooseBidPrice('on-demand', prices, 1 / 3, '24-hour').price).toBe(0.3333);
    expect(chooseBidPrice('continuity', prices, 1 / 3, '24-hour').price).toBe(0.8333);
    expect(chooseBidPrice('cost', history(0.00001), 1, '24-hour').price).toBe(0.0001);
  });

  it('ignores out-of-capacity points, also when the server rounded them', () => {
    const choice = chooseBidPrice('cost', history(5, 4.99996, 0.9, 5), 0.5, '7-day');
    expect(choice.price).toBe(0.9);
    expect(choice.basis.points).toBe(1);
  });

  it('explains that there is no history for "cost" and "balanced"', () => {
    for (const strategy of ['cost', 'balanced'] as const) {
      expect(() => chooseBidPrice(strategy, [], 1, '7-day')).toThrow(/no 7-day price history .*"on-demand"/);
      expect(() => chooseBidPrice(strategy, history(10, 10), 1, '7-day')).toThrow(/out of capacity for the whole 7-day/);
    }
    expect(chooseBidPrice('on-demand', [], 1, '7-day').basis).toEqual({ onDemand: 1, points: 0 });
    expect(chooseBidPrice('continuity', [], 1, '7-day').price).toBe(2.5);
  });

  it('refuses an unusable on-demand price or strategy', () => {
    expect(() => chooseBidPrice('on-demand', WEEK, 0, '7-day')).toThrow(/on-demand price/);
    expect(() => chooseBidPrice('on-demand', WEEK, Number.NaN, '7-day')).toThrow(/on-demand price/);
    expect(() => chooseBidPrice('cheap' as never, WEEK, 1, '7-day')).toThrow(/unknown bid strategy "cheap"/);
  });

  it('knows the four strategies', () => {
    expect(BID_STRATEGIES).toEqual(['cost', 'balanced', 'on-demand', 'continuity']);
    expect(isBidStrategy('balanced')).toBe(true);
    expect(isBidStrategy('cheap')).toBe(false);
  });

  it('agrees with the sandbox on what out of capacity means', () => {
    expect(OUT_OF_CAPACITY_FACTOR).toBe(catalog.OUT_OF_CAPACITY_FACTOR);
  });

  it('orders the strategies from cheapest to safest on a simulated market', () => {
    const model = new PriceModel(42);
    const until = 1_763_800_000;
    for (const plan of catalog.PLANS) {
      const week = model.history('sv', plan.slug, until - 7 * 86_400, until);
      const [cost, balanced, onDemand, continuity] = BID_STRATEGIES.map(
        (s) => chooseBidPrice(s, week, plan.pricing.hour, '7-day').price,
      );
      expect(cost).toBeGreaterThan(0);
      expect(balanced).toBeGreaterThan(cost!);
      expect(onDemand).toBeGreaterThan(balanced!);
      expect(continuity).toBeGreaterThan(onDemand!);
    }
  });
});

describe('backtestChoice', () => {
  it('replays the chosen price over its look-back, spells unavailable at any price', () => {
    const balanced = backtestChoice(chooseBidPrice('balanced', WEEK, 1, '7-day'), WEEK);
    expect(balanced).toMatchObject({ max_bid_price: 0.2914, availability: 2 / 7, revocations: 1, on_demand_price: 1, points: 7 });
    expect(balanced.avg_price).toBeCloseTo((0.2534 + 0.2811) / 2, 12);
    const continuity = backtestChoice(chooseBidPrice('continuity', WEEK, 1, '7-day'), WEEK);
    expect(continuity).toMatchObject({ availability: 5 / 7, revocations: 1, longest_run_seconds: 900 });
  });

  it('replays it over the days after the look-back, as a bidder lives them', () => {
    const next = history(0.25, 0.26, 0.3, 0.26).map((p) => ({ ...p, timestamp: p.timestamp + 7 * 300 }));
    const cost = backtestChoice(chooseBidPrice('cost', WEEK, 1, '7-day'), next);
    expect(cost).toMatchObject({ max_bid_price: 0.2534, availability: 0.25, revocations: 1, avg_price: 0.25, savings: 0.75 });
    expect(() => backtestChoice(chooseBidPrice('on-demand', [], 1, '7-day'), [])).toThrow(/no price points/);
  });
});
