// Windows that end "now" are on the API's clock: after `sandbox clock
// advance 2d`, "the last hour" of history, a backtest's window and a
// strategy's look-back are the sandbox's, not this machine's two days
// behind it. In-process, against a sandbox whose clock is moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PricePoint, SandboxClock } from '../../src/api/types.js';
import type { MarketBacktest } from '../../src/client/backtest.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const MARKET = ['--metro', 'sv', '--plan', 'c3.small'];
let t: TestSandbox;
let sandboxNow: number;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
  sandboxNow = Date.parse((await t.runJson<SandboxClock>(['sandbox', 'clock', 'advance', '2d'])).now);
});
afterAll(() => t.close());

/** Seconds between a time and the sandbox's now, as the test took it. */
const fromSandboxNow = (seconds: number) => Math.abs(seconds * 1000 - sandboxNow) / 1000;

describe('a window that ends now, on a sandbox two days ahead', () => {
  it('market history --since 1h: the sandbox\'s last hour', async () => {
    const points = await t.runJson<PricePoint[]>(['market', 'history', ...MARKET, '--since', '1h']);
    expect(points.length).toBeGreaterThan(0);
    // A point every 5 minutes: the last within one step (and the test's own seconds) of the sandbox's now.
    expect(fromSandboxNow(points.at(-1)!.timestamp)).toBeLessThan(400);
    expect(fromSandboxNow(points[0]!.timestamp)).toBeLessThan(3600 + 400);
  });

  it('market backtest --since 1d: its window ends at the sandbox\'s now', async () => {
    const result = await t.runJson<MarketBacktest>(['market', 'backtest', ...MARKET, '--since', '1d', '--strategy', 'balanced']);
    // Its `until` is its last point's: within one 5-minute step (and the test's own seconds) of the sandbox's now.
    expect(fromSandboxNow(Date.parse(String(result.until)) / 1000)).toBeLessThan(400);
  });

  it('an absolute window is asked for as given', async () => {
    const until = Math.floor(Date.now() / 1000);
    const points = await t.runJson<PricePoint[]>(['market', 'history', ...MARKET, '--from', String(until - 3600), '--until', String(until)]);
    expect(points.at(-1)!.timestamp).toBeLessThanOrEqual(until);
    expect(points.at(-1)!.timestamp).toBeGreaterThan(until - 3600);
  });
});

describe('how many requests it takes', () => {
  const historyRequests = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('[debug] > GET') && l.includes('/api/market/spot/prices/history')).length;

  it('one when the clocks agree; a second only once the first answer showed the API elsewhere', async () => {
    const inStep = await withSandbox();
    try {
      const r = await inStep.run(['market', 'history', ...MARKET, '--since', '1h', '--json', '--debug']);
      expect(r.code, r.stderr).toBe(0);
      expect(historyRequests(r.stderr)).toBe(1);
    } finally {
      await inStep.close();
    }
    const r = await t.run(['market', 'history', ...MARKET, '--since', '1h', '--json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(historyRequests(r.stderr)).toBe(2);
  });
});
