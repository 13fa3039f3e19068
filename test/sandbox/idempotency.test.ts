import { join } from 'node:path';
import { Connection } from '../../src/sandbox/store/sqlite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-idem-'), port: 0, provisionSeconds: 0.1, seed: steadySeed(5) });
});
afterAll(() => sb.close());

const put = (body: unknown, key?: string) =>
  fetch(`${sb.url}/api/spots`, {
    method: 'PUT',
    headers: { authorization: `Token ${sb.token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

// One request: two (one per state) would count a spot that moved between them twice, or not at all.
const count = async () => {
  const r = await fetch(`${sb.url}/api/spots`, { headers: { 'x-auth-token': sb.token } });
  return ((await r.json()) as { meta: { total: number } }).meta.total;
};
const errors = async (r: Response) => ((await r.json()) as { errors: string[] }).errors;

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, doing the work once', async () => {
    const before = await count();
    const first = await put({ metro: 'da' }, 'key-1');
    const again = await put({ metro: 'da' }, 'key-1');
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with a different body', async () => {
    await put({ metro: 'da' }, 'key-2');
    const other = await put({ metro: 'ny' }, 'key-2');
    expect(other.status).toBe(422);
    expect((await errors(other))[0]).toMatch(/Idempotency-Key/);
  });

  it('tells requests apart by their query too', async () => {
    const bid = (await (
      await fetch(`${sb.url}/api/spot-market-requests`, {
        method: 'POST',
        headers: { authorization: `Token ${sb.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ devices_min: 1, devices_max: 1, max_bid_price: 0.0001, metro: 'sv', instance_parameters: { plan: 'c3.small' } }),
      })
    ).json()) as { id: string };
    const cancel = (query: string) =>
      fetch(`${sb.url}/api/spot-market-requests/${bid.id}${query}`, {
        method: 'DELETE',
        headers: { authorization: `Token ${sb.token}`, 'idempotency-key': 'key-q' },
      });
    expect((await cancel('')).status).toBe(200);
    const forced = await cancel('?force_termination=true');
    expect(forced.status).toBe(422);
    expect((await errors(forced))[0]).toMatch(/Idempotency-Key/);
    expect((await cancel('')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('does not remember a failure, so the key can be used once the request is fixed', async () => {
    const bad = await put({ metro: 'nowhere' }, 'key-3');
    expect(bad.status).toBe(422);
    const retry = await put({ metro: 'nowhere' }, 'key-3');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('without a key, each request does the work', async () => {
    const before = await count();
    await put({});
    await put({});
    expect(await count()).toBe(before + 2);
  });
});

describe('stored Idempotency-Keys', () => {
  it('are let go once a day old, by the sandbox clock', async () => {
    const dataDir = tempDir('fas-idem-prune-');
    const admin = await startSandbox({ dataDir, port: 0, provisionSeconds: 0.1, seed: steadySeed(5), admin: true });
    try {
      const send = (method: string, path: string, body: unknown, key?: string) =>
        fetch(`${admin.url}${path}`, {
          method,
          headers: { authorization: `Token ${admin.token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
          body: JSON.stringify(body),
        });
      const db = new Connection(join(dataDir, 'sandbox.db'), { readOnly: true });
      const stored = () => db.prepare('SELECT key FROM idempotency ORDER BY key').pluck().all();
      try {
        expect((await send('PUT', '/api/spots', {}, 'old')).status).toBe(202);
        expect((await send('POST', '/_sandbox/clock', { advance_seconds: 23 * 3600 })).status).toBe(200);
        expect((await send('PUT', '/api/spots', {}, 'newer')).status).toBe(202);
        expect(stored()).toEqual(['newer', 'old']);
        expect((await send('POST', '/_sandbox/clock', { advance_seconds: 3600 })).status).toBe(200);
        expect(stored()).toEqual(['newer']);
        expect((await send('POST', '/_sandbox/clock', { advance_seconds: 23 * 3600 })).status).toBe(200);
        expect(stored()).toEqual([]);
        // Found by their age, not by reading every one.
        const plan = db.prepare('EXPLAIN QUERY PLAN DELETE FROM idempotency WHERE created_ms < ?').all(0) as { detail: string }[];
        expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING (COVERING )?INDEX idempotency_by_age/);
      } finally {
        db.close();
      }
    } finally {
      await admin.close();
    }
  });
});
