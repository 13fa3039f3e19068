// The sandbox refuses what openapi/fas.yaml forbids, as the document says:
// 422 naming each failing field (or 400, 413, 415), and nothing done. Each
// case here is one the server once took although the document forbade it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { runFas, tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-validation-'), port: 0, provisionSeconds: 0.1, seed: steadySeed(7) });
});
afterAll(() => sb.close());

async function send(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(sb.url + path, {
    method,
    headers: { authorization: `Token ${sb.token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { errors?: string[] } & Record<string, unknown> };
}

const total = async (path: string) => ((await send('GET', path)).json.meta as { total: number }).total;
const spots = () => total('/api/spots');
const bids = () => total('/api/spot-market-requests');

const bid = (extra: Record<string, unknown>) =>
  JSON.stringify({ devices_min: 1, devices_max: 1, max_bid_price: 0.0001, metro: 'sv', instance_parameters: { plan: 'c3.small' }, ...extra });

const TIME = 'end_at: must be an ISO 8601 time with its offset (2026-11-22T10:00:00Z)';

describe('times', () => {
  it.each([
    ['without an offset, which was read in local time', '2030-01-01T00:00:00'],
    ['on a day that does not exist, which rolled over to March', '2030-02-30T00:00:00Z'],
    ['as a date alone', '2030-01-01'],
    ['with an hour offset past 23', '2030-01-01T00:00:00+99:00'],
  ])('an end_at %s is a 422, and no bid is made', async (_, endAt) => {
    const before = await bids();
    const r = await send('POST', '/api/spot-market-requests', { body: bid({ end_at: endAt }) });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ errors: [TIME] });
    expect(await bids()).toBe(before);
  });

  it('an end_at with its offset is taken, and echoed as sent', async () => {
    const r = await send('POST', '/api/spot-market-requests', { body: bid({ end_at: '2999-01-01T05:00:00+05:00' }) });
    expect(r.status).toBe(201);
    expect(r.json.end_at).toBe('2999-01-01T05:00:00+05:00');
  });

  it('history from and until without an offset are a 422 naming each', async () => {
    const r = await send('GET', '/api/market/spot/prices/history?metro=sv&plan=c3.small&from=2026-01-01T00:00:00&until=2026-02-30T00:00:00Z');
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ errors: ['from: must be an ISO 8601 time or Unix seconds', 'until: must be an ISO 8601 time or Unix seconds'] });
    const day = await send('GET', '/api/market/spot/prices/history?metro=sv&plan=c3.small&from=2026-01-01&until=1767312000');
    expect(day.status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it.each([
    ['PUT', '/api/spots', '{}'],
    ['DELETE', '/api/spots', undefined],
    ['DELETE', '/api/spots/00000000-0000-4000-8000-000000000000', undefined],
    ['DELETE', '/api/executions/00000000-0000-4000-8000-000000000000', undefined],
  ])('empty on %s %s is a 422, and nothing is done', async (method, path, body) => {
    const before = await spots();
    const r = await send(method, path, { body, headers: { 'idempotency-key': '' } });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ errors: ['Idempotency-Key: must be a string of 1 to 255 characters'] });
    expect(await spots()).toBe(before);
  });

  it('longer than 255 characters is a 422', async () => {
    const r = await send('PUT', '/api/spots', { body: '{}', headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(r.json).toEqual({ errors: ['Idempotency-Key: must be a string of 1 to 255 characters'] });
  });
});

describe('query parameters', () => {
  it.each([
    ['/api/spots?bid=not-a-uuid', 'bid: must be a UUID'],
    ['/api/spots?state=', 'state: must be one of provisioning, active, terminating, removed'],
    ['/api/executions?status=done', 'status: must be one of pending, started, completed, failed, cancelled'],
    ['/api/spots?per_page=1e2', 'per_page: must be a whole number from 1 to 1000'],
    ['/api/spot-market-requests/00000000-0000-4000-8000-000000000000?force_termination=yes', 'force_termination: must be true or false'],
  ])('GET %s is a 422', async (path, line) => {
    const r = await send(path.includes('force_termination') ? 'DELETE' : 'GET', path);
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ errors: [line] });
  });

  it('fas names a bid filter that is no bid, in one line (exit 4)', async () => {
    const env = { FAS_API_URL: sb.url, FAS_TOKEN: sb.token, FAS_CONFIG_DIR: tempDir('fas-validation-config-') };
    const r = await runFas(['spots', 'list', '--bid', 'not-a-uuid'], { env });
    expect(r.code).toBe(4);
    expect(r.stderr.trimEnd()).toBe("Error: no bid 'not-a-uuid'");
  });

  it('a bid filter that is a UUID lists that bid’s spots', async () => {
    const r = await send('GET', '/api/spots?bid=00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(200);
    expect(r.json.spots).toEqual([]);
  });
});

describe('bodies', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, "Content-Type: a body must be sent as application/json, not 'text/plain'"],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, "Content-Type: a body must be sent as application/json, not 'application/x-www-form-urlencoded'"],
  ])('sent as %s is a 415, and nothing is done', async (_, headers, line) => {
    const before = await spots();
    const r = await send('PUT', '/api/spots', { body: '{"metro":"sv"}', headers });
    expect(r.status).toBe(415);
    expect(r.json).toEqual({ errors: [line] });
    expect(await spots()).toBe(before);
  });

  it('sent without a type is a 415; with a charset it is taken', async () => {
    const res = await fetch(`${sb.url}/api/spots`, { method: 'PUT', headers: { authorization: `Token ${sb.token}` }, body: new Uint8Array(Buffer.from('{}')) });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ errors: ['Content-Type: missing; a body must be sent as application/json'] });
    const ok = await send('PUT', '/api/spots', { body: '{}', headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect(ok.status).toBe(202);
  });

  it('not JSON is a 400; over 1 MiB, a 413', async () => {
    expect((await send('PUT', '/api/spots', { body: '{"metro":' })).json).toEqual({ errors: ['body: not valid JSON'] });
    const big = await send('PUT', '/api/spots', { body: `{"metro":"${'x'.repeat(1 << 20)}"}` });
    expect(big.status).toBe(413);
  });

  it('names every failing field, one line each', async () => {
    const body = JSON.stringify({ devices_min: 0, devices_max: 'two', metro: 5, instance_parameters: { hostname: '-x', tags: ['a', 1] }, color: 'red' });
    const r = await send('POST', '/api/spot-market-requests', { body });
    expect(r.status).toBe(422);
    expect([...r.json.errors!].sort()).toEqual([
      'color: unknown field',
      'devices_max: must be a whole number from 1 to 1000',
      'devices_min: must be a whole number from 1 to 1000',
      'instance_parameters.hostname: must be 1 to 201 letters, digits, dots or dashes',
      'instance_parameters.plan: required, a string',
      'instance_parameters.tags: must be an array of strings',
      'max_bid_price: required, a number greater than 0',
      'metro: must be a string',
    ]);
  });

  it('the rules a schema cannot state are checked on the fields that passed it', async () => {
    const body = JSON.stringify({ devices_min: 3, devices_max: 2, max_bid_price: 1, metro: 'zz', instance_parameters: { plan: 'c9.huge' }, end_at: '2001-01-01T00:00:00Z', color: 1 });
    const r = await send('POST', '/api/spot-market-requests', { body });
    expect(r.json.errors).toEqual([
      'color: unknown field',
      'devices_max: must be at least devices_min',
      "metro: unknown metro 'zz' (known: sv, da, ny, am, fr, sg)",
      "instance_parameters.plan: unknown plan 'c9.huge' (known: c3.small, c3.medium, m3.large, s3.xlarge, g3.xlarge)",
      'end_at: must be in the future',
    ]);
  });
});

describe('paths', () => {
  it('an id in any other form than a UUID names nothing: 404, not a 422', async () => {
    const r = await send('GET', '/api/spot-market-requests/not-a-uuid');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ errors: ["no bid 'not-a-uuid'"] });
  });

  it('a spot is named by its IP too', async () => {
    const added = await send('PUT', '/api/spots', { body: '{}' });
    const done = await send('GET', `/api/executions/${added.json.execution_id as string}?wait=5`);
    const spot = await send('GET', `/api/spots/${done.json.resource_id as string}`);
    expect((await send('GET', `/api/spots/${spot.json.ip as string}`)).json.id).toBe(spot.json.id);
  });

  it('a method a path does not take is a 405 naming those it does', async () => {
    const r = await send('POST', '/api/spots', { body: '{}' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, PUT, DELETE');
  });
});
