// The check every price history passes before a chart, a strategy or a
// backtest reads it: one quick test per point, and a message naming the
// point that fails.
import { describe, expect, it } from 'vitest';
import { priceHistory } from '../../src/client/shapes.js';
import { ServerError } from '../../src/errors.js';

const at = (timestamp: number, price = 0.2) => ({ timestamp, price });

describe('a price history as the server answers it', () => {
  it('passes points oldest first, zero prices included, and nothing at all', () => {
    const points = [at(300, 0), at(600), at(1200)];
    expect(priceHistory({ prices: points })).toBe(points);
    expect(priceHistory({ prices: [] })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a price that is no number', { prices: [at(300), { timestamp: 600, price: '0.2' }] }, 'the server answered a price history point whose price is not a number'],
    ['a point that is no object', { prices: [at(300), null] }, 'the server answered without the object that was asked for'],
    ['a negative price', { prices: [at(300), at(600, -0.1)] }, 'the server answered a price history whose point 1 has a negative price'],
    ['a point before the one before it', { prices: [at(600), at(300)] }, 'the server answered a price history whose point 1 is not after the one before it'],
    ['a time twice', { prices: [at(300), at(600), at(600)] }, 'the server answered a price history whose point 2 is not after the one before it'],
    ['no list', { prices: 'none' }, 'the server answered a price history whose prices is not an array'],
  ])('refuses %s', (_, body, message) => {
    expect(() => priceHistory(body)).toThrow(ServerError);
    expect(() => priceHistory(body)).toThrow(message);
  });
});
