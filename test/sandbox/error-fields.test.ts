// The library says what went wrong in its errors' fields (code, status, url,
// ids, keys) and never with a hint: what to do next is the calling program's
// to say. A misbehaving server on loopback plays every failure.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { failure, fakeApi, json, refusedUrl } from '../helpers/fake-server.js';
import { AuthError, FasClient, InterruptedError, NetworkError, ServerError, TimeoutError, UsageError } from '../../src/index.js';

const api = fakeApi('tok-1234');
const client = api.client;

/** Stands for the server's URL, known only once it listens. */
const URL_ = 'the server';

const EXECUTION = { id: 'e-1', operation: 'spot.add', status: 'started', resource_id: null, result: null, error: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

describe('errors carry what happened, and no hint', () => {
  it.each<[string, (req: IncomingMessage, res: ServerResponse) => void, (c: FasClient) => Promise<unknown>, object]>([
    ['401', (_q, res) => json(res, 401, { errors: ['no'] }), (c) => c.spots.list(), { kind: 'auth', code: 'token_rejected', status: 401 }],
    ['429', (_q, res) => json(res, 429, { errors: ['slow'] }), (c) => c.market.metros(), { kind: 'server', code: 'rate_limited', status: 429 }],
    ['an HTML page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'), (c) => c.market.plans(), { code: 'not_the_api', url: URL_ }],
    ['a 404 that is not JSON', (_q, res) => res.writeHead(404).end('Not Found'), (c) => c.spots.get('s-1'), { code: 'not_the_api', status: 404 }],
    ['null for an object', (_q, res) => json(res, 200, null), (c) => c.spots.get('s-1'), { kind: 'server', code: 'not_the_api' }],
    ['a redirect', (_q, res) => res.writeHead(302, { location: 'https://elsewhere.example/' }).end(), (c) => c.spots.get('s-1'), { code: 'redirect', status: 302 }],
    [
      'a key used before',
      (_q, res) => json(res, 422, { errors: ['Idempotency-Key: already used with a different request'] }),
      (c) => c.spots.add({}, { idempotencyKey: 'k-9' }),
      { kind: 'usage', code: 'idempotency_key_reused', idempotencyKey: 'k-9', status: 422 },
    ],
    [
      'a Retry-After longer than the call has',
      (_q, res) => json(res, 503, { errors: ['later'] }, { 'retry-after': '3600' }),
      // Retried, since a server that asks to wait is only heeded by a client that retries.
      () => client({ retries: 5 }).executions.wait('e-1', { timeoutMs: 2_000 }),
      { kind: 'server', code: 'retry_after', retryAfterMs: 3_600_000, status: 503 },
    ],
    ['a wait past its time', (_q, res) => json(res, 200, EXECUTION), (c) => c.executions.wait('e-1', { timeoutMs: 300 }), { kind: 'timeout', code: 'execution_unfinished', executionId: 'e-1' }],
    [
      'a bid that is not filled in time',
      (_q, res) => json(res, 200, { id: 'b-1', state: 'open', max_bid_price: 1, devices_min: 1, devices_max: 1, spots: [] }),
      (c) => c.bids.waitUntilFilled('b-1', { timeoutMs: 300 }),
      { kind: 'timeout', code: 'bid_unfilled', resourceId: 'b-1', resourceType: 'bid' },
    ],
    [
      'a failed execution',
      (_q, res) => json(res, 200, { ...EXECUTION, status: 'failed', resource_id: 's-1', error: 'boom' }),
      (c) => c.executions.wait('e-1'),
      { kind: 'execution_failed', executionId: 'e-1', resourceId: 's-1', resourceType: 'spot' },
    ],
    ['no answer in time', () => {}, (c) => c.market.metros(), { kind: 'network', code: 'request_timeout', url: URL_ }],
    ['a dropped connection', (q) => q.socket.destroy(), (c) => c.market.metros(), { kind: 'network', code: 'connection_closed', url: URL_ }],
  ])('%s', async (_name, serve, call, fields) => {
    api.answer(serve);
    const err = await failure(call(client({ requestTimeoutMs: 300 })));
    expect(err).toMatchObject(JSON.parse(JSON.stringify(fields).replace(`"${URL_}"`, JSON.stringify(api.url))));
    expect(err.hint).toBeUndefined();
  });

  it('work accepted but not readable until the deadline: the execution, to look up later', async () => {
    let n = 0;
    api.answer((_q, res) => (n++ === 0 ? json(res, 202, { execution_id: 'e-7' }) : json(res, 503, { errors: ['busy'] })));
    const err = await failure(client().spots.add({}, { timeoutMs: 500 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ code: 'execution_unread', executionId: 'e-7' });
    expect(err.hint).toBeUndefined();
  });

  it('nothing listening, and API URLs refused before anything is sent', async () => {
    const closed = await refusedUrl();
    const refused = await failure(client({ apiUrl: closed }).spots.list());
    expect(refused).toBeInstanceOf(NetworkError);
    expect(refused).toMatchObject({ code: 'connection_refused', url: closed, hint: undefined });

    for (const [apiUrl, code] of [
      ['not a url', 'invalid_url'],
      ['ftp://example.com', 'invalid_url'],
      ['https://user:pw@example.com', 'url_credentials'],
      ['http://example.com', 'insecure_url'],
    ] as const) {
      const err = await failure(() => new FasClient({ apiUrl, token: 't' }));
      expect(err, apiUrl).toBeInstanceOf(UsageError);
      expect(err, apiUrl).toMatchObject({ code, hint: undefined });
      expect(err.message, apiUrl).not.toMatch(/--|fas /);
    }
  });

  it('no message of the library names a command or a flag', async () => {
    api.answer((_q, res) => json(res, 401, { errors: ['no'] }));
    const errors = [await failure(client().spots.list()), await failure(client({ token: 'x' }).market.metros())];
    for (const err of errors) {
      expect(err).toBeInstanceOf(AuthError);
      expect(`${err.message} ${err.hint ?? ''}`).not.toMatch(/--[a-z]|fas (login|sandbox|executions|config)/);
    }
    expect(new InterruptedError('interrupted').hint).toBeUndefined();
    expect(new ServerError('x', 500).status).toBe(500);
  });
});
