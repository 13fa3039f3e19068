// Every answer the sandbox gives, for every route and status the tests
// provoke, must validate against openapi/fas.yaml.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';
import { givePrefix } from '../helpers/sandbox.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { responses: Record<string, unknown> } };
const doc = parse(readFileSync(new URL('../../openapi/fas.yaml', import.meta.url), 'utf8')) as Doc;
const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
ajv.addSchema(doc as object, 'fas.yaml');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function schemaRef(template: string, method: string, status: number): string {
  const responses = doc.paths[template]?.[method]?.responses;
  if (!responses) throw new Error(`the contract has no ${method.toUpperCase()} ${template}`);
  const response = responses[String(status)] as { $ref?: string } | undefined;
  if (!response) throw new Error(`the contract has no ${status} for ${method.toUpperCase()} ${template}`);
  if (response.$ref) return `fas.yaml${response.$ref}/content/${pointer('application/json')}/schema`;
  return `fas.yaml#/${pointer('paths', template, method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
}

let sb: RunningSandbox;
const seen: string[] = [];

async function call(method: string, path: string, template: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(sb.url + path, {
    method,
    headers: { authorization: `Token ${sb.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = await res.json();
  const ref = schemaRef(template, method.toLowerCase(), res.status);
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  const ok = validate(json);
  seen.push(`${method} ${template} ${res.status}`);
  expect(ok, `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(json)}`).toBe(true);
  return { status: res.status, body: json as Record<string, unknown> };
}

beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-contract-'), port: 0, provisionSeconds: 0.1, seed: steadySeed(3), admin: true });
});
afterAll(() => sb.close());

describe('the sandbox answers as openapi/fas.yaml says', () => {
  it('for spots and executions', async () => {
    const added = await call('PUT', '/api/spots', '/api/spots', { metro: 'am', plan: 'm3.large' });
    expect(added.status).toBe(202);
    const executionId = added.body.execution_id as string;
    const done = await call('GET', `/api/executions/${executionId}?wait=5`, '/api/executions/{id}');
    expect(done.body.status).toBe('completed');
    const spotId = done.body.resource_id as string;
    await call('GET', '/api/spots?per_page=1', '/api/spots');
    await call('GET', `/api/spots/${spotId}`, '/api/spots/{id}');
    await call('PUT', `/api/spots/${spotId}`, '/api/spots/{id}', { tags: ['a'], locked: true });
    await call('DELETE', `/api/spots/${spotId}`, '/api/spots/{id}'); // 409 locked
    await call('PUT', `/api/spots/${spotId}`, '/api/spots/{id}', { locked: false, spot_instance: false });
    await call('DELETE', '/api/spots', '/api/spots');
    await call('GET', '/api/executions?status=completed', '/api/executions');
    await call('PUT', '/api/spots', '/api/spots', { metro: 'zz', color: 'red' }); // 422
    await call('GET', '/api/spots/00000000-0000-4000-8000-000000000000', '/api/spots/{id}'); // 404
    await call('GET', '/api/executions/00000000-0000-4000-8000-000000000000', '/api/executions/{id}'); // 404
    await call('DELETE', `/api/executions/${executionId}`, '/api/executions/{id}'); // 409 final
    await call('GET', '/api/spots', '/api/spots', undefined, { authorization: 'Token nope' }); // 401
    await call('GET', '/api/spots?page=0', '/api/spots'); // 422
  });

  it('for ids that name several, or too little', async () => {
    const add = async () => (await call('PUT', '/api/spots', '/api/spots')).body.execution_id as string;
    const executions = givePrefix(sb.dataDir, 'executions', [await add(), await add()], 'a1b2');
    const spots: string[] = [];
    for (const id of executions) spots.push((await call('GET', `/api/executions/${id}?wait=5`, '/api/executions/{id}')).body.resource_id as string);
    givePrefix(sb.dataDir, 'spots', spots, 'c3d4');
    const bid = { devices_min: 1, devices_max: 1, max_bid_price: 0.001, metro: 'ny', instance_parameters: { plan: 'c3.small' } };
    const bids = [];
    for (let i = 0; i < 2; i++) bids.push((await call('POST', '/api/spot-market-requests', '/api/spot-market-requests', bid)).body.id as string);
    givePrefix(sb.dataDir, 'bids', bids, 'e5f6');
    const before = seen.length;
    await call('GET', '/api/spots/c3d4', '/api/spots/{id}');
    await call('PUT', '/api/spots/c3d4', '/api/spots/{id}', { locked: true });
    await call('DELETE', '/api/spots/C3D4', '/api/spots/{id}');
    await call('GET', '/api/executions/a1b2', '/api/executions/{id}');
    await call('DELETE', '/api/executions/a1b2', '/api/executions/{id}');
    await call('GET', '/api/spot-market-requests/e5f6', '/api/spot-market-requests/{id}');
    await call('DELETE', '/api/spot-market-requests/e5f6', '/api/spot-market-requests/{id}');
    await call('GET', '/api/spots/c3d', '/api/spots/{id}');
    await call('PUT', '/api/spots/c3d', '/api/spots/{id}', { locked: true });
    await call('DELETE', '/api/spots/c3d', '/api/spots/{id}');
    await call('GET', '/api/executions/a1', '/api/executions/{id}');
    await call('DELETE', '/api/executions/a1', '/api/executions/{id}');
    await call('GET', '/api/spot-market-requests/e', '/api/spot-market-requests/{id}');
    await call('DELETE', '/api/spot-market-requests/e5f', '/api/spot-market-requests/{id}');
    expect(seen.slice(before).map((s) => s.split(' ').at(-1))).toEqual([...Array(7).fill('409'), ...Array(7).fill('422')]);
  });

  it('for the market', async () => {
    await call('GET', '/api/market/spot/prices?metro=sv', '/api/market/spot/prices');
    const h = await call('GET', '/api/market/spot/prices/history?metro=sv&plan=c3.small&from=6h', '/api/market/spot/prices/history');
    expect(h.status).toBe(422);
    const ok = await call('GET', '/api/market/spot/prices/history?metro=sv&plan=c3.small', '/api/market/spot/prices/history');
    expect((ok.body.prices as unknown[]).length).toBeGreaterThan(200);
    await call('GET', '/api/plans', '/api/plans');
    await call('GET', '/api/metros', '/api/metros');
  });

  it('for bids and the price control', async () => {
    await call('PUT', '/_sandbox/prices', '/_sandbox/prices', { metro: 'sv', plan: 'c3.small', price: 0.1 });
    await call('PUT', '/_sandbox/prices', '/_sandbox/prices', { metro: 'sv', plan: 'c3.small', price: -1 }); // 422
    const created = await call('POST', '/api/spot-market-requests', '/api/spot-market-requests', {
      devices_min: 1, devices_max: 2, max_bid_price: 0.2, metro: 'sv', instance_parameters: { plan: 'c3.small' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('POST', '/api/spot-market-requests', '/api/spot-market-requests', { devices_min: 3, devices_max: 2 }); // 422
    await call('GET', '/api/spot-market-requests', '/api/spot-market-requests');
    await call('GET', `/api/spot-market-requests/${id}`, '/api/spot-market-requests/{id}');
    await call('GET', '/api/spot-market-requests/00000000-0000-4000-8000-000000000000', '/api/spot-market-requests/{id}'); // 404
    await call('DELETE', `/api/spot-market-requests/${id}`, '/api/spot-market-requests/{id}', { force_termination: true });
    await call('DELETE', `/api/spot-market-requests/${id}`, '/api/spot-market-requests/{id}'); // 409
    await call('PUT', '/_sandbox/prices', '/_sandbox/prices', { metro: 'sv', plan: 'c3.small', price: null });
  });

  it('for events', async () => {
    const now = await call('GET', '/api/events', '/api/events');
    expect(now.body.events).toEqual([]);
    await call('GET', '/api/events?after=0&types=spot.active,spot.termination_notice,bid.open,execution.failed', '/api/events');
    const all = await call('GET', '/api/events?after=0&limit=1000', '/api/events');
    const types = new Set((all.body.events as { type: string }[]).map((e) => e.type));
    // The answers above made spot, bid and execution events of many kinds: each was checked against its schema.
    for (const type of ['spot.provisioning', 'spot.active', 'spot.removing', 'spot.removed', 'spot.converted', 'bid.open', 'bid.cancelled', 'execution.completed']) {
      expect(types, type).toContain(type);
    }
    const held = await call('GET', `/api/events?after=${all.body.next as string}&wait=0.2`, '/api/events');
    expect(held.body).toEqual({ events: [], next: all.body.next });
    await call('GET', '/api/events?since=2026-01-01T00:00:00Z&limit=2', '/api/events');
    const gone = await call('GET', '/api/events?after=999999999', '/api/events');
    expect(gone).toMatchObject({ status: 410, body: { oldest: '0' } });
    const bad = await call('GET', '/api/events?after=x&types=spot.gone&limit=0', '/api/events');
    expect(bad.body.errors).toEqual([
      'after: must be an event cursor: the next of an earlier answer, digits only',
      'limit: must be a whole number from 1 to 1000',
      expect.stringMatching(/^types: unknown event type 'spot.gone' \(known: spot.provisioning, /),
    ]);
    const both = await call('GET', '/api/events?after=1&since=2026-01-01T00:00:00Z', '/api/events');
    expect(both.body.errors).toEqual(['since: give after or since, not both']);
    await call('GET', '/api/events', '/api/events', undefined, { authorization: 'Token nope' }); // 401
  });

  it('for requests it refuses before their handler', async () => {
    await call('PUT', '/api/spots', '/api/spots', '{"metro":'); // 400
    await call('PUT', '/api/spots', '/api/spots', `{"metro":"${'x'.repeat(1 << 20)}"}`); // 413
    await call('PUT', '/api/spots', '/api/spots', '{}', { 'content-type': 'text/plain' }); // 415
    await call('PUT', '/api/spots', '/api/spots', '{}', { 'idempotency-key': '' }); // 422
    await call('DELETE', '/api/spots', '/api/spots', undefined, { 'idempotency-key': '' }); // 422
    await call('DELETE', '/api/spots/x', '/api/spots/{id}', undefined, { 'idempotency-key': '' }); // 422
    await call('DELETE', '/api/executions/x', '/api/executions/{id}', undefined, { 'idempotency-key': '' }); // 422
    await call('DELETE', '/api/spot-market-requests/x', '/api/spot-market-requests/{id}', 'null'); // 422
    await call('GET', '/api/spot-market-requests/not-a-uuid', '/api/spot-market-requests/{id}'); // 404
    expect(seen.slice(-9).map((s) => s.split(' ').at(-1))).toEqual(['400', '413', '415', '422', '422', '422', '422', '422', '404']);
  });

  it('rejects what the contract forbids (so the checks above can fail)', () => {
    const spot = ajv.compile({ $ref: 'fas.yaml#/components/schemas/Spot' });
    expect(spot({ id: 'x' })).toBe(false);
    const error = ajv.compile({ $ref: schemaRef('/api/spots', 'get', 401) });
    expect(error({ error: 'missing token' })).toBe(false);
    expect(error({ errors: ['missing token'] })).toBe(true);
  });

  it('for the sandbox routes', async () => {
    const validate = ajv.compile({ $ref: 'fas.yaml#/components/schemas/SandboxHealth' });
    // Up, and nothing more, to anyone; what it is, to its token holders.
    const anyone = await (await fetch(`${sb.url}/_sandbox/health`)).json();
    expect(anyone).toEqual({ status: 'ok' });
    expect(validate(anyone)).toBe(true);
    const stranger = await (await fetch(`${sb.url}/_sandbox/health`, { headers: { authorization: 'Token not-a-token' } })).json();
    expect(stranger).toEqual({ status: 'ok' });
    const holder = await (await fetch(`${sb.url}/_sandbox/health`, { headers: { authorization: `Token ${sb.token}` } })).json();
    expect(holder).toMatchObject({ status: 'ok', pid: process.pid, data_dir: expect.any(String), admin: expect.any(Boolean) });
    expect(validate(holder)).toBe(true);
    await call('GET', '/_sandbox/clock', '/_sandbox/clock');
    await call('POST', '/_sandbox/clock', '/_sandbox/clock', { advance_seconds: 1 });
    await call('POST', '/_sandbox/clock', '/_sandbox/clock', { advance_seconds: -1 });
  });
});
