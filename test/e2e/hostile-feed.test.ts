// `fas events`, `fas spots watch` and `fas spots wait` against an event feed
// that breaks the contract: ids that repeat or go back, a `next` that never
// moves on, a feed with no end, a 410 to every cursor, and events whose data
// is not what their type says. Each is one clear error (or one line for one
// bad event, the rest going on), within a few requests, never a loop, a
// crash, or an event printed twice. The server counts what it is asked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STACK_TRACE, tempDir } from '../helpers/cli.js';
import { fakeServer, json, type FakeServer } from '../helpers/fake-server.js';
import { runInProcess, TestHost } from '../helpers/run-cli.js';
import { aSpot } from '../helpers/spot.js';

interface Feed {
  /** Answers GET /api/events; `n` counts those requests from 1. */
  events(query: URLSearchParams, n: number, res: ServerResponse): void;
  spots?: unknown[];
}

const SPOT = aSpot(1, { id: 'a0b1c2d3-0000-4000-8000-000000000001' });
let feed: Feed;
let requests = 0;
let eventRequests = 0;
let server: FakeServer;

function handle(req: IncomingMessage, res: ServerResponse): void {
  requests += 1;
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/api/events') return feed.events(url.searchParams, ++eventRequests, res);
  const spots = feed.spots ?? [];
  if (url.pathname === '/api/spots') return json(res, 200, { spots, meta: { total: spots.length, current_page: 1, last_page: 1 } });
  const one = spots.find((s) => url.pathname === `/api/spots/${(s as { id: string }).id}`);
  if (one) return json(res, 200, one);
  json(res, 404, { errors: ['not found'] });
}

beforeAll(async () => {
  server = await fakeServer(handle);
});
afterAll(() => server.close());
beforeEach(() => {
  requests = 0;
  eventRequests = 0;
});

const env = () => ({ FAS_API_URL: server.url, FAS_TOKEN: 'hostile-feed-token', NO_COLOR: '1' });
const run = (args: string[], host?: TestHost) => runInProcess(args, { env: env() }, host);

/** A valid spot event of spot `n`, with id `id`. */
function spotEvent(id: number, n = 1, data: Record<string, unknown> = {}) {
  const s = aSpot(n);
  return {
    id: String(id),
    type: 'spot.active',
    time: '2026-11-22T10:00:00Z',
    resource_type: 'spot',
    resource_id: s.id,
    data: { state: 'active', ip: s.ip, hostname: s.hostname, metro: 'sv', plan: 'c3.small', bid_id: null, spot_instance: true, spot_price_max: 0.5, termination_time: null, ...data },
  };
}
const page = (res: ServerResponse, events: unknown[], next: string) => json(res, 200, { events, next });
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error:'));

describe('fas events --after against a feed that repeats itself', () => {
  it('a next that never moves past the events given: one error, one request, the event printed once at most', async () => {
    // Event 6 again and again, `next` stuck at 5: read on trust, it is printed once a request, for ever (here, 50 times).
    feed = { events: (q, n, res) => page(res, n > 50 ? [] : [spotEvent(6)], '5') };
    const r = await run(['events', '--after', '5', '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error: the server answered a page of events whose next (5) is before its own cursor 6: the same events would come again\n');
    expect(eventRequests).toBe(1);
  });

  it('an id given again on the next page, or ids going back: one error, nothing printed twice', async () => {
    feed = { events: (q, n, res) => page(res, n > 50 ? [] : [spotEvent(6)], '6') };
    const again = await run(['events', '--after', '5', '-q']);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('6\n');
    expect(again.stderr).toBe('Error: the server answered event 6 after cursor 6: its ids must only go up\n');
    expect(eventRequests).toBe(2);

    eventRequests = 0;
    feed = { events: (q, n, res) => page(res, n > 1 ? [] : [spotEvent(8), spotEvent(7)], '8') };
    const back = await run(['events', '--after', '5', '-q']);
    expect(back.code).toBe(1);
    expect(back.stderr).toBe('Error: the server answered event 7 after event 8: its ids must only go up\n');
  });
});

describe('fas spots watch catching up on a feed that never ends', () => {
  it('a next that never advances: one error within a few requests, not thousands a second', async () => {
    // The cursor (no `after`), then the catch-up after it: the same event, `next` stuck. On trust, 200 requests, then exit 0.
    feed = { events: (q, n, res) => (q.has('after') && n < 200 ? page(res, [spotEvent(6)], '5') : page(res, [], '5')) };
    const r = await run(['spots', 'watch', '--exit-when-empty']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('watching 0 spots\nError: the server answered a page of events whose next (5) is before its own cursor 6: the same events would come again\n');
    expect(eventRequests).toBeLessThanOrEqual(3);
  });

  it('new events without end: gathered up to a bound, then one error (memory does not grow without end)', async () => {
    // 1000 new events a page, each of a spot of its own; on trust, 40 pages (40,000 events kept), then exit 0.
    feed = {
      events(q, n, res) {
        const after = Number(q.get('after') ?? 0);
        if (!q.has('after') || n > 40) return page(res, [], String(after));
        page(res, Array.from({ length: 1000 }, (_, i) => spotEvent(after + i + 1, (i % 9) + 1, { state: 'removed' })), String(after + 1000));
      },
    };
    const r = await run(['spots', 'watch', '--exit-when-empty']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("watching 0 spots\nError: the server's event feed did not come to an end: 11000 events after cursor 0 and more to come, while the watch caught up\n");
    expect(eventRequests).toBe(12);
  });
});

describe('a feed that answers 410 to every follow', () => {
  const gone = (res: ServerResponse) => json(res, 410, { errors: ['cursor 5 is not one this server gave; the oldest cursor is 5'], oldest: '5' });

  it('spots watch starts again from the pool a few times, waiting longer each time, then gives up with one error', async () => {
    feed = { events: (q, n, res) => (q.has('wait') ? gone(res) : page(res, [], '5')), spots: [SPOT] };
    const started = Date.now();
    const r = await run(['spots', 'watch', '-o', 'json']);
    const took = Date.now() - started;
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('starting again from the pool'))).toHaveLength(5);
    expect(lines.at(-1)).toBe(
      'Error: cursor 5 is not one this server gave; the oldest cursor is 5; gave up after starting again 5 times in a row with nothing read',
    );
    expect(r.stderr).not.toMatch(STACK_TRACE);
    // 0 + 0.5 + 1 + 2 + 4 s between the starts: no more than a handful of requests.
    expect(took).toBeGreaterThanOrEqual(7_000);
    expect(requests).toBeLessThanOrEqual(6 * 4);
    console.log(`410 to every follow: spots watch gave up after ${requests} requests in ${(took / 1000).toFixed(1)} s`);
  }, 20_000);

  it('spots wait warns a few times, then gives up with one error', async () => {
    feed = { events: (q, n, res) => (q.has('wait') ? gone(res) : page(res, [], '5')), spots: [SPOT] };
    const r = await run(['spots', 'wait', SPOT.id, '--for', 'removed', '--timeout', '60s']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('Warning:'))).toHaveLength(5);
    expect(lines.at(-1)).toBe('Error: cursor 5 is not one this server gave; the oldest cursor is 5; gave up after starting again 5 times in a row with nothing read');
    expect(requests).toBeLessThanOrEqual(6 * 3);
  }, 20_000);
});

describe('events whose data is not what the contract says', () => {
  const bad = [
    spotEvent(7, 2, { price: 'cheap' }),
    { ...spotEvent(8), type: 'bid.open', resource_type: 'bid', data: { state: 'open', metro: 'sv', plan: 'c3.small', max_bid_price: 0.3, devices_min: 1, devices_max: 2 } },
    { ...spotEvent(9), data: undefined },
    spotEvent(10, 3, { state: '\u001b]0;owned\u0007active' }),
  ];

  it('fas events prints every good event, one Error line for each bad one, and exits 1', async () => {
    // The last is as the contract allows, with a hostname that would retitle the window: every format cleans or escapes it.
    feed = { events: (q, n, res) => page(res, n > 1 ? [] : [spotEvent(6), ...bad, spotEvent(11, 4, { hostname: '\u001b]0;owned\u0007h' })], '11') };
    for (const format of [[], ['-o', 'wide'], ['--json']]) {
      eventRequests = 0;
      const r = await run(['events', '--after', '5', ...format]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout.match(/^(\{"id":")?(6|11)\b/gm), r.stdout).toHaveLength(2);
      expect(errorLines(r.stderr)).toEqual([
        'Error: the server answered event 7 whose data.price is not a number; it is left out',
        'Error: the server answered event 8 whose data.spots is not a list of ids; it is left out',
        'Error: the server answered event 9 without its data; it is left out',
        'Error: the server answered event 10 whose data.state is not one of provisioning, active, terminating, removed; it is left out',
      ]);
      expect(r.stderr + r.stdout).not.toContain('\u001b');
    }
  });

  it('a watch says so in one line for each, and goes on: the next notice still runs its hook', async () => {
    const dir = tempDir('fas-hostile-hook-');
    const noticed = spotEvent(9, 1, { state: 'terminating', termination_time: '2026-11-22T10:02:00Z', hostname: 'spot\u0000one' });
    const removed = spotEvent(10, 1, { state: 'removed', reason: 'revoked' });
    feed = {
      spots: [{ ...SPOT, id: aSpot(1).id, hostname: 'spot\u0000one' }],
      events(q, n, res) {
        // The cursor, and the catch-up after it: nothing yet.
        if (!q.has('wait') && (q.get('after') ?? '5') === '5') return page(res, [], '5');
        const after = Number(q.get('after'));
        if (after < 8) return page(res, [spotEvent(6, 1, { price: 'x' }), spotEvent(7, 1, { state: 'exploded' }), { ...spotEvent(8), type: 'spot.active', resource_type: 'bid' }], '8');
        if (after < 9) return page(res, [{ ...noticed, type: 'spot.termination_notice' }], '9');
        // The removal only once the hook has done its work and had time to exit: one still running when its spot goes is stopped, a failed drain.
        if (after < 10) {
          const wrote = existsSync(join(dir, 'hostname')) && readFileSync(join(dir, 'hostname'), 'utf8') === 'spotone';
          if (wrote) hookDoneAt ??= Date.now();
          return hookDoneAt !== undefined && Date.now() - hookDoneAt > 300 ? page(res, [{ ...removed, type: 'spot.removed' }], '10') : page(res, [], '9');
        }
        return page(res, [], '10');
      },
    };
    let hookDoneAt: number | undefined;
    const r = await run(['spots', 'watch', '--exit-when-empty', '--on-termination', `printf '%s' "$FAS_SPOT_HOSTNAME" > "${dir}/hostname.part" && mv "${dir}/hostname.part" "${dir}/hostname"`]);
    expect(r.code, r.stderr).toBe(0);
    expect(errorLines(r.stderr)).toEqual([
      'Error: the server answered event 6 whose data.price is not a number; it is passed over',
      'Error: the server answered event 7 whose data.state is not one of provisioning, active, terminating, removed; it is passed over',
      'Error: the server answered event 8 whose resource_type is not spot, as its type says; it is passed over',
    ]);
    // The hostname's NUL, which no variable can hold, is left out; the hook runs all the same.
    expect(readFileSync(join(dir, 'hostname'), 'utf8')).toBe('spotone');
    expect(r.stdout).toMatch(/ terminating \(termination in 120s\)\n.* removed \(revoked\)\n$/);
  });

  it('spots wait says so in one line for each, and goes on to the state it waits for', async () => {
    feed = {
      spots: [SPOT],
      events(q, n, res) {
        if (!q.has('wait')) return page(res, [], '5');
        const removed = { ...spotEvent(7, 1, { state: 'removed', reason: 'removed' }), type: 'spot.removed', resource_id: SPOT.id };
        return page(res, Number(q.get('after')) < 7 ? [spotEvent(6, 1, { spot_instance: 'yes' }), removed] : [], '7');
      },
    };
    const r = await run(['spots', 'wait', SPOT.id, '--for', 'removed', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${SPOT.id}\n`);
    expect(r.stderr).toBe('Error: the server answered event 6 whose data.spot_instance is not true or false; it is passed over\n');
  });

  it('a spot listed with a state or a field the contract does not allow is one error, not a crash of the view', async () => {
    feed = { events: (q, n, res) => page(res, [], '5'), spots: [{ ...SPOT, state: 'exploded' }] };
    for (const args of [['spots', 'watch'], ['spots', 'list'], ['spots', 'get', SPOT.id]]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe('Error: the server answered a spot whose state is not one of provisioning, active, terminating, removed\n');
    }
    feed = { events: (q, n, res) => page(res, [], '5'), spots: [{ ...SPOT, spot_instance: 'yes' }] };
    expect((await run(['spots', 'watch'])).stderr).toBe('Error: the server answered a spot whose spot_instance is not a boolean\n');
  });
});
