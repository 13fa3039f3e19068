// Another process holding the sandbox's database (here a second connection
// with BEGIN EXCLUSIVE) must not end the sandbox: its background work says
// so once and tries again, requests that need the database get 503 with
// Retry-After, and once the lock goes everything carries on.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Execution } from '../../src/api/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { Connection } from '../../src/sandbox/store/sqlite.js';
import { runFas, tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

let sb: RunningSandbox | undefined;
let holder: Connection | undefined;
let holding = false;
afterEach(async () => {
  if (holding) holder?.exec('ROLLBACK');
  holding = false;
  holder?.close();
  await sb?.close();
});

describe('a database locked by another process', () => {
  it('gets 503 with Retry-After, one line in the log, and no dead sandbox; then all carries on', async () => {
    const dataDir = tempDir('fas-locked-');
    const lines: string[] = [];
    sb = await startSandbox({ dataDir, port: 0, provisionSeconds: 0.3, busyTimeoutMs: 50, seed: steadySeed(), log: (l) => lines.push(l) });
    const call = (method: string, path: string) => fetch(`${sb!.url}${path}`, { method, headers: { authorization: `Token ${sb!.token}` } });
    const background = () => lines.filter((l) => l.startsWith('sandbox: '));

    // Its end falls while the lock is held, so the execution timer meets the lock.
    const added = (await (await call('PUT', '/api/spots')).json()) as { execution_id: string };
    holder = new Connection(join(dataDir, 'sandbox.db'));
    holder.exec('BEGIN EXCLUSIVE');
    holding = true;

    await expect.poll(background, { timeout: 5000 }).toEqual([expect.stringMatching(/^sandbox: background work failed: database is locked \(SQLITE_BUSY\); retrying every second$/)]);
    const refused = await call('PUT', '/api/spots');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ errors: ["the sandbox's database is unavailable just now (SQLITE_BUSY); nothing was done, try again"] });
    expect((await fetch(`${sb.url}/_sandbox/health`)).status).toBe(200);
    // fas would retry it; without retries, its one line.
    const env = { FAS_API_URL: sb.url, FAS_TOKEN: sb.token, FAS_CONFIG_DIR: tempDir('fas-locked-config-') };
    const cli = await runFas(['spots', 'add', '--retries', '0'], { env });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trimEnd()).toBe("Error: server error 503: the sandbox's database is unavailable just now (SQLITE_BUSY); nothing was done, try again");
    // Told once, however many rounds fail.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(background(), background().join("\n")).toHaveLength(1);

    holder.exec('COMMIT');
    holding = false;
    const done = (await (await call('GET', `/api/executions/${added.execution_id}?wait=10`)).json()) as Execution;
    expect(done.status).toBe('completed');
    expect((await call('PUT', '/api/spots')).status).toBe(202);
    await expect.poll(background, { timeout: 5000 }).toContain('sandbox: background work runs again');
  });

  it('answers reads from what is written while writes get 503, the clock and the market moving again once the lock goes', async () => {
    const dataDir = tempDir('fas-locked-reads-');
    const lines: string[] = [];
    sb = await startSandbox({ dataDir, port: 0, provisionSeconds: 0.3, busyTimeoutMs: 50, seed: steadySeed(), log: (l) => lines.push(l) });
    const call = (method: string, path: string) => fetch(`${sb!.url}${path}`, { method, headers: { authorization: `Token ${sb!.token}` } });
    const added = (await (await call('PUT', '/api/spots')).json()) as { execution_id: string };
    holder = new Connection(join(dataDir, 'sandbox.db'));
    holder.exec('BEGIN EXCLUSIVE');
    holding = true;
    // Past the add's end: a read would move it, and cannot write that it ended.
    await new Promise((resolve) => setTimeout(resolve, 400));

    for (const path of ['/api/spots', `/api/executions/${added.execution_id}`, '/api/executions', '/api/spot-market-requests', '/api/market/spot/prices', '/api/events']) {
      const res = await call('GET', path);
      expect(res.status, `GET ${path}: ${await res.clone().text()}`).toBe(200);
    }
    const spots = (await (await call('GET', '/api/spots')).json()) as { spots: { state: string }[] };
    expect(spots.spots.map((s) => s.state)).toEqual(['provisioning']);
    expect((await call('PUT', '/api/spots')).status).toBe(503);

    holder.exec('COMMIT');
    holding = false;
    const done = (await (await call('GET', `/api/executions/${added.execution_id}?wait=10`)).json()) as Execution;
    expect(done.status).toBe('completed');
  });
});
