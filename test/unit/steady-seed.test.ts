import { describe, expect, it } from 'vitest';
import { PriceModel } from '../../src/sandbox/market/price-model.js';
import { steadySeed as steadySeedAt } from '../../src/sandbox/market/steady.js';
import { steadyFor, steadySeed } from '../helpers/market.js';

describe('steadySeed (the seed of a sandbox started without --seed, and of the tests\' sandboxes)', () => {
  // A moment inside an out-of-capacity spell of seed 7's default market: a
  // test run then once failed every plain `spots add`.
  const spell = Date.parse('2026-11-23T04:29:00Z');

  it('steps past a seed whose default market is out of capacity now', () => {
    expect(new PriceModel(7).outOfCapacity('sv', 'c3.small', spell / 1000)).toBe(true);
    const seed = steadySeed(7, spell);
    expect(seed).not.toBe(7);
    expect(steadyFor(new PriceModel(seed), spell / 1000, 6)).toBe(true);
  });

  it('finds a steady seed at the volatility asked for', () => {
    const seed = steadySeedAt(7, spell, 6, { volatility: 'high' });
    expect(steadyFor(new PriceModel(seed, { volatility: 'high' }), spell / 1000, 6)).toBe(true);
    expect(steadySeedAt(seed, spell, 6, { volatility: 'high' })).toBe(seed);
  });

  it('keeps the seed asked for when its markets are steady', () => {
    const seed = steadySeed(7, spell);
    expect(steadySeed(seed, spell)).toBe(seed);
  });
});
