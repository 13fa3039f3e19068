// Every command that prints, in every format, read back with a parser of
// that format: -o json (JSON lines for a stream), jsonl, yaml (a document
// an item for a stream), csv (RFC 4180, the header of the command's column
// keys), wide, and --query; and --columns with an unknown key refused
// (exit 2) before the command asks the API anything, here an API that is
// not there. The streams (fas events, fas spots watch) included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { EVENT_TYPES, type Event, type Execution, type Spot } from '../../src/api/types.js';
import { tempDir } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { startFas } from '../helpers/process.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let spot: Spot;
let added: Execution;
let bidId: string;

beforeAll(async () => {
  t = await withSandbox({ admin: true });
  added = await t.json<Execution>(['spots', 'add', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.9']);
  spot = await t.json<Spot>(['spots', 'wait', added.resource_id!, '--for', 'active']);
  // A price no market reaches: the bid stays open, and bids list has a row.
  bidId = (await t.json<{ id: string }>(['bids', 'create', '--metro', 'ny', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.0001'])).id;
  // A profile in the config file, for profiles list.
  expect((await t.fas(['config', 'set', 'retries', '4'])).code).toBe(0);
});
afterAll(() => t.close());

const SPOT_KEYS = ['id', 'hostname', 'ip', 'state', 'metro', 'plan', 'price', 'type', 'bid', 'terminates', 'max_bid', 'locked', 'tags', 'created', 'description'];
const EXECUTION_KEYS = ['id', 'operation', 'status', 'resource', 'created', 'updated', 'error'];
const EVENT_KEYS = ['id', 'time', 'type', 'resource_type', 'resource', 'detail'];
const lines = (text: string) => text.split('\n').filter(Boolean);

interface Case {
  args: () => string[];
  /** The csv header: every column key of the command, which --columns lists when given an unknown one. */
  csv: string[];
  /** The first line of -o wide. */
  wide: RegExp;
  /** A --query, and what it prints (a value raw on its line). */
  query: [string, string | RegExp];
  /** The first csv record, where its values are known. */
  record?: () => unknown[];
  /** Items printed as they come: JSON lines, a YAML document each. */
  stream?: true;
}

const CASES: Record<string, Case> = {
  'spots list': { args: () => ['spots', 'list'], csv: SPOT_KEYS, wide: /^ID +HOSTNAME +IP +STATE +METRO +PLAN +PRICE +TYPE +BID/, query: ['[].state', 'active\n'] },
  'spots get': {
    args: () => ['spots', 'get', spot.id],
    csv: SPOT_KEYS,
    wide: /^ID +[0-9a-f-]{36}$/,
    query: ['ip', /^10\.\d+\.\d+\.\d+\n$/],
    record: () => [spot.id, spot.hostname, spot.ip, 'active', 'sv', 'c3.small', expect.stringMatching(/^0\.\d+$/), 'spot', '', '', '0.9', 'false', '', spot.created_at, ''],
  },
  'spots wait': { args: () => ['spots', 'wait', spot.id, '--for', 'active'], csv: SPOT_KEYS, wide: /^ID +[0-9a-f-]{36}$/, query: ['state', 'active\n'] },
  'executions list': { args: () => ['executions', 'list'], csv: EXECUTION_KEYS, wide: /^ID +OPERATION +STATUS +RESOURCE +CREATED +UPDATED +ERROR$/, query: ['[].operation', 'spot.add\n'] },
  'executions get': { args: () => ['executions', 'get', added.id], csv: EXECUTION_KEYS, wide: /^ID +[0-9a-f-]{36}$/, query: ['status', 'completed\n'] },
  'executions wait': { args: () => ['executions', 'wait', added.id], csv: EXECUTION_KEYS, wide: /^ID +[0-9a-f-]{36}$/, query: ['operation', 'spot.add\n'] },
  'bids list': {
    args: () => ['bids', 'list'],
    csv: ['id', 'state', 'metro', 'plan', 'max_bid', 'spots', 'min', 'max', 'ends', 'created'],
    wide: /^ID +STATE +METRO +PLAN +MAX_BID +SPOTS +MIN +MAX +ENDS +CREATED$/,
    query: ['[].state', 'open\n'],
  },
  'bids get': {
    args: () => ['bids', 'get', bidId],
    csv: ['id', 'state', 'metro', 'plan', 'max_bid', 'spots', 'min', 'max', 'ends', 'created'],
    wide: /^ID +[0-9a-f-]{36}$/,
    query: ['max_bid_price', '0.0001\n'],
  },
  'bids create --dry-run': {
    args: () => ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '2', '--max-price', '0.3', '--dry-run'],
    csv: ['metro', 'plan', 'min', 'max', 'max_bid', 'ends', 'hostname'],
    wide: /^METRO +sv$/,
    query: ['devices_max', '2\n'],
  },
  'market plans': { args: () => ['market', 'plans'], csv: ['slug', 'name', 'on_demand', 'cpus', 'memory', 'storage', 'gpus'], wide: /^SLUG +NAME +ON_DEMAND +CPUS/, query: ['[0].slug', /^\S+\n$/] },
  'market metros': { args: () => ['market', 'metros'], csv: ['code', 'name'], wide: /^CODE +NAME$/, query: ["[?code=='sv'].name", 'Silicon Valley\n'] },
  'market prices': {
    args: () => ['market', 'prices'],
    csv: ['metro', 'plan', 'spot', 'on_demand', 'discount', 'market'],
    wide: /^METRO +PLAN +SPOT +ON_DEMAND +DISCOUNT +MARKET$/,
    query: ['spot_market_prices.sv."c3.small".price', /^0\.\d+\n$/],
  },
  'market prices --plan': {
    args: () => ['market', 'prices', '--plan', 'c3.small'],
    csv: ['metro', 'spot', 'on_demand', 'discount', 'market'],
    wide: /^METRO +SPOT +ON_DEMAND +DISCOUNT +MARKET$/,
    query: ['spot_market_prices.sv | keys(@)', 'c3.small\n'],
  },
  'market history': { args: () => ['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '1h'], csv: ['time', 'price'], wide: /^TIME +PRICE$/, query: ['[0].timestamp', /^\d{10}\n$/] },
  'market backtest': {
    args: () => ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.9', '--since', '1h'],
    csv: ['availability', 'revocations', 'revocations_per_day', 'mean_run_seconds', 'longest_run_seconds', 'avg_price', 'on_demand_price', 'savings', 'max_bid_price', 'metro', 'plan', 'from', 'until', 'points'],
    wide: /^availability +1$/,
    query: ['metro', 'sv\n'],
  },
  'market advise': {
    args: () => ['market', 'advise', '--plan', 'c3.small', '--metro', 'sv', '--lookback', '1h'],
    csv: ['metro', 'plan', 'strategy', 'max_bid', 'availability', 'revocations', 'savings'],
    wide: /^METRO +PLAN +STRATEGY +MAX_BID +AVAILABILITY +REVOCATIONS +SAVINGS$/,
    query: ['[0].strategy', /^(balanced|on-demand|continuity|cost)\n$/],
  },
  'config list': { args: () => ['config', 'list'], csv: ['key', 'value', 'source'], wide: /^KEY +VALUE +SOURCE$/, query: ["settings[?key=='retries'].value", '4\n'] },
  'config get': { args: () => ['config', 'get', 'retries'], csv: ['key', 'value', 'source'], wide: /^KEY +retries$/, query: ['source', 'profile\n'] },
  'profiles list': { args: () => ['profiles', 'list'], csv: ['current', 'name', 'api_url', 'token'], wide: /^CURRENT +NAME +API_URL +TOKEN$/, query: ['[].name', 'default\n'] },
  status: {
    args: () => ['status'],
    csv: ['profile', 'api_url', 'token', 'api', 'sandbox'],
    wide: /^Profile +default /,
    query: ['api.reachable', 'true\n'],
    // Values, not the sentences a person reads: the token accepted, the API reached, the sandbox running.
    record: () => ['default', t.sandbox.url, 'true', 'true', 'true'],
  },
  // The token comes from FAS_TOKEN, not the profile: nothing to forget, and the profile is left as it was.
  logout: { args: () => ['logout'], csv: ['profile', 'forgot'], wide: /^PROFILE +FORGOT$/, query: ['forgot', 'false\n'], record: () => ['default', 'false'] },
  version: { args: () => ['version'], csv: ['fas', 'node', 'platform', 'release', 'arch'], wide: /^fas +\d+\.\d+\.\d+/, query: ['fas', /^\d+\.\d+\.\d+\S*\n$/] },
  'sandbox status': { args: () => ['sandbox', 'status', '--data', t.sandbox.dataDir], csv: ['running', 'url', 'pid', 'data_dir'], wide: /^RUNNING +yes$/, query: ['running', 'true\n'] },
  'sandbox price set': {
    args: () => ['sandbox', 'price', 'set', '--metro', 'sv', '--plan', 'c3.small', '0.25'],
    csv: ['metro', 'plan', 'price'],
    wide: /^METRO +PLAN +PRICE$/,
    query: ['spot_market_prices.sv."c3.small".price', '0.25\n'],
  },
  'sandbox price reset': { args: () => ['sandbox', 'price', 'reset', '--metro', 'sv', '--plan', 'c3.small'], csv: ['metro', 'plan', 'price'], wide: /^METRO +PLAN +PRICE$/, query: ['keys(spot_market_prices)', 'sv\n'] },
  'sandbox clock advance': { args: () => ['sandbox', 'clock', 'advance', '1s'], csv: ['now', 'offset_seconds'], wide: /^NOW +OFFSET_SECONDS$/, query: ['offset_seconds', /^\d+\n$/] },
  events: {
    args: () => ['events', '--since', '1h'],
    csv: EVENT_KEYS,
    wide: /^ID +TIME +TYPE +RESOURCE_TYPE +RESOURCE +DETAIL$/,
    query: ['type', new RegExp(`^((${EVENT_TYPES.join('|').replace(/\./g, '\\.')})\n)+$`)],
    stream: true,
  },
};

/** Reads -o json or jsonl: one document, or one a line. */
function readJson(text: string, perLine: boolean): unknown[] {
  return perLine ? lines(text).map((l) => JSON.parse(l) as unknown) : [JSON.parse(text) as unknown];
}

/** Reads -o yaml: one document (a mapping or a sequence, never a bare string such as a table would read as), or a document an item. */
function readYaml(text: string, stream: boolean): unknown[] {
  const values = stream
    ? parseAllDocuments(text).map((doc) => {
        expect('errors' in doc ? doc.errors : []).toEqual([]);
        return doc.toJSON() as unknown;
      })
    : [parseYaml(text) as unknown];
  for (const v of values) expect(typeof v === 'object' && v !== null, text).toBe(true);
  return values;
}

describe.each(Object.entries(CASES))('fas %s', (name, c) => {
  it('prints each format so that its parser reads it, and refuses an unknown column before it asks the API', async () => {
    const run = async (flags: string[], env: Record<string, string> = {}) => {
      const r = await t.fas([...c.args(), ...flags], { env });
      return { ...r, what: `fas ${[...c.args(), ...flags].join(' ')}: ${r.stderr}` };
    };
    const [json, jsonl, yaml, csv, wide, query, columns] = await Promise.all([
      run(['-o', 'json']),
      run(['-o', 'jsonl']),
      run(['-o', 'yaml']),
      run(['-o', 'csv']),
      run(['-o', 'wide']),
      run(['--query', c.query[0]]),
      // Nothing listens there: a command that asked first would fail otherwise.
      run(['-o', 'csv', '--columns', `${c.csv[0]},nope`, '--retries', '0'], { FAS_API_URL: 'http://127.0.0.1:9' }),
    ]);
    for (const r of [json, jsonl, yaml, csv, wide, query]) expect(r.code, r.what).toBe(0);

    expect(readJson(json.stdout, c.stream === true).length, json.what).toBeGreaterThan(0);
    for (const line of lines(jsonl.stdout)) expect(() => JSON.parse(line), jsonl.what).not.toThrow();
    expect(lines(jsonl.stdout).length, jsonl.what).toBeGreaterThan(0);
    readYaml(yaml.stdout, c.stream === true);

    const [header, ...records] = readCsv(csv.stdout);
    expect(header, csv.what).toEqual(c.csv);
    expect(records.length, csv.what).toBeGreaterThan(0);
    for (const record of records) expect(record, csv.what).toHaveLength(c.csv.length);
    if (c.record) expect(records[0], csv.what).toEqual(c.record());

    expect(wide.stdout.split('\n')[0], wide.what).toMatch(c.wide);
    if (typeof c.query[1] === 'string') expect(query.stdout, query.what).toBe(c.query[1]);
    else expect(query.stdout, query.what).toMatch(c.query[1]);

    expect(columns.code, columns.what).toBe(2);
    expect(columns.stdout).toBe('');
    const help = `Hint: see fas ${name.replace(/ --.*/, '')} --help`;
    expect(columns.stderr).toBe(`Error: unknown column 'nope' in --columns: this command's columns are ${c.csv.join(', ')}\n${help}\n`);
  });
});

describe('fas spots watch', () => {
  it('prints the events it passes on in every format but the default, as fas events does, until --exit-when-empty ends it', async () => {
    const watched = await t.json<Spot>(['spots', 'add', '--wait', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.9']);
    const formats: Record<string, string[]> = {
      json: ['-o', 'json'],
      jsonl: ['-o', 'jsonl'],
      yaml: ['-o', 'yaml'],
      csv: ['-o', 'csv'],
      wide: ['-o', 'wide'],
      query: ['--query', 'type'],
      ids: ['-q'],
      columns: ['-o', 'csv', '--columns', 'type,resource', '--no-header'],
    };
    // --debug says on stderr when the watch holds its request on the feed: from then on it misses nothing.
    const watches = Object.fromEntries(Object.entries(formats).map(([name, flags]) => [name, startFas(['spots', 'watch', watched.id, '--exit-when-empty', '--debug', ...flags], t.env)]));
    for (const w of Object.values(watches)) await expect.poll(() => w.stderr(), { timeout: 20_000 }).toMatch(/> GET \S+\/api\/events\?after=\d+&wait=/);
    expect((await t.fas(['spots', 'remove', watched.id, '--wait'])).code).toBe(0);
    for (const [name, w] of Object.entries(watches)) expect((await w.ended()).code, `${name}: ${w.stderr()}`).toBe(0);
    const out = (name: string) => watches[name]!.stdout();

    const events = readJson(out('json'), true) as Event[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['spot.removing', 'spot.removed']));
    expect(events.at(-1)).toMatchObject({ type: 'spot.removed', resource_id: watched.id });
    expect(readJson(out('jsonl'), true)).toEqual(events);
    expect(readYaml(out('yaml'), true)).toEqual(events);
    expect(out('yaml').startsWith('---\n')).toBe(true);
    expect(readCsv(out('csv'))).toEqual([EVENT_KEYS, ...events.map((e) => [e.id, e.time, e.type, e.resource_type, e.resource_id, expect.any(String)])]);
    const [wideHeader, ...wideRows] = lines(out('wide'));
    expect(wideHeader).toMatch(CASES.events!.wide);
    expect(wideRows.map((l) => l.split(/ +/).slice(0, 5))).toEqual(events.map((e) => [e.id, e.time, e.type, e.resource_type, e.resource_id]));
    expect(out('query')).toBe(events.map((e) => `${e.type}\n`).join(''));
    expect(out('ids')).toBe(events.map((e) => `${e.id}\n`).join(''));
    expect(readCsv(out('columns'))).toEqual(events.map((e) => [e.type, e.resource_id]));

    // The same events as fas events gives them.
    const listed = readJson((await t.fas(['events', '--since', '1h', '--json'])).stdout, true) as Event[];
    expect(listed.filter((e) => events.some((p) => p.id === e.id))).toEqual(events);
  }, 60_000);

  it('refuses an unknown column before it asks the API; in its own view, ignores --columns with a warning', async () => {
    const refused = await t.fas(['spots', 'watch', '-o', 'wide', '--columns', 'id,nope', '--retries', '0'], { env: { FAS_API_URL: 'http://127.0.0.1:9' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`Error: unknown column 'nope' in --columns: this command's columns are ${EVENT_KEYS.join(', ')}\nHint: see fas spots watch --help\n`);
    // A removed spot: the watch starts with an empty pool, and ends at once.
    const gone = await removedSpot();
    const own = await t.fas(['spots', 'watch', gone.id, '--exit-when-empty', '--columns', 'nope', '--no-header']);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr.split('\n')[0]).toBe("Warning: --columns and --no-header do not shape a watch's lines (-o wide prints its events as rows)");
  });
});

async function removedSpot(): Promise<Spot> {
  const s = await t.json<Spot>(['spots', 'add', '--wait']);
  await t.fas(['spots', 'remove', s.id, '--wait']);
  return s;
}

describe('fas login', () => {
  it('prints nothing on stdout, whatever the format', async () => {
    for (const flags of [['-o', 'json'], ['-o', 'jsonl'], ['-o', 'yaml'], ['-o', 'csv'], ['-o', 'wide'], ['--query', '@']]) {
      const r = await t.fas(['login', ...flags], { input: `${t.sandbox.token}\n`, env: { FAS_CONFIG_DIR: tempDir('fas-login-'), FAS_TOKEN: undefined } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
    }
  });
});
