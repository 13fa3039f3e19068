// The output options of the built fas against a sandbox: each -o format read
// back with a parser of its own, --columns, --no-header, --query, -q, and
// every list on an 80-column terminal (a pseudo-terminal made by script(1)).
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Bid, Execution, Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let spots: Spot[];
let bid: Bid;
const LONG_HOST = 'a-rather-long-hostname-for-the-web-tier';

beforeAll(async () => {
  t = await withSandbox();
  await t.json<Spot>(['spots', 'add', '--wait']);
  // A bid's spots carry its hostname: long ones, for the table to cut.
  bid = await t.json<Bid>(['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '2', '--strategy', 'continuity', '--hostname', LONG_HOST, '--wait']);
  // Until the bid's second spot is active too (each takes the sandbox's provisioning time).
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    spots = await t.json<Spot[]>(['spots', 'list']);
    if (spots.length === 3 && spots.every((s) => s.state === 'active')) break;
  }
  expect(spots.map((s) => s.state)).toEqual(['active', 'active', 'active']);
});
afterAll(() => t.close());

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await t.fas(args, { env });
  expect(r.code, `fas ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('-o', () => {
  it('yaml: a sequence of the API objects for a list, a mapping for one', async () => {
    expect(parseYaml(await ok(['spots', 'list', '-o', 'yaml']))).toEqual(spots);
    expect(parseYaml(await ok(['spots', 'get', spots[0]!.id, '-o', 'yaml']))).toEqual(spots[0]);
    expect(parseYaml(await ok(['bids', 'get', bid.id, '-o', 'yaml']))).toEqual(await t.json(['bids', 'get', bid.id]));
  });

  it('jsonl: one compact object a line, for every page of --all', async () => {
    const text = await ok(['spots', 'list', '--all', '-o', 'jsonl']);
    const lines = text.trimEnd().split('\n');
    expect(lines.every((l) => !l.includes('\n') && l.startsWith('{'))).toBe(true);
    expect(lines.map((l) => JSON.parse(l))).toEqual(spots);
    expect(JSON.parse(await ok(['spots', 'get', spots[0]!.id, '-o', 'jsonl']))).toEqual(spots[0]);
  });

  it('csv: a header of keys, then exact values a spreadsheet can compute with', async () => {
    const [header, ...rows] = readCsv(await ok(['spots', 'list', '-o', 'csv']));
    expect(header).toEqual(['id', 'hostname', 'ip', 'state', 'metro', 'plan', 'price', 'type', 'bid', 'terminates', 'max_bid', 'locked', 'tags', 'created', 'description']);
    expect(rows).toHaveLength(spots.length);
    const byId = new Map(spots.map((s) => [s.id, s]));
    for (const row of rows) {
      const spot = byId.get(row[0]!)!;
      expect(row).toEqual([
        spot.id, spot.hostname, spot.ip, spot.state, spot.metro, spot.plan, String(spot.price), 'spot', spot.bid_id ?? '',
        spot.termination_time ?? '', String(spot.spot_price_max), String(spot.locked), spot.tags.join(', '), spot.created_at, spot.description ?? '',
      ]);
    }
  });

  it('wide: every column, ids whole, and the columns only wide shows', async () => {
    const [header, ...rows] = (await ok(['spots', 'list', '-o', 'wide'])).trimEnd().split('\n');
    expect(header).toMatch(/^ID +HOSTNAME +IP +STATE +METRO +PLAN +PRICE +TYPE +BID +TERMINATES +MAX_BID +LOCKED +TAGS +CREATED +DESCRIPTION$/);
    const filled = rows.find((r) => r.includes(LONG_HOST))!;
    expect(filled).toContain(bid.id);
    expect(filled).toMatch(new RegExp(`^[0-9a-f-]{36}  ${LONG_HOST}-[0-9a-f]{6}  `));
  });

  it('comes from FAS_OUTPUT and from the profile too', async () => {
    expect(parseYaml(await ok(['market', 'metros'], { FAS_OUTPUT: 'yaml' }))).toEqual(await t.json(['market', 'metros']));
    expect(await ok(['config', 'set', 'output', 'csv'])).toBe('');
    try {
      expect((await ok(['market', 'metros'])).split('\n')[0]).toBe('code,name');
    } finally {
      await ok(['config', 'set', 'output', 'table']);
    }
  });
});

describe('--columns and --no-header', () => {
  it('choose and order the columns of a table, wide and csv, and drop the header', async () => {
    const table = (await ok(['spots', 'list', '--columns', 'ip,id,bid'])).trimEnd().split('\n');
    expect(table[0]).toMatch(/^IP +ID +BID$/);
    expect(table.slice(1).map((l) => l.split(/ +/)[1])).toEqual(spots.map((s) => s.id));

    const bare = (await ok(['spots', 'list', '--columns', 'id', '--no-header'])).trimEnd().split('\n');
    expect(bare).toEqual(spots.map((s) => s.id));

    const csv = readCsv(await ok(['spots', 'list', '-o', 'csv', '--columns', 'state,ip', '--no-header']));
    expect(csv).toEqual(spots.map((s) => [s.state, s.ip]));
    expect((await ok(['spots', 'list', '-o', 'wide', '--columns', 'locked'])).split('\n')[0]).toBe('LOCKED');
  });

  it('refuse an unknown column (exit 2) before a command does anything', async () => {
    const before = spots.length;
    const r = await t.fas(['spots', 'add', '--wait', '--columns', 'id,hostnme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("Error: unknown column 'hostnme' in --columns: this command's columns are id, hostname, ip, state, metro, plan, price, type, bid, terminates, max_bid, locked, tags, created, description\nHint: see fas spots add --help\n");
    expect(r.stdout).toBe('');
    // Without --wait the command prints the execution: its columns are another list.
    const exec = await t.fas(['spots', 'add', '--columns', 'hostname']);
    expect(exec.code).toBe(2);
    expect(exec.stderr).toMatch(/^Error: unknown column 'hostname' in --columns: this command's columns are id, operation, status, resource, created, updated, error\nHint: see fas spots add --help\n$/);
    expect(await t.json<Spot[]>(['spots', 'list'])).toHaveLength(before);
  });
});

describe('--query', () => {
  it('prints a list of strings one a line, raw', async () => {
    expect(await ok(['spots', 'list', '--query', '[].ip'])).toBe(spots.map((s) => `${s.ip}\n`).join(''));
    expect(await ok(['spots', 'get', spots[0]!.id, '--query', 'hostname'])).toBe(`${spots[0]!.hostname}\n`);
    expect(await ok(['market', 'prices', '--metro', 'sv', '--query', 'length(keys(spot_market_prices.sv))'])).toBe('5\n');
  });

  it('prints an object as JSON, in the -o format asked for, and a list of objects as a table', async () => {
    const object = JSON.parse(await ok(['spots', 'get', spots[0]!.id, '--query', '{id: id, ip: ip}']));
    expect(object).toEqual({ id: spots[0]!.id, ip: spots[0]!.ip });
    const yaml = parseYaml(await ok(['spots', 'list', '-o', 'yaml', '--query', "[?bid_id != null].{id: id, bid: bid_id}"]));
    expect(yaml).toEqual(spots.filter((s) => s.bid_id).map((s) => ({ id: s.id, bid: s.bid_id })));
    const table = (await ok(['spots', 'list', '--query', '[].{ip: ip, state: state}'])).trimEnd().split('\n');
    expect(table).toEqual(['IP        STATE', ...spots.map((s) => `${s.ip.padEnd(8)}  ${s.state}`)]);
  });

  it('refuses a bad expression with the parser\'s message in one line (exit 2), before anything is done', async () => {
    const r = await t.fas(['spots', 'add', '--wait', '--query', '[].{ip: ip']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: invalid --query '\[\]\.\{ip: ip': Syntax error: [^\n]+\nHint: see fas spots add --help\n$/);
    expect(r.stdout).toBe('');
    expect(await t.json<Spot[]>(['spots', 'list'])).toHaveLength(spots.length);
  });
});

describe('-q', () => {
  it('prints the execution of spots add, and with --wait the spot; the bid of bids create', async () => {
    const executionId = (await ok(['spots', 'add', '-q'])).trim();
    const execution = await t.json<Execution>(['executions', 'wait', executionId]);
    expect(execution.id).toBe(executionId);
    const spotId = (await ok(['spots', 'add', '--wait', '-q'])).trim();
    expect((await t.json<Spot>(['spots', 'get', spotId])).state).toBe('active');
    expect(await ok(['bids', 'get', bid.id, '-q'])).toBe(`${bid.id}\n`);
    // A price no market reaches: the bid stays open and buys nothing.
    const bidId = (await ok(['bids', 'create', '--metro', 'ny', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.0001', '-q'])).trim();
    expect((await t.json<Bid>(['bids', 'get', bidId])).spots).toEqual([]);
    await ok(['bids', 'delete', bidId, '-q']);
    const removal = (await ok(['spots', 'remove', spotId, '--wait', '-q'])).trim();
    expect(removal).toBe(spotId);
    await t.json(['executions', 'wait', execution.id]);
    const removed = (await ok(['spots', 'remove', execution.resource_id!, '-q'])).trim();
    expect((await t.json<Execution>(['executions', 'get', removed])).operation).toBe('spot.remove');
    await t.json(['executions', 'wait', removed]);
  });
});

const hasScript = existsSync('/usr/bin/script');
describe.skipIf(!hasScript)('on an 80-column terminal', () => {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  /** What fas shows on an 80-column pseudo-terminal, colour codes and the terminal's CRs taken out. */
  const onTerminal = (args: string[], env: Record<string, string> = {}) => {
    const vars = { ...t.env, ...env, TERM: 'xterm-256color' };
    const command = `stty cols 80 rows 50; env ${Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`).join(' ')} ${quote(process.execPath)} ${quote(FAS_BIN)} ${args.map(quote).join(' ')}`;
    return new Promise<string>((resolve, reject) =>
      execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) =>
        err ? reject(err) : resolve(stripVTControlCharacters(stdout).replace(/\r/g, '')),
      ),
    );
  };
  const expectFits = (text: string, what: string, minLines = 2) => {
    const lines = text.trimEnd().split('\n');
    expect(lines.length, `${what}:\n${text}`).toBeGreaterThanOrEqual(minLines);
    for (const line of lines) expect([...line].length, `${what}: ${line}`).toBeLessThanOrEqual(80);
  };

  it('fits every list, ids at 8 characters, long columns cut with …', async () => {
    const configDir = t.configDir;
    // A profile whose URL is long: profiles list and config list must cut it.
    writeFileSync(
      join(configDir, 'config.json'),
      JSON.stringify({ current_profile: 'a-profile-with-a-long-name', profiles: { 'a-profile-with-a-long-name': { api_url: `${t.sandbox.url}/${'a-long-path/'.repeat(6)}` } } }),
    );
    const lists: [string[], RegExp, Record<string, string>?][] = [
      [['spots', 'list'], /^[0-9a-f]{8}  a-rather-lon\S*…  /m],
      [['executions', 'list'], /^[0-9a-f]{8}  spot\.add +completed +[0-9a-f]{8}  /m],
      [['bids', 'list'], new RegExp(`^${bid.id.slice(0, 8)}  fulfilled`, 'm')],
      [['bids', 'get', bid.id], /^[0-9a-f]{8}  a-rather-lon\S*…  /m],
      [['market', 'prices'], /^sv +c3\.small +\$/m],
      [['market', 'plans'], /^g3\.xlarge /m],
      [['market', 'metros'], /^sv +Silicon Valley$/m],
      [['profiles', 'list'], /^\* +a-profile-with-a-long-name +http:\/\/127\.0\.0\.1:\d+\/a-long-pa.*…  not set$/m],
      // The URL from the profile, not from FAS_API_URL.
      [['config', 'list'], /^api_url +http:\/\/127\.0\.0\.1:\d+\/a-long.*…  profile$/m, { FAS_API_URL: '' }],
      [['sandbox', 'status', '--data', t.sandbox.dataDir], /^running at http/m],
      // A stream: its rows under one header, the time of day, resource ids at 8 characters.
      [['events'], /^\d+ +\d\d:\d\d:\d\d  spot\.active +[0-9a-f]{8}  10\.0\.0\.\d+ /m],
    ];
    for (const [args, shows, env] of lists) {
      const text = await onTerminal(args, env);
      expectFits(text, `fas ${args.join(' ')}`);
      expect(text, `fas ${args.join(' ')}`).toMatch(shows);
    }
  });

  it('keeps ids whole with -o wide on the same terminal, and cuts nothing', async () => {
    const text = await onTerminal(['spots', 'list', '-o', 'wide']);
    expect(text).toContain(bid.id);
    expect(text).toContain(`${LONG_HOST}-`);
    expect(text).not.toContain('…');
  });
});
