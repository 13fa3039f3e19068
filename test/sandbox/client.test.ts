// The library layer: FasClient against the real sandbox, in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtest, FasClient } from '../../src/index.js';
import { AuthError, ExecutionFailedError, NotFoundError, TimeoutError, UsageError } from '../../src/errors.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

let sb: RunningSandbox;
let client: FasClient;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-client-'), port: 0, provisionSeconds: 0.1, seed: steadySeed(9) });
  client = new FasClient({ apiUrl: sb.url, token: sb.token });
});
afterAll(async () => {
  await client.close();
  await sb.close();
});

describe('FasClient', () => {
  it('adds a spot and waits for it', async () => {
    const spot = await client.spots.add({ metro: 'fr' }, { wait: true });
    expect(spot.state).toBe('active');
    expect(spot.metro).toBe('fr');
  });

  it('hears of completion through the long poll, not by polling', async () => {
    const execution = await client.spots.add();
    let calls = 0;
    const done = await client.executions.wait(execution.id, { onProgress: () => calls++ });
    expect(done.status).toBe('completed');
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('pages through every spot', async () => {
    for (let i = 0; i < 4; i++) await client.spots.add();
    const page = await client.spots.list({ perPage: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.meta.last_page).toBeGreaterThanOrEqual(3);
    const all = await client.spots.listAll();
    expect(all.length).toBe(page.meta.total);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(await client.spots.listAll({}, { limit: 3 })).toHaveLength(3);
  });

  it('throws typed errors', async () => {
    await expect(client.spots.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    const stranger = new FasClient({ apiUrl: sb.url, token: 'nope', retries: 0 });
    await expect(stranger.spots.list()).rejects.toBeInstanceOf(AuthError);
    await stranger.close();
  });

  it('waits with a timeout longer than one timer holds (30 days) instead of giving up at once', async () => {
    const month = 30 * 86_400_000;
    const spot = await client.spots.add({ metro: 'sv' }, { wait: true, timeoutMs: month });
    expect(spot.state).toBe('active');
    const execution = await client.spots.add();
    expect((await client.executions.wait(execution.id, { timeoutMs: month })).status).toBe('completed');
    const bid = await client.bids.create({ devices_min: 1, devices_max: 1, max_bid_price: 50, metro: 'sv', instance_parameters: { plan: 'c3.small' } });
    expect((await client.bids.waitUntilFilled(bid.id, { timeoutMs: month })).spots.length).toBeGreaterThanOrEqual(1);
  });

  it('throws ExecutionFailedError for a cancelled execution and TimeoutError past the deadline', async () => {
    const slow = await startSandbox({ dataDir: tempDir('fas-client-slow-'), port: 0, provisionSeconds: 30, seed: steadySeed() });
    const c = new FasClient({ apiUrl: slow.url, token: slow.token });
    try {
      const e = await c.spots.add();
      await expect(c.executions.wait(e.id, { timeoutMs: 300 })).rejects.toBeInstanceOf(TimeoutError);
      await c.executions.cancel(e.id);
      await expect(c.executions.wait(e.id)).rejects.toBeInstanceOf(ExecutionFailedError);
    } finally {
      await c.close();
      await slow.close();
    }
  });

  it('backtests a market: the window and the plan fetched together and replayed at the price', async () => {
    const until = Math.floor(Date.now() / 300_000) * 300 - 86_400;
    const from = until - 2 * 86_400;
    const query = { metro: 'sv', plan: 'm3.large', from, until };
    const result = await client.market.backtest({ ...query, maxPrice: 1.1 });
    expect(Object.keys(result)).toEqual([
      'availability', 'revocations', 'revocations_per_day', 'mean_run_seconds', 'longest_run_seconds', 'avg_price',
      'on_demand_price', 'savings', 'max_bid_price', 'metro', 'plan', 'from', 'until', 'points',
    ]);
    const points = await client.market.history(query);
    expect(result).toEqual({ ...backtest(points, 1.1, { onDemandPrice: 2 }), metro: 'sv', plan: 'm3.large' });
    expect(result.points).toBe(2 * 288 + 1);

    const old = client.market.backtest({ ...query, maxPrice: 1.1, from: new Date('2020-01-01T00:00:00Z'), until: new Date('2020-01-02T00:00:00Z') });
    await expect(old).rejects.toBeInstanceOf(UsageError);
    await expect(old).rejects.toMatchObject({ code: 'no_price_history' });
    await expect(client.market.backtest({ ...query, maxPrice: 0 })).rejects.toThrow(/the max bid price must be a positive number, got 0/);
    await expect(client.market.backtest({ ...query, plan: 'c9.huge', maxPrice: 1 })).rejects.toMatchObject({ kind: 'usage', status: 422 });
  });
});
