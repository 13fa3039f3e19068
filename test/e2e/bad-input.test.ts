// Bad input of every kind: flags and values, broken servers and networks, and
// config files that cannot be used. Each must end in one `Error:` line (and at
// most a `Hint:` line) on stderr, the documented exit code, nothing on stdout,
// no stack trace, and never the token. docs/bad-input.md lists every case.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFas, STACK_TRACE, tempDir, type RunResult } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { fakeServer, refusedUrl, type FakeServer } from '../helpers/fake-server.js';

const TOKEN = 'tok-never-print-5f1c9a';

let t: TestSandbox;
/** Stands in for whatever may sit at the API URL instead of the API: a proxy, a web server. */
let broken: FakeServer;
const hits = new Map<string, number>();
/** A loopback port that nothing listens on. */
let refused: string;

beforeAll(async () => {
  broken = await fakeServer((req, res) => {
    const mode = req.url!.split('/')[1]!;
    hits.set(mode, (hits.get(mode) ?? 0) + 1);
    const send = (status: number, type: string | undefined, body: string) =>
      res.writeHead(status, type ? { 'content-type': type } : {}).end(body);
    switch (mode) {
      case 'html-502':
        return send(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
      case 'html-200':
        return send(200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>');
      case 'broken-json':
        return send(200, 'application/json', '{"spots": [{"id": "5f0e');
      case 'null-200':
        return send(200, 'application/json', 'null');
      case 'empty-500':
        return send(500, undefined, '');
      case 'html-404':
        return send(404, 'text/html', '<html><body><h1>404 Not Found</h1></body></html>');
      case 'rate-limited':
        return res.writeHead(429, { 'retry-after': '0' }).end();
      case 'echo-token':
        // A server that quotes the request back in its error.
        return send(401, 'application/json', JSON.stringify({ errors: [`invalid header: ${req.headers.authorization}`] }));
      case 'close':
        return req.socket.destroy();
      case 'hang':
        return; // never answers
      default:
        return send(418, undefined, '');
    }
  });
  refused = await refusedUrl();

  t = await withSandbox();
});

afterAll(async () => {
  await broken.close();
  await t.close();
});

interface Expected {
  code: number;
  message: RegExp;
  hint?: RegExp;
  /** Secrets that must appear nowhere in the output. */
  secrets?: string[];
}

/** One `Error:` line, an optional `Hint:` line, nothing else; nothing on stdout. */
function expectOneLine(r: RunResult, what: string, { code, message, hint, secrets = [TOKEN] }: Expected): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(r.code, `${what}\n${r.stderr}`).toBe(code);
  expect(r.stdout, what).toBe('');
  expect(r.stderr, what).not.toMatch(STACK_TRACE);
  expect(lines[0], what).toMatch(/^Error: /);
  expect(lines[0], what).toMatch(message);
  expect(lines.length, `${what}\n${r.stderr}`).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1], what).toMatch(/^Hint: /);
  if (hint) expect(lines[1], what).toMatch(hint);
  for (const secret of secrets) expect(r.stdout + r.stderr, what).not.toContain(secret);
}

describe('bad flags and values: exit 2', () => {
  // Covered elsewhere, so not repeated here (see docs/bad-input.md): `spots lst`,
  // `--stat`, `--state sleeping`, `--timeout soon`, `spots add --max-price -1`,
  // `--limit ten`, a missing argument, `-o xml` and `spots add --metro zz` in
  // errors.test.ts; --since with --from and a missing --plan in market.test.ts.
  const bid = ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--dry-run'];
  const cases: [string[], RegExp, RegExp?][] = [
    [['spotz', 'list'], /^Error: unknown command 'spotz' \(did you mean spots\?\)$/, /fas --help/],
    [['bid', 'list'], /unknown command 'bid' \(did you mean bids\?\)/],
    [['spots', 'list', '--limt', '3'], /^Error: unknown option '--limt' \(did you mean --limit\?\)$/],
    [['--jsn', 'spots', 'list'], /unknown option '--jsn' \(did you mean --json\?\)/],
    [['spots', 'list', '--limit', 'abc'], /^Error: invalid --limit 'abc': expected a whole number$/],
    [['spots', 'list', '--limit', '-1'], /^Error: invalid --limit '-1': must be at least 1$/],
    [['spots', 'list', '--limit', '1.5'], /invalid --limit '1.5': expected a whole number/],
    [['spots', 'list', '--limit', '99999999999999999999'], /invalid --limit '99999999999999999999': the number is too large/],
    [['spots', 'add', '--wait', '--timeout', '5x'], /^Error: invalid --timeout '5x': expected a duration such as 30s, 10m, 1h30m or 7d$/],
    [['spots', 'add', '--wait', '--timeout', '0'], /invalid --timeout '0': must be longer than zero/],
    [['--request-timeout', '0', 'spots', 'list'], /invalid --request-timeout '0': must be longer than zero/],
    [['--retries', '21', 'spots', 'list'], /invalid --retries '21': must be between 0 and 20/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', '0.2', '--end-at', 'tomorrow'], /^Error: invalid --end-at 'tomorrow': expected an ISO 8601 time \(2026-11-22T10:00:00Z\) or Unix seconds$/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', '0.2', '--end-at', '7d'], /invalid --end-at '7d'/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', '0.2', '--end-at', '2020-01-01T00:00:00Z'], /--end-at 2020-01-01T00:00:00Z is not in the future/],
    [[...bid, '--min', '3', '--max', '2', '--max-price', '0.2'], /^Error: --min 3 is more than --max 2$/],
    [[...bid, '--min', '1', '--max', '1001', '--max-price', '0.2'], /^Error: invalid --max '1001': must be between 1 and 1000$/],
    [[...bid, '--min', '0', '--max', '2', '--max-price', '0.2'], /invalid --min '0': must be between 1 and 1000/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', '-0.2'], /^Error: invalid --max-price '-0.2': the price must be greater than zero$/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', '0x10'], /invalid --max-price '0x10': expected a price in USD per hour/],
    [[...bid, '--min', '1', '--max', '2', '--max-price', 'Infinity'], /invalid --max-price 'Infinity'/],
    [[...bid, '--min', '1', '--max', '2'], /^Error: give --max-price, --strategy \(cost, balanced, on-demand, continuity\) or --availability$/],
    [['bids', 'create', '--metro', 'sv', '--plan', 'c9.huge', '--min', '1', '--max', '1', '--max-price', '0.2'], /^Error: unknown plan 'c9.huge' \(known: c3.small, /],
    [['bids', 'create', '--metro', 'zz', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2'], /^Error: unknown metro 'zz' \(known: sv, /],
    [['spots', 'add', '--plan', 'c9.huge'], /^Error: invalid request: plan: unknown plan 'c9.huge'/],
    [['market', 'prices', '--metro', 'zz'], /^Error: unknown metro 'zz' \(known: sv, da, ny, am, fr, sg\)$/],
    [['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--from', 'tomorrow'], /invalid --from 'tomorrow'/],
    [['executions', 'list', '--status', 'nope'], /argument 'nope' is invalid. Allowed choices are pending, started/],
    [['spots', 'list', 'extra'], /too many arguments for 'list'/],
    [['spots', 'list', '--limit'], /option '--limit <n>' argument missing/],
    // An unset variable in `fas spots remove "$ID"` must not remove the newest spot.
    [['spots', 'remove', ''], /^Error: the argument <id-or-ip> must not be empty$/],
    [['spots', 'get', ' '], /the argument <id-or-ip> must not be empty/],
    [['executions', 'wait', ''], /the argument <id> must not be empty/],
    [['config', 'set', 'output', 'xml'], /^Error: invalid output 'xml': expected table, wide, json, jsonl, yaml or csv$/],
    [['spots', 'list', '--columns', 'id,ipv6'], /^Error: unknown column 'ipv6' in --columns: this command's columns are id, hostname, ip, state, metro, plan, price, type, bid, terminates, max_bid, locked, tags, created, description$/],
    [['spots', 'list', '-o', 'csv', '--columns', 'id,,ip'], /^Error: invalid --columns 'id,,ip': expected column names separated by commas, e\.g\. id,ip,state$/],
    [['market', 'plans', '--columns', 'slug,price'], /^Error: unknown column 'price' in --columns: this command's columns are slug, name, on_demand, cpus, memory, storage, gpus$/],
    [['spots', 'list', '--query', '[].ip['], /^Error: invalid --query '\[\]\.ip\[': Syntax error: expected Star, got: EOF$/],
    [['spots', 'list', '--query', "[?state=='active'"], /^Error: invalid --query '\[\?state=='active'': Syntax error: /],
    [['market', 'metros', '--query', 'abs(@)'], /^Error: --query 'abs\(@\)' failed: Invalid type: abs\(\) expected argument 1 to be type \(number\) but received type array instead\.$/],
  ];

  it('each prints one line and exits 2', async () => {
    const runs = await Promise.all(cases.map(([args]) => t.fas(args)));
    runs.forEach((r, i) => {
      const [args, message, hint] = cases[i]!;
      expectOneLine(r, `fas ${args.join(' ')}`, { code: 2, message, hint, secrets: [t.sandbox.token] });
    });
  });

  it('names the variable a bad value came from', async () => {
    const runs = await Promise.all([
      t.fas(['spots', 'list'], { env: { FAS_RETRIES: 'abc' } }),
      t.fas(['spots', 'list'], { env: { FAS_OUTPUT: 'xml' } }),
      t.fas(['spots', 'list'], { env: { FAS_REQUEST_TIMEOUT: '0' } }),
    ]);
    expectOneLine(runs[0]!, 'FAS_RETRIES=abc', { code: 2, message: /^Error: invalid FAS_RETRIES 'abc': expected a whole number$/ });
    expectOneLine(runs[1]!, 'FAS_OUTPUT=xml', { code: 2, message: /^Error: invalid FAS_OUTPUT 'xml': expected table, wide, json, jsonl, yaml or csv$/ });
    expectOneLine(runs[2]!, 'FAS_REQUEST_TIMEOUT=0', { code: 2, message: /invalid FAS_REQUEST_TIMEOUT '0': must be longer than zero/ });
  });
});

describe('broken servers and networks', () => {
  const fas = (mode: string, args: string[], extra: string[] = ['--retries', '0']) =>
    runFas([...args, ...extra], { env: { FAS_API_URL: `${broken.url}/${mode}`, FAS_TOKEN: TOKEN, FAS_CONFIG_DIR: tempDir() } });

  it('an HTML error page from a proxy: exit 1, and a retried one still ends in one line', async () => {
    const once = await fas('html-502', ['spots', 'list']);
    expectOneLine(once, '502 HTML', { code: 1, message: /^Error: server error 502: the server answered with an HTML page, not an API error$/ });
    hits.delete('html-502');
    const retried = await fas('html-502', ['spots', 'list'], ['--retries', '2']);
    expect(hits.get('html-502')).toBe(3);
    expectOneLine(retried, '502 HTML, retried', { code: 1, message: /server error 502/ });
  });

  it('a 200 with an HTML page: exit 1 and a hint to check the API URL', async () => {
    const r = await fas('html-200', ['spots', 'list']);
    expectOneLine(r, '200 HTML', { code: 1, message: /^Error: http:\/\/127\.0\.0\.1:\d+\/html-200 answered 200 with an HTML page, not the API's JSON$/, hint: /check the API URL/ });
  });

  it('a 200 with broken JSON: exit 1', async () => {
    const r = await fas('broken-json', ['spots', 'list']);
    expectOneLine(r, 'broken JSON', { code: 1, message: /^Error: server answered 200 with a body that is not valid JSON$/ });
  });

  it('a 200 with JSON that is not the object asked for: exit 1, also with --json', async () => {
    for (const extra of [[], ['--json']]) {
      const r = await fas('null-200', ['spots', 'get', 'abc'], ['--retries', '0', ...extra]);
      expectOneLine(r, `null body ${extra.join(' ')}`, { code: 1, message: /^Error: the server answered without the object that was asked for$/, hint: /check the API URL/ });
    }
  });

  it('a 500 with no body: exit 1', async () => {
    const r = await fas('empty-500', ['spots', 'list']);
    expectOneLine(r, '500 empty', { code: 1, message: /^Error: server error 500: no error message$/ });
  });

  it('a 404 HTML page at the API URL is not "not found": exit 1, not 4', async () => {
    const r = await fas('html-404', ['spots', 'get', 'abc']);
    expectOneLine(r, '404 HTML', { code: 1, message: /html-404 answered 404 with an HTML page: is it the FaaSpot API\?$/, hint: /check the API URL/ });
  });

  it('429 after the last retry: exit 1', async () => {
    const r = await fas('rate-limited', ['spots', 'list']);
    expectOneLine(r, '429', { code: 1, message: /^Error: rate limited by the server: no error message$/, hint: /--retries/ });
  });

  it('a connection closed without an answer: exit 1, and no sandbox hint, since something listens', async () => {
    hits.delete('close');
    const r = await fas('close', ['spots', 'list'], ['--retries', '1']);
    expect(hits.get('close')).toBe(2);
    expectOneLine(r, 'closed', { code: 1, message: /^Error: the connection to http:\/\/127\.0\.0\.1:\d+\/close was closed before an answer came$/ });
    expect(r.stderr).not.toMatch(/sandbox/);
  });

  it('a connection refused: exit 1 with a hint to start the sandbox', async () => {
    const r = await runFas(['spots', 'list', '--retries', '0'], { env: { FAS_API_URL: refused, FAS_TOKEN: TOKEN, FAS_CONFIG_DIR: tempDir() } });
    expectOneLine(r, 'refused', { code: 1, message: /^Error: cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused$/, hint: /fas sandbox start --detach/ });
  });

  it('a server that never answers: exit 1 once --request-timeout has passed', async () => {
    const started = Date.now();
    const r = await fas('hang', ['spots', 'list'], ['--retries', '0', '--request-timeout', '300ms']);
    expectOneLine(r, 'hang', { code: 1, message: /hang did not answer in time$/, hint: /--request-timeout/ });
    // One timer bounds the whole attempt, so 300ms ends soon after (start-up aside)
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a server that quotes the token back: exit 3, and the token is masked', async () => {
    const r = await fas('echo-token', ['spots', 'list']);
    expectOneLine(r, 'echo token', { code: 3, message: /^Error: authentication failed: invalid header: Token \[token\]$/, hint: /fas login/ });
  });

  it('--debug adds detail but still never shows the token', async () => {
    const r = await fas('echo-token', ['spots', 'list', '--debug']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\[debug\] > GET /m);
    expect(r.stderr).not.toContain(TOKEN);
  });
});

describe('config files that cannot be used', () => {
  function configDir(text?: string): string {
    const dir = tempDir('fas-config-');
    if (text !== undefined) writeFileSync(join(dir, 'config.json'), text);
    return dir;
  }
  const inDir = (dir: string, args: string[], env: Record<string, string | undefined> = {}, input?: string) =>
    runFas(args, { env: { FAS_CONFIG_DIR: dir, FAS_API_URL: t.sandbox.url, ...env }, ...(input === undefined ? {} : { input }) });

  it('an empty file is no config at all: no token means exit 3, and fas config set writes it', async () => {
    const dir = configDir('');
    const r = await inDir(dir, ['spots', 'list']);
    expectOneLine(r, 'empty config, no token', { code: 3, message: /^Error: no API token for profile 'default'$/, hint: /fas login/ });
    const set = await inDir(dir, ['config', 'set', 'output', 'json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ profiles: { default: { output: 'json' } } });
  });

  it('a profile without a token and an empty FAS_TOKEN: exit 3 with a hint to fas login', async () => {
    const dir = configDir(JSON.stringify({ current_profile: 'ci', profiles: { ci: { api_url: t.sandbox.url } } }));
    const r = await inDir(dir, ['spots', 'list'], { FAS_API_URL: undefined, FAS_TOKEN: '' });
    expectOneLine(r, 'no token', { code: 3, message: /^Error: no API token for profile 'ci'$/, hint: /fas login/ });
  });

  it('JSON of the wrong shape: exit 1, and neither a read nor a write changes the file', async () => {
    const cases: [string, RegExp][] = [
      ['[]', /is malformed: expected a JSON object$/],
      ['{"profiles": 5}', /is malformed: profiles must be an object$/],
      ['{"profiles": {"default": []}}', /is malformed: profile 'default' must be an object$/],
      ['{"current_profile": 7}', /is malformed: current_profile must be a string$/],
    ];
    for (const [text, message] of cases) {
      const dir = configDir(text);
      for (const args of [['spots', 'list'], ['config', 'set', 'output', 'json'], ['profiles', 'list']]) {
        const r = await inDir(dir, args, { FAS_TOKEN: TOKEN });
        expectOneLine(r, `${text}: fas ${args.join(' ')}`, { code: 1, message, hint: /fix it by hand/ });
      }
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(text);
    }
  });

  it('fas login into a corrupt file fails before asking the server, and keeps the file', async () => {
    const dir = configDir('{"profiles": {');
    const r = await inDir(dir, ['login'], {}, `${TOKEN}\n`);
    expectOneLine(r, 'login, corrupt config', { code: 1, message: /config\.json is not valid JSON$/ });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"profiles": {');
  });

  it('a bad value in the profile is the file to fix: exit 1, naming the key, the profile and the file', async () => {
    const cases: [object, RegExp, RegExp][] = [
      [{ profiles: { default: { retries: 99 } } }, /^Error: invalid retries '99': must be between 0 and 20 \(profile 'default' in .*config\.json\)$/, /fas config set retries/],
      [{ profiles: { default: { output: 'xml' } } }, /^Error: invalid output 'xml': expected table, wide, json, jsonl, yaml or csv \(profile 'default' in /, /fas config set output/],
      [{ profiles: { default: { request_timeout: 'soon' } } }, /^Error: invalid request_timeout 'soon': expected a duration/, /fas config set request_timeout/],
      [{ profiles: { default: { api_url: 'nope' } } }, /^Error: invalid api_url 'nope': expected e\.g\. https:\/\/api\.example\.com \(profile 'default' in /, /fas config set api_url/],
      [{ current_profile: '../etc' }, /^Error: invalid profile name '\.\.\/etc'.*\(current_profile in .*config\.json\)$/, /fas profiles use/],
    ];
    for (const [config, message, hint] of cases) {
      const r = await inDir(configDir(JSON.stringify(config)), ['spots', 'list'], { FAS_API_URL: undefined, FAS_TOKEN: TOKEN });
      expectOneLine(r, JSON.stringify(config), { code: 1, message, hint });
    }
  });

  it('FAS_CONFIG_DIR naming a file, or config.json being a directory: exit 1', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await inDir(file, ['spots', 'list']);
    expectOneLine(r, 'FAS_CONFIG_DIR is a file', {
      code: 1,
      message: /^Error: cannot read the config file .*not-a-dir\/config\.json: part of that path is a file, not a directory$/,
      hint: /FAS_CONFIG_DIR is .*not-a-dir: point it at a directory you can write to/,
    });
    const dir = tempDir();
    mkdirSync(join(dir, 'config.json'));
    const isDir = await inDir(dir, ['spots', 'list'], { FAS_TOKEN: undefined });
    expectOneLine(isDir, 'config.json is a directory', { code: 1, message: /config\.json: it is a directory$/ });
  });

  it('a config directory that cannot be made (below a file): fas config set and fas login exit 1 and store nothing', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const dir = join(file, 'fas');
    const set = await inDir(dir, ['config', 'set', 'output', 'json']);
    expectOneLine(set, 'config set below a file', { code: 1, message: /part of that path is a file, not a directory$/ });
    const login = await inDir(dir, ['login'], {}, `${t.sandbox.token}\n`);
    expectOneLine(login, 'login below a file', { code: 1, message: /part of that path is a file, not a directory$/, secrets: [t.sandbox.token] });
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  // root writes through any mode bits, so only a regular user can see this one
  it.skipIf(process.getuid?.() === 0)('a read-only config directory: fas login checks the token, then exits 1 without it', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    try {
      const r = await inDir(dir, ['login'], {}, `${t.sandbox.token}\n`);
      expectOneLine(r, 'login into 0500', {
        code: 1,
        message: /^Error: cannot write the config file .*config\.json: permission denied$/,
        hint: /FAS_CONFIG_DIR/,
        secrets: [t.sandbox.token],
      });
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('fas login with a wrong token: exit 3, the token is neither printed nor saved', async () => {
    const dir = configDir();
    const r = await inDir(dir, ['login'], {}, `${TOKEN}\n`);
    expectOneLine(r, 'login, wrong token', { code: 3, message: /^Error: authentication failed: /, hint: /takes only its own token/ });
    expect(() => readFileSync(join(dir, 'config.json'))).toThrow(/ENOENT/);
  });
});
