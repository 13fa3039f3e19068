// What an `{id}` in a path names: a full id, a unique prefix of at least 4
// hex characters in either case, and for spots an IP or a hostname. A name
// for several is a 409 listing them; a short hex one that names nothing, a 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, Execution, Spot } from '../../src/api/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';
import { givePrefix } from '../helpers/sandbox.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-ids-'), port: 0, provisionSeconds: 0.05, seed: steadySeed(5), admin: true });
});
afterAll(() => sb.close());

async function call(method: string, path: string, options: { body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Token ${sb.token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.key) headers['idempotency-key'] = options.key;
  const res = await fetch(sb.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, replayed: res.headers.get('idempotent-replayed') };
}

async function addSpots(n: number): Promise<Spot[]> {
  const spots: Spot[] = [];
  for (let i = 0; i < n; i++) {
    const { body } = await call('PUT', '/api/spots');
    const done = await call('GET', `/api/executions/${body.execution_id as string}?wait=5`);
    spots.push((await call('GET', `/api/spots/${(done.body as unknown as Execution).resource_id}`)).body as unknown as Spot);
  }
  return spots;
}

describe('a spot named in a path', () => {
  let a: string;
  let b: string;
  let lone: Spot;

  beforeAll(async () => {
    const [x, y, z] = await addSpots(3);
    [a, b] = givePrefix(sb.dataDir, 'spots', [x!.id, y!.id], 'abcd1') as [string, string];
    const [loneId] = givePrefix(sb.dataDir, 'spots', [z!.id], 'abce');
    lone = (await call('GET', `/api/spots/${loneId}`)).body as unknown as Spot;
  });

  it('by a unique prefix of 4 characters or more, in either case', async () => {
    for (const ref of ['abce', 'ABCE', lone.id.slice(0, 9), lone.id.toUpperCase()]) {
      const r = await call('GET', `/api/spots/${ref}`);
      expect(r.status, ref).toBe(200);
      expect(r.body.id).toBe(lone.id);
    }
  });

  it('by its IP and by its hostname', async () => {
    expect((await call('GET', `/api/spots/${lone.ip}`)).body.id).toBe(lone.id);
    expect((await call('GET', `/api/spots/${lone.hostname}`)).body.id).toBe(lone.id);
  });

  it('an ambiguous prefix is a 409 listing the matches, with their hostnames; a full id never is', async () => {
    const r = await call('GET', '/api/spots/abcd');
    expect(r.status).toBe(409);
    expect(r.body.errors).toEqual(["ambiguous id prefix 'abcd': it matches 2 spots"]);
    expect(r.body.total).toBe(2);
    const matches = r.body.matches as { id: string; hostname: string }[];
    expect(matches.map((m) => m.id)).toEqual([a, b].sort());
    expect(matches.every((m) => /^spot-/.test(m.hostname))).toBe(true);
    expect((await call('GET', `/api/spots/${a}`)).body.id).toBe(a);
    expect((await call('GET', `/api/spots/${b.toUpperCase()}`)).body.id).toBe(b);
  });

  it('a hostname two spots share is a 409 listing both', async () => {
    for (const id of [a, b]) expect((await call('PUT', `/api/spots/${id}`, { body: { hostname: 'twin' } })).status).toBe(200);
    const r = await call('DELETE', '/api/spots/twin');
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ errors: ["hostname 'twin' names 2 spots"], matches: [a, b].sort().map((id) => ({ id, hostname: 'twin' })), total: 2 });
  });

  it('1 to 3 hex characters that name nothing are a 422; other text that names nothing, a 404', async () => {
    const short = await call('GET', '/api/spots/abc');
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual(["id: 'abc' names no spot, and an id prefix needs at least 4 characters"]);
    expect((await call('PUT', '/api/spots/a', { body: { locked: false } })).status).toBe(422);
    expect((await call('GET', '/api/spots/ffff')).status).toBe(404);
    expect((await call('GET', '/api/spots/no-such-host')).body).toEqual({ errors: ["no spot 'no-such-host'"] });
  });

  it('a short hostname is a hostname first', async () => {
    const [spot] = await addSpots(1);
    expect((await call('PUT', `/api/spots/${spot!.id}`, { body: { hostname: 'abc' } })).status).toBe(200);
    expect((await call('GET', '/api/spots/abc')).body.id).toBe(spot!.id);
  });

  it('lists the first 10 of many, by id, and says how many', async () => {
    const spots = await addSpots(12);
    givePrefix(sb.dataDir, 'spots', spots.map((s) => s.id), '7777');
    const r = await call('GET', '/api/spots/7777');
    expect(r.status).toBe(409);
    expect(r.body.total).toBe(12);
    const ids = (r.body.matches as { id: string }[]).map((m) => m.id);
    expect(ids).toHaveLength(10);
    expect(ids).toEqual([...ids].sort());
  });

  it('a removal by prefix replays the first answer for its key, even once the prefix is ambiguous', async () => {
    const [first, second] = await addSpots(2);
    const [renamed] = givePrefix(sb.dataDir, 'spots', [first!.id], 'beef');
    const removed = await call('DELETE', '/api/spots/beef', { key: 'remove-beef' });
    expect(removed.status).toBe(202);
    givePrefix(sb.dataDir, 'spots', [second!.id], 'beef');
    expect((await call('GET', '/api/spots/beef')).status).toBe(409);
    const again = await call('DELETE', '/api/spots/beef', { key: 'remove-beef' });
    expect(again).toEqual({ status: 202, body: removed.body, replayed: 'true' });
    const execution = (await call('GET', `/api/executions/${removed.body.execution_id as string}`)).body;
    expect(execution.resource_id).toBe(renamed);
  });
});

describe('a bid or an execution named in a path', () => {
  it('by a unique prefix; an ambiguous one is a 409 without hostnames', async () => {
    await call('PUT', '/_sandbox/prices', { body: { metro: 'fr', plan: 'c3.small', price: 0.4 } });
    const bid = (body: object) => call('POST', '/api/spot-market-requests', { body });
    const request = { devices_min: 1, devices_max: 1, max_bid_price: 0.1, metro: 'fr', instance_parameters: { plan: 'c3.small' } };
    const ids = [(await bid(request)).body.id as string, (await bid(request)).body.id as string];
    const [x, y] = givePrefix(sb.dataDir, 'bids', ids, 'c0ffee') as [string, string];
    const r = await call('DELETE', '/api/spot-market-requests/C0FFEE');
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ errors: ["ambiguous id prefix 'C0FFEE': it matches 2 bids"], matches: [x, y].sort().map((id) => ({ id })), total: 2 });
    // One character past where the two ids part is enough.
    const unique = x.slice(0, [...x].findIndex((c, i) => c !== y[i]) + 1);
    const one = await call('DELETE', `/api/spot-market-requests/${unique}`);
    expect([one.status, (one.body as unknown as Bid).id, (one.body as unknown as Bid).state]).toEqual([200, x, 'cancelled']);
    expect((await call('GET', '/api/spot-market-requests/c0f')).status).toBe(422);

    const e1 = (await call('PUT', '/api/spots')).body.execution_id as string;
    const e2 = (await call('PUT', '/api/spots')).body.execution_id as string;
    const [p, q] = givePrefix(sb.dataDir, 'executions', [e1, e2], 'dead') as [string, string];
    const ambiguous = await call('GET', '/api/executions/dead?wait=1');
    expect(ambiguous.body).toEqual({ errors: ["ambiguous id prefix 'dead': it matches 2 executions"], matches: [p, q].sort().map((id) => ({ id })), total: 2 });
    const waited = await call('GET', `/api/executions/${p.slice(0, 10)}?wait=5`);
    expect(waited.status).toBe(200);
    expect((waited.body as unknown as Execution).id).toBe(p);
    expect((await call('DELETE', '/api/executions/de')).status).toBe(422);
  });
});
