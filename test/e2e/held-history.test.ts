// The price history tells what the market was, prices held by `sandbox
// price set` included: a backtest run just after a revocation the held
// price caused finds that revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PricePoint, Spot } from '../../src/api/types.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

const MARKET = ['--metro', 'sv', '--plan', 'c3.small'];
const nowS = async () => Math.floor(Date.parse((await t.runJson<{ now: string }>(['sandbox', 'clock', 'advance', '1s'])).now) / 1000);

describe('the price history of a market whose price was held', () => {
  it('has the held price from the second it was set, and the simulated one again from the second it was reset', async () => {
    const before = await nowS();
    await t.runJson(['sandbox', 'price', 'set', ...MARKET, '9.5']);
    const heldAt = await nowS();
    await t.runJson(['sandbox', 'clock', 'advance', '20m']);
    // The reset falls between these two: in heldUntil's second or after, and before resetAt's end.
    // (Not resetAt alone: a busy machine may take more than a second to ask it.)
    const heldUntil = await nowS();
    await t.runJson(['sandbox', 'price', 'reset', ...MARKET]);
    const resetAt = await nowS();
    const end = (await nowS()) + 600;
    await t.runJson(['sandbox', 'clock', 'advance', '10m']);

    // The window in the sandbox's time, which `clock advance` has moved past the machine's.
    const points = await t.runJson<PricePoint[]>(['market', 'history', ...MARKET, '--from', String(before - 3600), '--until', String(end)]);
    const times = points.map((p) => p.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    const during = points.filter((p) => p.timestamp >= before + 1 && p.timestamp < heldUntil);
    // The hold began within the second before `heldAt`: a point there, and every 300-s point after it, at 9.5.
    expect(during.length).toBeGreaterThanOrEqual(4);
    expect(during.filter((p) => p.timestamp >= heldAt).every((p) => p.price === 9.5)).toBe(true);
    expect(points.some((p) => p.timestamp > before - 1 && p.timestamp <= heldAt && p.price === 9.5)).toBe(true);
    // Before and after, the simulation's prices, never the held one.
    expect(points.filter((p) => p.timestamp < before || p.timestamp >= resetAt).every((p) => p.price !== 9.5)).toBe(true);
    expect(points.some((p) => p.timestamp >= heldUntil && p.timestamp <= resetAt && p.price !== 9.5)).toBe(true);
  });

  it('lets a backtest run at once find the revocation a held price just caused', async () => {
    await t.runJson(['sandbox', 'price', 'set', '--metro', 'ny', '--plan', 'c3.small', '0.1']);
    await t.runJson(['sandbox', 'clock', 'advance', '30m']);
    const spot = await t.runJson<Spot>(['spots', 'add', '--metro', 'ny', '--plan', 'c3.small', '--max-price', '0.5', '--wait']);
    await t.runJson(['sandbox', 'price', 'set', '--metro', 'ny', '--plan', 'c3.small', '2']);
    expect((await t.runJson<Spot>(['spots', 'get', spot.id])).termination_time).not.toBeNull();
    const now = await nowS();

    // No 300-s point has passed since the price was set: only the point of the change tells it.
    const result = await t.runJson<{ revocations: number; availability: number }>(['market', 'backtest', '--metro', 'ny', '--plan', 'c3.small', '--max-price', '0.5', '--from', String(now - 1200), '--until', String(now)]);
    expect(result.revocations).toBe(1);
    expect(result.availability).toBeLessThan(1);
  });
});
