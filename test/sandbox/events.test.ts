// The event feed through the library: client.events.list and
// client.events.follow against the sandbox, including one that drops
// connections, one that ignores ?wait=, one that restarts, and cursors
// past what is kept.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/api/types.js';
import { FasClient } from '../../src/client/client.js';
import { CursorExpiredError } from '../../src/errors.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

const MARKET = { metro: 'sv', plan: 'c3.small' };
const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function sandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const sb = await startSandbox({ dataDir: tempDir('fas-events-'), port: 0, provisionSeconds: 0.1, seed: steadySeed(5), admin: true, rateLimit: 0, ...options });
  opened.push(sb);
  return sb;
}

function clientOf(sb: { url: string; token: string }, retries = 5): FasClient {
  const client = new FasClient({ apiUrl: sb.url, token: sb.token, retries });
  opened.push(client);
  return client;
}

/** Reads the feed with `client.events.follow` until `until` says so; then stops it. */
async function follow(client: FasClient, after: string | undefined, until: (seen: Event[]) => boolean, pollIntervalMs?: number) {
  const controller = new AbortController();
  const feed = client.events.follow({ after }, { signal: controller.signal, pollIntervalMs });
  const seen: Event[] = [];
  for await (const e of feed) {
    seen.push(e);
    if (until(seen)) break;
  }
  controller.abort();
  return { seen, cursor: feed.cursor };
}

/** Every event kept after `after`, page after page. */
async function whole(client: FasClient, after = '0'): Promise<Event[]> {
  const all: Event[] = [];
  for (let cursor = after; ; ) {
    const page = await client.events.list({ after: cursor });
    all.push(...page.events);
    if (page.events.length === 0) return all;
    cursor = page.next;
  }
}

describe('client.events.list', () => {
  it('from now: no events, and the latest cursor; then the events after it, oldest first, ids strictly increasing', async () => {
    const sb = await sandbox();
    const client = clientOf(sb);
    await client.spots.add(MARKET, { wait: true });
    const now = await client.events.list();
    expect(now.events).toEqual([]);
    expect(Number(now.next)).toBe(3);
    const spot = await client.spots.add({ ...MARKET, max_bid_price: 0.9 }, { wait: true });
    await client.spots.remove(spot.id, { wait: true });
    const page = await client.events.list({ after: now.next });
    expect(page.events.map((e) => [e.type, e.resource_type === 'execution' ? 'e' : e.resource_id === spot.id])).toEqual([
      ['spot.provisioning', true],
      ['spot.active', true],
      ['execution.completed', 'e'],
      ['spot.removing', true],
      ['spot.removed', true],
      ['execution.completed', 'e'],
    ]);
    const ids = page.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.next).toBe(page.events.at(-1)!.id);
    // Nothing new: the same cursor again, and no event.
    expect(await client.events.list({ after: page.next })).toEqual({ events: [], next: page.next, rejected: [] });
    // Only some types; and since a time (the second's events are all at or after it).
    const removed = await client.events.list({ after: '0', types: ['spot.removed'] });
    expect(removed.events.map((e) => e.resource_id)).toEqual([spot.id]);
    expect(removed.next).toBe(page.next);
    const since = await client.events.list({ since: new Date(Date.parse(page.events[0]!.time)) });
    expect(since.events.map((e) => e.id)).toEqual(expect.arrayContaining(page.events.map((e) => e.id)));
  });

  it('holds a request with ?wait= until an event is committed, and answers at once with it', async () => {
    const sb = await sandbox();
    const client = clientOf(sb);
    // Held below the bid, whatever the simulated market does at this hour.
    await client.sandbox.setPrice({ ...MARKET, price: 0.1 });
    const spot = await client.spots.add({ ...MARKET, max_bid_price: 0.3 }, { wait: true });
    const { next } = await client.events.list();
    const held = client.events.list({ after: next, types: ['spot.termination_notice'], waitSeconds: 30 });
    // An event of another type does not answer it.
    await client.spots.update({ id: spot.id, changes: { tags: ['x'] } });
    await client.sandbox.setPrice({ ...MARKET, price: 2 });
    const asked = Date.now();
    const page = await held;
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(page.events).toMatchObject([{ type: 'spot.termination_notice', resource_id: spot.id, data: { price: 2, spot_price_max: 0.3, state: 'terminating' } }]);
  });

  it('is a CursorExpiredError with the oldest cursor once the events are past the 7 days kept, or the cursor was never given', async () => {
    const sb = await sandbox();
    const client = clientOf(sb);
    await client.spots.add(MARKET, { wait: true });
    const { next } = await client.events.list();
    await expect(client.events.list({ after: String(Number(next) + 5) })).rejects.toMatchObject({ status: 410, oldestCursor: '0', code: 'cursor_expired' });
    await client.sandbox.advanceClock(8 * 86_400);
    const err = await client.events.list({ after: '0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CursorExpiredError);
    expect((err as CursorExpiredError).oldestCursor).toBe(next);
    await expect(client.events.list({ since: new Date(Date.now() - 86_400_000) })).rejects.toBeInstanceOf(CursorExpiredError);
    // From the oldest cursor on, nothing is missing.
    expect((await client.events.list({ after: next })).events).toEqual([]);
  });
});

describe('client.events.follow', () => {
  it('gives every event once, in order, through dropped, reset and refused requests', async () => {
    const sb = await sandbox({ faults: 'drop=0.2,reset=0.05,503=0.1,429=0.05' });
    const client = clientOf(sb, 10);
    const { next } = await client.events.list();
    const making = (async () => {
      for (let i = 0; i < 6; i++) await client.spots.add(MARKET, { wait: true });
    })();
    const expected = 6 * 3;
    const { seen, cursor } = await follow(client, next, (s) => s.length >= expected);
    await making;
    const log = await whole(client, next);
    expect(seen.map((e) => e.id)).toEqual(log.slice(0, seen.length).map((e) => e.id));
    expect(log).toHaveLength(expected);
    // The loop left during the last event: that one is not counted as read, so a follower resuming from the cursor gets it again.
    expect(cursor).toBe(log.at(-2)!.id);
  }, 60_000);

  it('polls a server that ignores ?wait=', async () => {
    const sb = await sandbox();
    const proxy = await withoutWait(sb.url);
    const client = clientOf({ url: proxy.url, token: sb.token });
    const { next } = await client.events.list();
    const making = client.spots.add(MARKET, { wait: true });
    const { seen } = await follow(client, next, (s) => s.length >= 3, 200);
    await making;
    expect(seen.map((e) => e.type)).toEqual(['spot.provisioning', 'spot.active', 'execution.completed']);
    expect(proxy.waits).toBeGreaterThan(0);
  });

  it('resumes from its cursor across a restart of the sandbox on the same data and port: nothing lost, nothing twice', async () => {
    const dataDir = tempDir('fas-events-restart-');
    let sb = await startSandbox({ dataDir, port: 0, provisionSeconds: 0.1, seed: steadySeed(5), admin: true });
    const { port, token } = sb;
    const client = new FasClient({ apiUrl: sb.url, token, retries: 10 });
    opened.push(client, { close: () => sb.close() });
    const { next } = await client.events.list();
    const following = follow(client, next, (s) => s.length >= 6);
    await client.spots.add(MARKET, { wait: true });
    await sb.close();
    sb = await startSandbox({ dataDir, port, provisionSeconds: 0.1, seed: steadySeed(5), admin: true });
    await client.spots.add(MARKET, { wait: true });
    const { seen } = await following;
    const log = await whole(client, next);
    expect(log).toHaveLength(6);
    expect(seen.map((e) => e.id)).toEqual(log.map((e) => e.id));
  }, 60_000);

  it('throws CursorExpiredError from a cursor no longer kept', async () => {
    const sb = await sandbox();
    const client = clientOf(sb);
    await client.spots.add(MARKET, { wait: true });
    await client.sandbox.advanceClock(8 * 86_400);
    await expect(follow(client, '0', () => true)).rejects.toMatchObject({ name: 'CursorExpiredError', oldestCursor: '3' });
  });
});

/** A proxy that takes `?wait=` out of every request: a server without long polls. */
async function withoutWait(target: string): Promise<{ url: string; waits: number }> {
  const state = { url: '', waits: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (url.searchParams.has('wait')) state.waits += 1;
    url.searchParams.delete('wait');
    const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({ close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
