// Text from the server never drives the terminal: escape sequences and control
// characters in descriptions, tags, hostnames, error messages and execution
// errors are taken out of tables, fields, ids and messages, while --json keeps
// every value exactly.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, runFas, STACK_TRACE, type RunResult } from '../helpers/cli.js';
import { fakeServer, type FakeServer } from '../helpers/fake-server.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

/** Clears the screen, homes the cursor, retitles the window, starts a C1 CSI, returns and backs over the line. */
const HOSTILE = '\x1b[2J\x1b[H\x1b]0;pwned\x07\x9b31m\r\x08\x85evil\ttext\x1bc';
/** What must never reach the terminal outside --json: ESC, BEL, C1 CSI, CR, backspace, NEL. */
const FORBIDDEN = ['\x1b', '\x07', '\x9b', '\r', '\x08', '\x85'];
/** HOSTILE as shown: whole sequences and controls gone, the return and the tab a space each. */
const SHOWN = ' evil text';

function expectClean(text: string, what: string): void {
  for (const ch of FORBIDDEN) expect(text.includes(ch), `${what}: ${JSON.stringify(text)}`).toBe(false);
  // Nor, read as bytes, the single byte of a C1 control sent as Latin-1.
  expect(Buffer.from(text, 'utf8').includes(0x9b), what).toBe(false);
}

function expectCleanRun(r: RunResult, what: string): void {
  expectClean(r.stdout, `${what} (stdout)`);
  expectClean(r.stderr, `${what} (stderr)`);
  expect(r.stderr, what).not.toMatch(STACK_TRACE);
}

describe('hostile text from the sandbox', () => {
  let t: TestSandbox;
  let spot: Spot;

  beforeAll(async () => {
    t = await withSandbox();
    const added = await t.json<Spot>(['spots', 'add', '--wait']);
    const res = await fetch(`${t.sandbox.url}/api/spots/${added.id}`, {
      method: 'PUT',
      headers: { authorization: `Token ${t.sandbox.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description: HOSTILE, tags: ['web', HOSTILE] }),
    });
    expect(res.status).toBe(200);
    spot = (await res.json()) as Spot;
  });
  afterAll(() => t.close());

  it('shows a description and tags without their escapes in fas spots get; --json keeps them exactly', async () => {
    const text = await t.fas(['spots', 'get', spot.id]);
    expect(text.code, text.stderr).toBe(0);
    expectCleanRun(text, 'spots get');
    expect(text.stdout).toContain(`Description  ${SHOWN}\n`);
    expect(text.stdout).toContain(`Tags         web, ${SHOWN}\n`);

    const json = await t.fas(['spots', 'get', spot.id, '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as Spot;
    expect(parsed.description).toBe(HOSTILE);
    expect(parsed.tags).toEqual(['web', HOSTILE]);
    // The value is exact, and written with every control character escaped.
    expectClean(json.stdout, 'spots get --json');
  });

  const hasScript = existsSync('/usr/bin/script');
  it.skipIf(!hasScript)('on a terminal, keeps its own colour and nothing else', async () => {
    const command = `stty cols 200; env FAS_API_URL=${t.env.FAS_API_URL} FAS_TOKEN=${t.env.FAS_TOKEN} FAS_CONFIG_DIR=${t.env.FAS_CONFIG_DIR} TERM=xterm-256color ${process.execPath} ${FAS_BIN} spots get ${spot.id}`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(out).toMatch(/\x1b\[32mactive\x1b\[39m/); // our colour is there
    // Only our colour: take out its SGR codes and the pty's line ends, and nothing may remain.
    expectClean(out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r\n/g, '\n'), 'spots get on a terminal');
    expect(out).toMatch(/Description\S* +evil text/);
  });
});

describe('hostile text from a server that is not the sandbox', () => {
  let server: FakeServer;
  const spot = {
    id: 'spot-1',
    hostname: `host${HOSTILE}`,
    ip: '10.0.0.1',
    state: 'active',
    metro: 'sv',
    plan: 'c3.small',
    price: 0.1,
    spot_instance: true,
    spot_price_max: 0.5,
    bid_id: null,
    termination_time: null,
    locked: false,
    tags: [HOSTILE],
    description: HOSTILE,
    created_at: '2026-01-01T00:00:00Z',
  };
  const execution = {
    id: 'exec-1',
    operation: 'spot.add',
    status: 'failed',
    resource_id: null,
    error: `provisioning failed${HOSTILE}`,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:01Z',
  };

  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const path = req.url!.split('?')[0]!;
      if (path === '/api/spots') return json(200, { spots: [spot], meta: { total: 1, current_page: 1, per_page: 20, last_page: 1 } });
      if (path === '/api/spots/spot-1') return json(200, { ...spot, id: `spot-1${HOSTILE}` });
      if (path === '/api/spots/boom') return json(500, { errors: [`database ${HOSTILE} exploded`] });
      if (path === '/api/spots/busy') return res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify({ errors: [`busy ${HOSTILE}`] }));
      if (path.startsWith('/api/spots/')) return json(404, { errors: [`no spot ${HOSTILE}`] });
      if (path === '/api/executions/exec-1') return json(200, execution);
      return json(404, { errors: ['no route'] });
    });
  });
  afterAll(() => server.close());

  const fas = (args: string[]) => runFas([...args, '--retries', '0'], { env: { FAS_API_URL: server.url, FAS_TOKEN: 'tok' } });

  it('cleans table cells; --json keeps them exactly', async () => {
    const table = await fas(['spots', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expectCleanRun(table, 'spots list');
    expect(table.stdout.split('\n')[1]).toMatch(new RegExp(`^spot-1 +host${SHOWN} +10\\.0\\.0\\.1 +active`));

    const quiet = await fas(['spots', 'list', '-q']);
    expectCleanRun(quiet, 'spots list -q');
    expect(quiet.stdout).toBe('spot-1\n');

    const json = await fas(['spots', 'list', '--json']);
    expect((JSON.parse(json.stdout) as Spot[])[0]).toEqual(spot);
    expectClean(json.stdout, 'spots list --json');
  });

  it('keeps escapes out of every other format: wide, yaml, jsonl and csv, and raw --query values', async () => {
    for (const args of [['-o', 'wide'], ['-o', 'yaml'], ['-o', 'jsonl'], ['-o', 'csv'], ['--query', '[].description'], ['--query', '[].{d: description}']]) {
      const r = await fas(['spots', 'list', ...args]);
      expect(r.code, args.join(' ')).toBe(0);
      expectCleanRun(r, `spots list ${args.join(' ')}`);
    }
    // yaml and jsonl escape them: the value read back is exact.
    const yaml = await fas(['spots', 'list', '-o', 'yaml']);
    expect((await import('yaml')).parse(yaml.stdout)).toEqual([spot]);
    expect(JSON.parse((await fas(['spots', 'list', '-o', 'jsonl'])).stdout)).toEqual(spot);
    expect((await fas(['spots', 'list', '--query', '[].description'])).stdout).toBe(`${SHOWN}\n`);
  });

  it('refuses an id with control characters as a malformed answer, in one clean line', async () => {
    const r = await fas(['spots', 'get', 'spot-1']);
    expect(r.code).toBe(1);
    expectCleanRun(r, 'a hostile id');
    expect(r.stderr).toBe('Error: the server answered a spot whose id is not a valid id\n');
  });

  it('cleans error messages from the server: one line, exit code kept', async () => {
    const failed = await fas(['spots', 'get', 'boom']);
    expect(failed.code).toBe(1);
    expectCleanRun(failed, '500 with escapes');
    expect(failed.stderr).toBe(`Error: server error 500: database ${SHOWN} exploded\n`);

    const missing = await fas(['spots', 'get', 'nope']);
    expect(missing.code).toBe(4);
    expectCleanRun(missing, '404 with escapes');
    expect(missing.stderr).toBe(`Error: no spot ${SHOWN}\n`);
  });

  it("cleans an execution's error, shown as a field and as the failure of a wait", async () => {
    const shown = await fas(['executions', 'get', 'exec-1']);
    expect(shown.code).toBe(0);
    expectCleanRun(shown, 'executions get');
    expect(shown.stdout).toContain(`Error      provisioning failed${SHOWN}\n`);

    const waited = await fas(['executions', 'wait', 'exec-1']);
    expect(waited.code).toBe(5);
    expectCleanRun(waited, 'executions wait');
    expect(waited.stderr).toContain(`\nError: execution exec-1 (spot.add) failed: provisioning failed${SHOWN}\n`);
  });

  it('cleans what --debug traces: a retry quotes the server', async () => {
    const r = await runFas(['spots', 'get', 'busy', '--debug', '--retries', '1'], { env: { FAS_API_URL: server.url, FAS_TOKEN: 'tok' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[debug] retry 1/1 of GET /api/spots/busy in 0 ms: server error 503: busy ${SHOWN}\n`);
    expectCleanRun(r, 'spots get --debug');
  });
});
