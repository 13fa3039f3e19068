// Random bodies, query strings and path ids thrown at the sandbox's
// validation. Whatever comes in, the answer is a 4xx with {"errors": [...]}
// (or a 2xx when the input happens to be valid), never a 5xx, and the sandbox
// still serves afterwards. On a failure fast-check prints the seed and the
// shrunk input; pass them back with fc.assert(..., { seed, path }) to replay it.
import fc from 'fast-check';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

// 100 runs a property keeps the file at a few seconds; FAS_PROPERTY_RUNS=1000
// soaks for longer (about half a minute).
const RUNS = Number(process.env.FAS_PROPERTY_RUNS ?? 100);

interface Target {
  pool: Pool;
  token: string;
}

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function send(to: Target, method: string, path: string, body?: string): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Token ${to.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await to.pool.request({ method, path, body, headers });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json };
}

function isErrorBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const errors = (json as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e === 'string');
}

const shown = (method: string, path: string, body?: string) =>
  `${method} ${path.length > 300 ? `${path.slice(0, 300)}…` : path}${body === undefined ? '' : ` ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`}`;

/** What a valid-looking request may get: a success or a refusal, never a server error. */
async function expectHandled(to: Target, method: string, path: string, body?: string): Promise<Reply> {
  const r = await send(to, method, path, body);
  const what = `${shown(method, path, body)} -> ${r.status} ${r.text.slice(0, 500)}`;
  expect((r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500), what).toBe(true);
  if (r.status >= 400) expect(isErrorBody(r.json), what).toBe(true);
  else expect(r.json, what).not.toBeUndefined();
  return r;
}

/** What garbage must get: a 4xx saying why, in the contract's error shape. */
async function expectRefused(to: Target, method: string, path: string, body?: string): Promise<Reply> {
  const r = await send(to, method, path, body);
  const what = `${shown(method, path, body)} -> ${r.status} ${r.text.slice(0, 500)}`;
  expect(r.status >= 400 && r.status < 500, what).toBe(true);
  expect(isErrorBody(r.json), what).toBe(true);
  return r;
}

async function expectStillServing(to: Target): Promise<void> {
  expect((await send(to, 'GET', '/_sandbox/health')).status).toBe(200);
  expect((await send(to, 'GET', '/api/spots')).status).toBe(200);
}

// ---- arbitraries

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes every UTF-8 byte outside the unreserved set, so the server sees the text as given. */
function pct(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Percent-encodes every byte, unreserved or not: `page` arrives as `%70%61%67%65`. */
const pctEvery = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

// Each of these makes decodeURIComponent throw: truncated, not hex, overlong,
// a lone surrogate, past U+10FFFF, a stray continuation byte.
const BROKEN_ESCAPES = ['%', '%%', '%2', '%zz', '%G1', '%E0%A4', '%ED%A0%80', '%C0%AF', '%FF', '%80', '%F4%90%80%80', 'a%2', '%E2%82'];

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map((d) => JSON.stringify(d)), // NaN and the infinities become null
  fc.bigInt().map(String), // past what a double holds exactly, or at all
  fc.constantFrom(
    '0', '-0', '-1', '0.5', '1.5', '1e3', '1E+2', '1000', '1001', '2147483648', '9007199254740993', '1e21', '1e308',
    '1e400', '-1e400', '5e-324', '1e-400', '123456789012345678901234567890', '1'.padEnd(400, '0'),
  ),
);

const stringValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '', ' ', 'NaN', 'Infinity', '-1', '0', '1e3', '0x10', 'null', 'true', 'sv', 'SV', ' sv', 'c3.small', 'c3.small\u0000',
    '__proto__', 'toString', '\ud800', '\u202e', '2024-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-02-30T00:00:00Z',
    '2024-13-45T99:99:99Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2100-01-01T00:00:00+99:99',
    'a'.repeat(253), 'a'.repeat(254), '-a', 'a..b', 'é'.repeat(50_000),
  ),
);

/** A value nested `depth` levels deep, as JSON text: JSON.parse takes it, JSON.stringify may not give it back. */
const deepText = fc
  .tuple(fc.constantFrom(10, 33, 20_000, 100_000), fc.boolean())
  .map(([depth, array]) => (array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** Any JSON value as text, leaning on the ones validation gets wrong: wrong types, ranges, shapes. */
const anyValueText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), weight: 3 },
  { arbitrary: numberText, weight: 3 },
  { arbitrary: stringValue.map((s) => JSON.stringify(s)), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      'null', 'true', 'false', '[]', '{}', '{"toString":1}', '{"valueOf":null,"toString":null}', '[{"toString":1}]',
      '{"__proto__":{"plan":"c3.small"}}', '["c3.small"]',
    ),
    weight: 2,
  },
  { arbitrary: deepText, weight: 1 },
);

const SPECIAL_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', ''];

/**
 * A JSON object with the route's own keys, each left out or holding a
 * plausible value or any other, now and then with extra or repeated keys
 * (JSON.parse keeps the last).
 */
function shapedObject(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const known = Object.keys(fields);
  const entries = known.map((k) =>
    fc.option(fc.oneof({ arbitrary: fields[k]!, weight: 3 }, { arbitrary: anyValueText, weight: 2 }).map((v) => [k, v] as const), {
      nil: undefined,
      freq: 4,
    }),
  );
  const extra = fc.tuple(fc.oneof(fc.constantFrom(...known), fc.constantFrom(...SPECIAL_KEYS), fc.string()), anyValueText);
  return fc
    .tuple(fc.tuple(...entries), fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, fc.array(extra, { minLength: 1, maxLength: 3 })))
    .map(([given, extras]) => {
      const pairs = [...given.filter((e) => e !== undefined), ...extras];
      return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
    });
}

/**
 * A valid body with one or two fields dropped, replaced or added: most of
 * it passes, so the odd field is what validation has to catch.
 */
function nearlyValid(valid: Record<string, string>, fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const keys = [...new Set([...Object.keys(valid), ...Object.keys(fields)])];
  // A value of undefined drops the key.
  const ownKey = fc
    .constantFrom(...keys)
    .chain((k) => fc.tuple(fc.constant(k), fc.option(fc.oneof(fields[k] ?? anyValueText, anyValueText), { nil: undefined, freq: 6 })));
  const otherKey = fc.tuple(fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string()), anyValueText);
  const change = fc.oneof({ arbitrary: ownKey, weight: 4 }, otherKey);
  return fc.array(change, { maxLength: 2 }).map((changes) => {
    const body = new Map(Object.entries(valid));
    for (const [k, v] of changes) {
      if (v === undefined) body.delete(k);
      else body.set(k, v);
    }
    return `{${[...body].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  });
}

/**
 * `valid` as JSON text with `text` spliced in as the value of one of its keys,
 * or of `extraKey`, in it or in any object nested in it (`at` picks which).
 */
function withValue(valid: Record<string, unknown>, at: number, extraKey: string, text: string): string {
  const objects: Record<string, unknown>[] = [];
  const collect = (o: Record<string, unknown>) => {
    objects.push(o);
    for (const v of Object.values(o)) if (typeof v === 'object' && v !== null && !Array.isArray(v)) collect(v as Record<string, unknown>);
  };
  const copy = structuredClone(valid);
  collect(copy);
  const target = objects[at % objects.length]!;
  const keys = [...Object.keys(target), extraKey];
  const marker = '\u0000spliced\u0000';
  target[keys[Math.floor(at / objects.length) % keys.length]!] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => text);
}

/** A body for a route: its own keys with any values, or a valid body slightly off. */
const bodyFor = (valid: Record<string, string>, fields: Record<string, fc.Arbitrary<string>>) =>
  fc.oneof(shapedObject(fields), nearlyValid(valid, fields));

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** A body that is no JSON object: other JSON, broken JSON or no JSON at all. Never blank, which means "no body". */
const notAnObject = fc
  .oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.anything().map((v) => {
      try {
        return JSON.stringify(v) ?? 'undefined';
      } catch {
        return 'undefined';
      }
    }),
    fc.string({ unit: 'binary', minLength: 1 }),
    fc.string({ minLength: 1 }),
    numberText,
    deepText.filter((t) => t.startsWith('[')),
    fc.constantFrom(
      '{', '}', '{"a":', "{'metro':'sv'}", '{metro: "sv"}', '[1,]', 'NaN', 'undefined', '\uFEFF{}', '{"a":1}}', '{}{}',
      'null', '[]', '[{}]', '0', '""', 'true', '1e400', '{"a":1,}', '/* */ {}',
    ),
  )
  .filter((text) => text.trim() !== '' && !isJsonObject(text));

const queryValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '', '0', '-1', '1', '2', '60', '61', '1e3', '1000', '1001', '1.5', '-0', '0x10', ' 1', '1 ', '+1', 'NaN', 'Infinity',
      '١', '9'.repeat(20), '9'.repeat(400), 'true', 'false', 'sv', 'ny', 'zz', 'c3.small', 'm3.large', 'active', 'removed',
      'pending', 'completed', 'spot.add', '2024-01-01', '2024-01-01T00:00:00Z', '0000-01-01', '9999-12-31T23:59:59Z',
      '2024-13-45', '+275760-09-13', '7d', '6h', '1700000000', '99999999999',
    ),
    weight: 4,
  },
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string(),
  fc.string({ unit: 'binary' }),
);

/** A query string over the route's parameters: repeated, empty, bare, encoded and broken keys and values. */
function queryText(keys: string[]): fc.Arbitrary<string> {
  const key = fc.constantFrom(...keys);
  const pair = fc.oneof(
    { arbitrary: fc.tuple(key, queryValue).map(([k, v]) => `${k}=${pct(v)}`), weight: 6 },
    fc.tuple(key, fc.constantFrom(...BROKEN_ESCAPES, '+1', '%2B1', '1%20', '%31%30', '%00')).map(([k, v]) => `${k}=${v}`),
    key,
    fc.tuple(key, queryValue).map(([k, v]) => `${pctEvery(k)}=${pct(v)}`),
    fc.tuple(fc.string(), fc.string()).map(([k, v]) => `${pct(k)}=${pct(v)}`),
    fc.constantFrom('', '=', '&', '==', '%', '%zz=1', '=1', 'a=b=c'),
  );
  return fc.array(pair, { maxLength: 8 }).map((pairs) => pairs.join('&'));
}

/**
 * Ids that name nothing: random, huge, not even valid percent-encoding, or
 * dot segments (plain or percent-encoded), which a path resolved before
 * routing would fold into another route.
 */
function strangeId(): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom('.', '..', '%2e', '%2E', '%2e%2e', '.%2e', '%2e.', '%2e%2e%2f', '..%2f'),
      fc.uuid(),
      fc.string({ minLength: 1 }).map(pct),
      fc.string({ unit: 'binary', minLength: 1 }).map(pct),
      fc.constantFrom('null', 'undefined', '0', '-1', '1e3', '10.0.0.999', "' OR 1=1 --", 'a'.repeat(5000), '\u0000').map(pct),
      fc.constantFrom('%00', '%2F', '%2e%2e%2Fspots', '%25'),
      fc.constantFrom(...BROKEN_ESCAPES),
      fc.tuple(fc.string().map(pct), fc.constantFrom(...BROKEN_ESCAPES), fc.string().map(pct)).map(([a, b, c]) => a + b + c),
    )
    // Encoded, an id never holds a slash: one segment, whatever it decodes to.
    .filter((id) => !id.includes('/'));
}

const metroText = fc.constantFrom('"sv"', '"ny"', '"am"', '"zz"', '""', '"SV"');
const planText = fc.constantFrom('"c3.small"', '"m3.large"', '"g3.xlarge"', '"c3.huge"', '""');
const priceText = fc.oneof(fc.double({ min: 0.0001, max: 20, noNaN: true }).map(String), fc.constantFrom('0.5', '100', '0', '-1'));
const smallCount = fc.oneof(fc.integer({ min: 0, max: 4 }).map(String), fc.constantFrom('1000', '1001'));
const stringsText = fc.array(fc.string(), { maxLength: 4 }).map((a) => JSON.stringify(a));
const hostnameText = fc
  .oneof(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,30}$/), fc.constantFrom('a'.repeat(253), 'a'.repeat(254), '-a', 'a b'))
  .map((s) => JSON.stringify(s));

const spotAddBody = bodyFor(
  { metro: '"sv"' },
  { metro: metroText, plan: planText, max_bid_price: priceText, tags: stringsText, description: fc.string().map((s) => JSON.stringify(s)) },
);
const spotUpdateBody = bodyFor(
  { description: '"x"' },
  {
    spot_instance: fc.constantFrom('false', 'true', '0', 'null', '"false"'),
    hostname: hostnameText,
    tags: stringsText,
    description: fc.oneof(fc.constant('null'), fc.string().map((s) => JSON.stringify(s))),
    locked: fc.constantFrom('true', 'false', '"true"', '1'),
  },
);
const bidBody = bodyFor(
  { devices_min: '1', devices_max: '2', max_bid_price: '50', metro: '"sv"', instance_parameters: '{"plan":"c3.small"}' },
  {
    devices_min: smallCount,
    devices_max: smallCount,
    max_bid_price: priceText,
    metro: metroText,
    end_at: fc.constantFrom('"2999-01-01T00:00:00Z"', '"2001-01-01T00:00:00Z"', '"2999-01-01"', '"tomorrow"'),
    instance_parameters: bodyFor(
      { plan: '"c3.small"' },
      {
        plan: planText,
        hostname: hostnameText,
        operating_system: fc.constantFrom('"ubuntu_24_04"', '5'),
        tags: stringsText,
        description: fc.string().map((s) => JSON.stringify(s)),
      },
    ),
  },
);
const bidDeleteBody = bodyFor({ force_termination: 'true' }, { force_termination: fc.constantFrom('true', 'false', '"true"', '1', 'null') });
const priceBody = bodyFor(
  { metro: '"sv"', plan: '"c3.small"', price: '0.5' },
  { metro: metroText, plan: planText, price: fc.oneof(priceText, fc.constant('null')) },
);
const clockBody = bodyFor(
  { advance_seconds: '60' },
  {
    advance_seconds: fc.oneof(
      fc.double({ min: 0.001, max: 86_400 * 365, noNaN: true }).map(String),
      fc.double({ min: 1, max: Number.MAX_VALUE, noNaN: true }).map(String),
      fc.constantFrom('60', '0', '-5'),
    ),
  },
);

// ---- the sandboxes

let api: TestSandbox;
let admin: TestSandbox;
let apiTo: Target;
let adminTo: Target;
/** Ids that exist, so that valid-looking requests get past the lookup now and then. */
const known = { spots: [] as string[], executions: [] as string[], bids: [] as string[] };

function target(t: TestSandbox): Target {
  // One kept-alive connection: the runs go one request after another.
  return { pool: new Pool(t.sandbox.url, { connections: 1, headersTimeout: 10_000, bodyTimeout: 10_000 }), token: t.sandbox.token };
}

beforeAll(async () => {
  [api, admin] = await Promise.all([withSandbox(), withSandbox({ admin: true })]);
  apiTo = target(api);
  adminTo = target(admin);
  for (const metro of ['sv', 'ny']) {
    const added = (await send(apiTo, 'PUT', '/api/spots', JSON.stringify({ metro }))).json as { execution_id: string };
    const done = (await send(apiTo, 'GET', `/api/executions/${added.execution_id}?wait=5`)).json as { resource_id: string; status: string };
    expect(done.status).toBe('completed');
    const spot = (await send(apiTo, 'GET', `/api/spots/${done.resource_id}`)).json as { id: string; ip: string };
    known.executions.push(added.execution_id);
    known.spots.push(spot.id, spot.ip);
  }
  const bid = await send(apiTo, 'POST', '/api/spot-market-requests', JSON.stringify({
    devices_min: 1, devices_max: 1, max_bid_price: 50, metro: 'sv', instance_parameters: { plan: 'c3.small' },
  }));
  expect(bid.status).toBe(201);
  known.bids.push((bid.json as { id: string }).id);
});

afterAll(async () => {
  await Promise.all([apiTo?.pool.close(), adminTo?.pool.close()]);
  await Promise.all([api?.close(), admin?.close()]);
});

/** Now and then an id that exists (`ids`, filled once the sandboxes are up), mostly one that names nothing. */
const idOf = (base: string, ids: string[]) => fc.oneof({ arbitrary: strangeId(), weight: 3 }, fc.constantFrom(...ids.map(pct)));

// ---- the inputs that once broke the sandbox, kept as plain examples

describe('inputs that once got a 500, a hang or a dead sandbox', () => {
  it.each([
    ['GET', '/api/spots/%E0%A4'],
    ['PUT', '/api/spots/%ED%A0%80'],
    ['DELETE', '/api/spots/%'],
    ['GET', '/api/executions/%zz'],
    ['DELETE', '/api/executions/%C0%AF'],
    ['GET', '/api/spot-market-requests/%FF'],
    ['DELETE', '/api/spot-market-requests/a%2?force_termination=true'],
  ])('%s %s: an id that is not valid percent-encoding is a 404, not a 500', async (method, path) => {
    const r = await expectRefused(adminTo, method, path, method === 'PUT' ? '{"locked":true}' : undefined);
    expect(r.status).toBe(404);
    expect((r.json as { errors: string[] }).errors[0]).toMatch(/^id: '.*' is not valid percent-encoding$/);
  });

  it.each([
    ['/api/spots?page=99999999999999999999', /^page: must be a whole number from 1 to 1000000000$/],
    ['/api/executions?page=1000000001', /^page: /],
    ['/api/spot-market-requests?page=9'.padEnd(60, '9'), /^page: /],
    ['/api/spots?per_page=1e3', /^per_page: must be a whole number from 1 to 1000$/],
    ['/api/spots?per_page=1001', /^per_page: /],
    ['/api/executions?page=0', /^page: /],
    ['/api/executions/00000000-0000-4000-8000-000000000000?wait=-1', /^wait: must be a number of seconds from 0 to 60$/],
    ['/api/executions/00000000-0000-4000-8000-000000000000?wait=61', /^wait: /],
    ['/api/executions/00000000-0000-4000-8000-000000000000?wait=NaN', /^wait: /],
    ['/api/executions/00000000-0000-4000-8000-000000000000?wait=0x3c', /^wait: /],
    ['/api/executions/00000000-0000-4000-8000-000000000000?wait=1e1', /^wait: /],
  ])('GET %s is a 422 naming the parameter', async (path, message) => {
    const r = await expectRefused(adminTo, 'GET', path);
    expect(r.status).toBe(422);
    expect((r.json as { errors: string[] }).errors.some((e) => message.test(e)), r.text).toBe(true);
  });

  it.each([
    ['PUT', '/api/spots'],
    ['PUT', '/api/spots/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/spot-market-requests'],
    ['DELETE', '/api/spot-market-requests/00000000-0000-4000-8000-000000000000'],
    ['PUT', '/_sandbox/prices'],
    ['POST', '/_sandbox/clock'],
  ])('%s %s: a JSON body that is null, an array or a number is a 422', async (method, path) => {
    for (const body of ['null', '[]', '[{"metro":"sv"}]', '5', '"{}"']) {
      const r = await expectRefused(adminTo, method, path, body);
      expect(r.status, body).toBe(422);
      expect(r.json).toEqual({ errors: ['body: must be a JSON object'] });
    }
  });

  it('a bid for more spots than the sandbox makes in one go is a 422, not hours of work', async () => {
    const bid = (devices: string) =>
      `{"devices_min":1,"devices_max":${devices},"max_bid_price":50,"metro":"sv","instance_parameters":{"plan":"c3.small"}}`;
    for (const devices of ['1e21', '1e308', '9007199254740993', '1001']) {
      const r = await expectRefused(adminTo, 'POST', '/api/spot-market-requests', bid(devices));
      expect(r.json, devices).toEqual({ errors: ['devices_max: must be a whole number from 1 to 1000'] });
    }
  });

  it('instance_parameters nested too deep to store is a 422, not a stack overflow', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const body = `{"devices_min":1,"devices_max":1,"max_bid_price":50,"metro":"sv","instance_parameters":{"plan":"c3.small","x":${deep}}}`;
    const r = await expectRefused(adminTo, 'POST', '/api/spot-market-requests', body);
    expect(r.json).toEqual({ errors: ['instance_parameters: nested more than 32 levels deep'] });
  });

  it('a spot bid of 1e400 (read as Infinity) is a 422, not a spot with no bid', async () => {
    const r = await expectRefused(adminTo, 'PUT', '/api/spots', '{"max_bid_price":1e400}');
    expect(r.json).toEqual({ errors: ['max_bid_price: must be a number greater than 0'] });
  });

  it('a metro or plan that is an object with its own toString is a 422, not a 500', async () => {
    const r = await expectRefused(adminTo, 'PUT', '/_sandbox/prices', '{"metro":{"toString":1},"plan":[{"toString":1}],"price":1}');
    expect(r.json).toEqual({ errors: ['metro: must be a string', 'plan: must be a string'] });
  });

  it('a clock advance past what a date can hold is a 422, and the sandbox keeps its clock', async () => {
    const before = (await send(adminTo, 'GET', '/_sandbox/clock')).json as { now: string };
    for (const seconds of ['1e308', '1e13', '252000000000']) {
      const r = await expectRefused(adminTo, 'POST', '/_sandbox/clock', `{"advance_seconds":${seconds}}`);
      expect((r.json as { errors: string[] }).errors[0], seconds).toMatch(/^advance_seconds: at most \d+ now, so that the clock stays before 9999-12-31T00:00:00.000Z$/);
    }
    // JSON reads 1e400 as Infinity, which is no number to the schema.
    const infinite = await expectRefused(adminTo, 'POST', '/_sandbox/clock', '{"advance_seconds":1e400}');
    expect(infinite.json).toEqual({ errors: ['advance_seconds: must be a number of seconds greater than 0 that keeps the clock before 9999-12-31'] });
    const after = (await send(adminTo, 'GET', '/_sandbox/clock')).json as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeLessThan(60_000);
    await expectStillServing(adminTo);
  });
});

// ---- the properties

interface Call {
  method: string;
  path: string;
  body?: string | undefined;
}

/** Every call must get a 4xx saying why. */
async function allRefused(to: Target, calls: fc.Arbitrary<Call>, numRuns = RUNS): Promise<void> {
  await fc.assert(
    fc.asyncProperty(calls, async (c) => {
      await expectRefused(to, c.method, c.path, c.body);
    }),
    { numRuns },
  );
}

/** Every call may succeed or be refused, but never get a 5xx. */
async function allHandled(to: Target, calls: fc.Arbitrary<Call>, numRuns = RUNS, endOnFailure = false): Promise<void> {
  await fc.assert(
    fc.asyncProperty(calls, async (c) => {
      await expectHandled(to, c.method, c.path, c.body);
    }),
    { numRuns, endOnFailure },
  );
}

const call = (method: string, path: string) => (body: string | undefined): Call => ({ method, path, body });

describe('random bodies on the routes that change things', () => {
  it('PUT /api/spots', async () => {
    await allRefused(apiTo, notAnObject.map(call('PUT', '/api/spots')));
    await allHandled(apiTo, spotAddBody.map(call('PUT', '/api/spots')));
    await expectStillServing(apiTo);
  });

  it('PUT /api/spots/{id}', async () => {
    const put = ([id, body]: [string, string]) => call('PUT', `/api/spots/${id}`)(body);
    await allRefused(apiTo, fc.tuple(idOf('/api/spots', known.spots), notAnObject).map(put));
    await allHandled(apiTo, fc.tuple(idOf('/api/spots', known.spots), spotUpdateBody).map(put));
    await allRefused(apiTo, fc.tuple(strangeId(), spotUpdateBody).map(put));
    await expectStillServing(apiTo);
  });

  it('DELETE /api/spots/{id} and DELETE /api/executions/{id}', async () => {
    const body = fc.option(fc.oneof(notAnObject, anyValueText), { nil: undefined });
    for (const base of ['/api/spots', '/api/executions']) {
      await allRefused(apiTo, fc.tuple(strangeId(), body).map(([id, b]) => call('DELETE', `${base}/${id}`)(b)));
      await allHandled(apiTo, idOf(base, base === '/api/spots' ? known.spots : known.executions).map((id) => call('DELETE', `${base}/${id}`)(undefined)));
    }
    await expectStillServing(apiTo);
  });

  it('POST /api/spot-market-requests', async () => {
    await allRefused(apiTo, notAnObject.map(call('POST', '/api/spot-market-requests')));
    await allHandled(apiTo, bidBody.map(call('POST', '/api/spot-market-requests')), RUNS * 2);
    await expectStillServing(apiTo);
  });

  it('DELETE /api/spot-market-requests/{id} with a random query', async () => {
    const base = '/api/spot-market-requests';
    const query = queryText(['force_termination']);
    const body = fc.option(fc.oneof(bidDeleteBody, notAnObject), { nil: undefined, freq: 3 });
    const del = ([id, q, b]: [string, string, string | undefined]) => call('DELETE', `${base}/${id}?${q}`)(b);
    await allHandled(apiTo, fc.tuple(idOf(base, known.bids), query, body).map(del));
    await allRefused(apiTo, fc.tuple(strangeId(), query, body).map(del));
    await expectStillServing(apiTo);
  });

  it('a value nested thousands deep anywhere in a valid body is refused (or taken when shallow), never a stack overflow', async () => {
    const routes: Call[] = [
      { method: 'PUT', path: '/api/spots', body: '{"metro":"sv","plan":"c3.small"}' },
      { method: 'PUT', path: `/api/spots/${known.spots[0]}`, body: '{"description":"x","tags":["a"]}' },
      // Bidding below any price, so that no spot is made.
      {
        method: 'POST',
        path: '/api/spot-market-requests',
        body: '{"devices_min":1,"devices_max":1,"max_bid_price":0.00001,"metro":"sv","instance_parameters":{"plan":"c3.small"}}',
      },
      { method: 'DELETE', path: `/api/spot-market-requests/${known.bids[0]}`, body: '{"force_termination":false}' },
    ];
    const calls = fc
      .tuple(fc.constantFrom(...routes), fc.nat(), fc.string(), deepText)
      .map(([route, at, extraKey, deep]) => ({ ...route, body: withValue(JSON.parse(route.body!) as Record<string, unknown>, at, extraKey, deep) }));
    await allHandled(apiTo, calls);
    await expectStillServing(apiTo);
  });
});

describe('random query strings on the routes that read', () => {
  it('lists of spots, executions and bids', async () => {
    const paths = fc.oneof(
      queryText(['page', 'per_page', 'state', 'metro', 'bid', 'tag']).map((q) => `/api/spots?${q}`),
      queryText(['page', 'per_page', 'status', 'operation']).map((q) => `/api/executions?${q}`),
      queryText(['page', 'per_page']).map((q) => `/api/spot-market-requests?${q}`),
    );
    await allHandled(apiTo, paths.map((path) => ({ method: 'GET', path })), RUNS * 2);
    await expectStillServing(apiTo);
  });

  it('market prices and their history', async () => {
    const paths = fc.oneof(
      queryText(['metro', 'plan']).map((q) => `/api/market/spot/prices?${q}`),
      queryText(['metro', 'plan', 'since', 'from', 'until']).map((q) => `/api/market/spot/prices/history?${q}`),
      // A known market, so that the times are what gets looked at.
      queryText(['since', 'from', 'until']).map((q) => `/api/market/spot/prices/history?metro=sv&plan=c3.small&${q}`),
    );
    await allHandled(apiTo, paths.map((path) => ({ method: 'GET', path })), RUNS * 2);
    await expectStillServing(apiTo);
  });

  it('GET /api/executions/{id}?wait=', async () => {
    const get = ([id, q]: [string, string]) => ({ method: 'GET', path: `/api/executions/${id}?${q}` });
    await allHandled(apiTo, fc.tuple(idOf('/api/executions', known.executions), queryText(['wait'])).map(get));
    await allRefused(apiTo, fc.tuple(strangeId(), queryText(['wait'])).map(get));
    await expectStillServing(apiTo);
  });

  it('GET of spots and bids by an id that names nothing', async () => {
    const paths = fc.oneof(
      strangeId().map((id) => `/api/spots/${id}`),
      strangeId().map((id) => `/api/spot-market-requests/${id}`),
    );
    await allRefused(apiTo, paths.map((path) => ({ method: 'GET', path })));
  });
});

describe('random bodies on the admin routes', () => {
  it('PUT /_sandbox/prices', async () => {
    await allRefused(adminTo, notAnObject.map(call('PUT', '/_sandbox/prices')));
    await allHandled(adminTo, priceBody.map(call('PUT', '/_sandbox/prices')));
    await expectStillServing(adminTo);
  });

  it('POST /_sandbox/clock', async () => {
    await allRefused(adminTo, notAnObject.map(call('POST', '/_sandbox/clock')));
    // The clock only moves forward: shrinking would replay smaller inputs on
    // a sandbox the failing one already broke, and blame an innocent one.
    await allHandled(adminTo, clockBody.map(call('POST', '/_sandbox/clock')), RUNS, true);
    await expectStillServing(adminTo);
    expect((await send(adminTo, 'GET', '/_sandbox/clock')).status).toBe(200);
  });

  it('are 404 on a sandbox without --admin, whatever the body', async () => {
    const calls = fc.oneof(
      fc.oneof(priceBody, notAnObject).map(call('PUT', '/_sandbox/prices')),
      fc.oneof(clockBody, notAnObject).map(call('POST', '/_sandbox/clock')),
      fc.constant<Call>({ method: 'GET', path: '/_sandbox/clock' }),
    );
    await fc.assert(
      fc.asyncProperty(calls, async (c) => {
        const r = await expectRefused(apiTo, c.method, c.path, c.body);
        // Broken JSON is refused before the route is looked at.
        if (r.status !== 400) expect(r.status).toBe(404);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('after all that', () => {
  it('both sandboxes still answer their health check and list spots', async () => {
    await expectStillServing(apiTo);
    await expectStillServing(adminTo);
  });
});
