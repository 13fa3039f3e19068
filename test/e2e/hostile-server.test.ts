// The built `fas` against a network and a server that cannot be trusted: ids
// that URL handling would turn into other paths, answers that trickle or never
// end, redirects, bodies of the wrong shape or size, pages that do not move,
// servers that quote the token back in any spelling, and nothing listening at
// all. Each ends in one `Error:` line and its documented exit code, soon.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { runFas, STACK_TRACE, tempDir, type RunResult } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { fakeServer, refusedUrl, type FakeServer } from '../helpers/fake-server.js';
import { aSpot } from '../helpers/spot.js';

/** A token with characters that JSON and URL encoding spell differently, and letters of both cases. */
const TOKEN = 'Tok/never+Print=5f1c9a';

const SPOT = aSpot(1, { id: 'a0b1c2d3-0000-4000-8000-000000000001', hostname: 'spot-1', price: 0.1, spot_price_max: 0.2, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
const EXECUTION_ID = 'e0b1c2d3-0000-4000-8000-000000000001';

function meta(current: number | undefined, last: number, total: number) {
  return { total, current_page: current, last_page: last, first: null, previous: null, next: null, last: null, self: null };
}

/** The token JSON-escaped as a server's serializer may write it: `/` as `\/`. */
const slashEscaped = TOKEN.replace(/\//g, '\\/');
/** Every character as a `\uXXXX` escape. */
const unicodeEscaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

let broken: FakeServer;
let refused: string;
const hits = new Map<string, number>();
let t: TestSandbox;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const [, mode = '', ...rest] = req.url!.split('?')[0]!.split('/');
  const path = `/${rest.join('/')}`;
  const n = (hits.get(mode) ?? 0) + 1;
  hits.set(mode, n);
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
    void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  const errorBody = (raw: string) => `{"errors": ["invalid credentials: ${raw}"]}`;
  switch (mode) {
    case 'trickle': {
      // Headers at once, then one byte every 200 ms, forever: never a gap that undici's timers see.
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'retry-after-huge':
      return json(429, { errors: ['slow down'] }, { 'retry-after': '999999' });
    case 'retry-after-once':
      return n === 1 ? json(429, { errors: ['slow down'] }, { 'retry-after': '1' }) : json(200, { spots: [SPOT], meta: meta(1, 1, 1) });
    case 'retry-after-30':
      return json(503, { errors: ['down for maintenance'] }, { 'retry-after': '30' });
    case 'redirect':
      return void res.writeHead(302, { location: `https://elsewhere.example${path}` }).end();
    case 'empty-object':
      return json(200, {});
    case 'bad-price':
      return json(200, { ...SPOT, price: 'cheap' });
    case 'unordered-history':
      // A market whose history runs backwards: nothing to replay.
      if (path.startsWith('/api/market/spot/prices/history')) return json(200, { prices: [{ price: 0.2, timestamp: 1_800_000_300 }, { price: 0.3, timestamp: 1_800_000_000 }] });
      if (path === '/api/metros') return json(200, { metros: [{ code: 'sv', name: 'Silicon Valley' }] });
      return json(200, { plans: [{ slug: 'c3.small', name: 'c3.small', pricing: { hour: 0.5 }, specs: {} }] });
    case 'not-a-list':
      return json(200, { spots: { a: SPOT }, meta: meta(1, 1, 1) });
    case 'huge': {
      // 80 MiB at most, as fast as the reader takes it, with no Content-Length.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      let sent = 0;
      const pump = () => {
        while (sent < 80 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    case 'huge-declared':
      // Says 1 TiB is coming, then sends almost nothing.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 40) });
      return void res.write('{');
    case 'stuck-pages':
      // Always page 1 of 3, with a new spot each time: following it would never end.
      return json(200, { spots: [{ ...SPOT, id: `a0b1c2d3-0000-4000-8000-${String(n).padStart(12, '0')}` }], meta: meta(1, 3, 3) });
    case 'no-current-page':
      return json(200, { spots: [SPOT], meta: meta(undefined, 3, 3) });
    case 'echo-slash':
      return json(401, errorBody(slashEscaped));
    case 'echo-unicode':
      return json(401, errorBody(unicodeEscaped));
    case 'echo-url':
      return json(401, errorBody(`/login?token=${encodeURIComponent(TOKEN)}`));
    case 'echo-upper':
      return json(401, errorBody(TOKEN.toUpperCase()));
    case 'echo-redirect':
      return void res.writeHead(301, { location: `https://elsewhere.example/login?next=%2Fapi&token=${encodeURIComponent(TOKEN)}` }).end();
    case 'echo-503':
      return json(503, errorBody(unicodeEscaped));
    case 'echo-failed':
      return json(200, {
        id: EXECUTION_ID,
        operation: 'spot.add',
        status: 'failed',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        resource_id: null,
        result: null,
        error: `provisioning with token ${TOKEN.toLowerCase()} failed`,
      });
    case 'accept-then-503':
      // The add is accepted and completes without its spot inline; reading that spot then fails for good.
      if (req.method === 'PUT') return json(202, { execution_id: EXECUTION_ID });
      if (path.startsWith('/api/executions/')) {
        return json(200, {
          id: EXECUTION_ID,
          operation: 'spot.add',
          status: 'completed',
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
          resource_id: SPOT.id,
          result: null,
          error: null,
        });
      }
      return json(503, { errors: ['unavailable'] });
    default:
      return json(418, { errors: [`unknown mode ${mode}`] });
  }
}

beforeAll(async () => {
  broken = await fakeServer(handle);
  refused = await refusedUrl();

  t = await withSandbox();
});

afterAll(async () => {
  await broken.close();
  await t.close();
});

/** fas against one mode of the misbehaving server; fails the test past `timeoutMs` rather than hang. */
function against(mode: string, args: string[], timeoutMs = 15_000): Promise<RunResult> {
  return runFas(args, { env: { FAS_API_URL: `${broken.url}/${mode}`, FAS_TOKEN: TOKEN, FAS_CONFIG_DIR: tempDir() }, timeoutMs });
}

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work;
  return [result, Date.now() - started];
}

/** One `Error:` line and at most one `Hint:` line on stderr, nothing on stdout, no stack trace, no token in any spelling. */
function expectOneLine(r: RunResult, code: number, message: RegExp, hint?: RegExp): void {
  // Progress ("Waiting for ...") and --debug lines may come first; the error is what follows.
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('[debug]') && !l.startsWith('Waiting for '));
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(lines[0], r.stderr).toMatch(/^Error: /);
  expect(lines[0], r.stderr).toMatch(message);
  expect(lines.length, r.stderr).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^Hint: /);
  if (hint) expect(lines[1]).toMatch(hint);
  expectNoToken(r);
}

function expectNoToken(r: RunResult): void {
  const all = r.stdout + r.stderr;
  expect(all).not.toMatch(/never/i);
  expect(all.toLowerCase()).not.toContain(unicodeEscaped.slice(0, 30).toLowerCase());
}

describe('ids that URL handling would turn into another path: exit 2, nothing sent', () => {
  const cases: [string[], RegExp][] = [
    [['spots', 'remove', '.'], /^Error: invalid spot id or IP '\.': it must not be empty, '\.' or '\.\.', nor hold '\/', '\\' or control characters$/],
    [['spots', 'remove', '..', '--wait'], /invalid spot id or IP '\.\.'/],
    [['spots', 'get', '..'], /invalid spot id or IP '\.\.'/],
    [['spots', 'get', '.'], /invalid spot id or IP '\.'/],
    [['spots', 'convert', '../x'], /invalid spot id or IP '\.\.\/x'/],
    [['spots', 'get', 'a\\b'], /invalid spot id or IP 'a\\b'/],
    [['executions', 'cancel', 'a/b'], /^Error: invalid execution id 'a\/b': /],
    [['executions', 'get', 'a\u0001b'], /^Error: invalid execution id 'a\\u0001b': /],
    [['executions', 'wait', '..'], /invalid execution id '\.\.'/],
    [['bids', 'get', '.'], /^Error: invalid bid id '\.': /],
    [['bids', 'delete', '..'], /invalid bid id '\.\.'/],
  ];

  it('each is refused in one line, and the pool is unchanged', async () => {
    for (let i = 0; i < 3; i++) expect((await t.fas(['spots', 'add', '--wait'])).code).toBe(0);
    const before = await t.json<Spot[]>(['spots', 'list', '--all']);
    const runs = await Promise.all(cases.map(([args]) => t.fas(args)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, `fas ${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      // `executions wait` shows what it waits for before it asks.
      const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('Waiting for '));
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(message);
    });
    const after = await t.json<Spot[]>(['spots', 'list', '--all']);
    expect(after.map((s) => [s.id, s.state])).toEqual(before.map((s) => [s.id, s.state]));
  });
});

describe('deadlines are totals', () => {
  it('a server that trickles its answer a byte at a time ends at --request-timeout', async () => {
    const [r, took] = await timed(against('trickle', ['spots', 'list', '--retries', '0', '--request-timeout', '1s']));
    expectOneLine(r, 1, /trickle did not answer in time$/, /--request-timeout/);
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(8_000);
  });

  it('Retry-After beyond the retry budget ends the call at once, naming both', async () => {
    const [r, took] = await timed(against('retry-after-huge', ['spots', 'list', '--retries', '5']));
    expectOneLine(
      r,
      1,
      /^Error: the server asked to wait 999999 s \(Retry-After\), more than the 60 s that fas spends retrying one request$/,
      /try again later/,
    );
    expect(took).toBeLessThan(8_000);
  });

  it('a Retry-After within the budget is waited for, and said on stderr', async () => {
    hits.delete('retry-after-once');
    const r = await against('retry-after-once', ['spots', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(hits.get('retry-after-once')).toBe(2);
    expect(r.stderr).toBe('waiting 1s as the server asked (Retry-After)\n');
    expect((JSON.parse(r.stdout) as Spot[]).map((s) => s.id)).toEqual([SPOT.id]);
  });

  it('a wait does not sleep past its --timeout for a Retry-After: it ends, saying why', async () => {
    const [r, took] = await timed(against('retry-after-30', ['executions', 'wait', EXECUTION_ID, '--timeout', '5s']));
    expectOneLine(r, 1, /^Error: the server asked to wait 30 s \(Retry-After\), more than the [1-5] s left before the deadline$/);
    expect(took).toBeLessThan(4_000);
  });
});

describe('durations a timer cannot hold: exit 2, naming the largest accepted', () => {
  it('refuses them before anything is sent', async () => {
    const before = (await t.json<Spot[]>(['spots', 'list', '--all'])).length;
    // A flag refused names the command's help; a variable refused does not (no flag of it is wrong).
    const cases: [string[], RegExp, string | null, Record<string, string>?][] = [
      [['spots', 'add', '--wait', '--timeout', '30d'], /^Error: invalid --timeout '30d': at most 24d$/, 'spots add'],
      [['spots', 'add', '--wait', '--timeout', '50d'], /^Error: invalid --timeout '50d': at most 24d$/, 'spots add'],
      [['spots', 'remove', '--wait', '--timeout', '24d1s'], /^Error: invalid --timeout '24d1s': at most 24d$/, 'spots remove'],
      [['executions', 'wait', EXECUTION_ID, '--timeout', '4w'], /^Error: invalid --timeout '4w': at most 24d$/, 'executions wait'],
      [['--request-timeout', '25d', 'spots', 'list'], /^Error: invalid --request-timeout '25d': at most 24d$/, 'spots list'],
      [['spots', 'list'], /^Error: invalid FAS_REQUEST_TIMEOUT '99999999999999999999s': at most 24d$/, null, { FAS_REQUEST_TIMEOUT: '99999999999999999999s' }],
      [['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--strategy', 'cost', '--lookback', '91d'], /^Error: invalid --lookback '91d': at most 90d$/, 'bids create'],
      [['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '4000d'], /^Error: invalid --since '4000d': at most 3650d ago$/, 'market history'],
    ];
    const runs = await Promise.all(cases.map(([args, , , env]) => t.fas(args, { env })));
    runs.forEach((r, i) => {
      const [args, message, help] = cases[i]!;
      expect(r.code, `fas ${args.join(' ')}\n${r.stderr}`).toBe(2);
      const [error, ...rest] = r.stderr.trimEnd().split('\n');
      expect(error, args.join(' ')).toMatch(message);
      expect(rest, args.join(' ')).toEqual(help === null ? [] : [`Hint: see fas ${help} --help`]);
    });
    expect((await t.json<Spot[]>(['spots', 'list', '--all'])).length).toBe(before);
  });

  it('the largest accepted timeout waits as long as it takes', async () => {
    const r = await t.fas(['spots', 'add', '--wait', '--timeout', '24d', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Spot).state).toBe('active');
  });
});

describe('answers that are not what was asked for: exit 1', () => {
  it('a redirect is named, not followed, and not taken for success', async () => {
    hits.delete('redirect');
    const r = await against('redirect', ['spots', 'convert', SPOT.id]);
    expectOneLine(
      r,
      1,
      /^Error: http:\/\/127\.0\.0\.1:\d+\/redirect answered 302, a redirect to https:\/\/elsewhere\.example\/api\/spots\/a0b1c2d3-0000-4000-8000-000000000001; fas does not follow redirects$/,
      /point fas at its new URL/,
    );
    expect(hits.get('redirect')).toBe(1);
  });

  it('a 2xx body without what the client relies on', async () => {
    const runs = await Promise.all([
      against('empty-object', ['spots', 'convert', SPOT.id]),
      against('empty-object', ['spots', 'add']),
      against('bad-price', ['spots', 'get', SPOT.id, '--json']),
      against('not-a-list', ['spots', 'list']),
      against('empty-object', ['executions', 'get', EXECUTION_ID]),
      against('empty-object', ['bids', 'get', EXECUTION_ID]),
    ]);
    expectOneLine(runs[0]!, 1, /^Error: the server answered a spot whose id is not a valid id$/);
    expectOneLine(runs[1]!, 1, /^Error: the server answered an accepted request whose execution_id is not a valid id$/);
    expectOneLine(runs[2]!, 1, /^Error: the server answered a spot whose price is not a number$/);
    expectOneLine(runs[3]!, 1, /^Error: the server answered a list whose spots is not an array$/);
    expectOneLine(runs[4]!, 1, /^Error: the server answered an execution whose id is not a valid id$/);
    expectOneLine(runs[5]!, 1, /^Error: the server answered a bid whose id is not a valid id$/);
  });

  it('a price history that runs backwards, which no backtest or strategy can replay', async () => {
    const runs = await Promise.all([
      against('unordered-history', ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.25', '--from', '1799990000', '--until', '1800010000']),
      against('unordered-history', ['market', 'advise', '--plan', 'c3.small']),
      against('unordered-history', ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--availability', '0.9', '--dry-run']),
    ]);
    for (const r of runs) expectOneLine(r, 1, /^Error: the server answered a price history whose point 1 is not after the one before it$/);
  });

  it('an answer larger than 64 MiB is refused without reading the rest', async () => {
    const [chunked, declared] = await Promise.all([against('huge', ['spots', 'list']), against('huge-declared', ['spots', 'list'])]);
    expectOneLine(chunked, 1, /^Error: the answer to GET \/api\/spots is larger than 64 MiB; fas reads no more of it$/);
    expectOneLine(declared, 1, /^Error: the answer to GET \/api\/spots is larger than 64 MiB; fas reads no more of it$/);
  });

  it('--all stops when the server does not move to the next page, printing nothing twice', async () => {
    hits.delete('stuck-pages');
    const [stuck, unnumbered] = await Promise.all([against('stuck-pages', ['spots', 'list', '--all', '--json']), against('no-current-page', ['spots', 'list', '--all'])]);
    expectOneLine(stuck, 1, /^Error: the server did not move past page 1 of a list \(asked for page 2, it answered page 1\)$/);
    expect(hits.get('stuck-pages')).toBe(2);
    expectOneLine(unnumbered, 1, /^Error: the server answered page 1 of a list without a whole current_page$/);
  });
});

describe('the token quoted back in any spelling is masked', () => {
  it.each([
    ['echo-slash', 'JSON-escaped with \\/'],
    ['echo-unicode', 'as \\u escapes'],
    ['echo-url', 'URL-encoded'],
    ['echo-upper', 'in capitals'],
  ])('in an error body (%s: %s)', async (mode) => {
    const r = await against(mode, ['spots', 'list', '--retries', '0']);
    expectOneLine(r, 3, /^Error: authentication failed: invalid credentials: .*\[token\]$/, /fas login/);
  });

  it('in a redirect Location', async () => {
    const r = await against('echo-redirect', ['spots', 'list']);
    expectOneLine(r, 1, /answered 301, a redirect to https:\/\/elsewhere\.example\/login\?next=%2Fapi&token=\[token\]; fas does not follow redirects$/);
  });

  it('in --debug lines and retried errors', async () => {
    const r = await against('echo-503', ['spots', 'list', '--retries', '1', '--debug']);
    expect(r.stderr).toMatch(/^\[debug\] retry 1\/1 of GET \/api\/spots in \d+ ms: server error 503: invalid credentials: \[token\]$/m);
    expectOneLine(r, 1, /^Error: server error 503: invalid credentials: \[token\]$/);
  });

  it("in an execution's error", async () => {
    const r = await against('echo-failed', ['executions', 'wait', EXECUTION_ID]);
    expectOneLine(r, 5, /^Error: execution .* \(spot\.add\) failed: provisioning with token \[token\] failed$/);
  });
});

describe('nothing listening, and accepted work', () => {
  it('executions wait against nothing listening says the connection was refused, within about a second', async () => {
    const env = { FAS_API_URL: refused, FAS_TOKEN: TOKEN, FAS_CONFIG_DIR: tempDir() };
    const [wait, took] = await timed(runFas(['executions', 'wait', EXECUTION_ID], { env, timeoutMs: 15_000 }));
    expectOneLine(wait, 1, /^Error: cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused$/, /fas sandbox start --detach/);
    expect(took).toBeLessThan(3_000);
    // Without --retries 0, too: refused before any answer is not retried for long.
    const [list, listTook] = await timed(runFas(['spots', 'list'], { env, timeoutMs: 15_000 }));
    expectOneLine(list, 1, /connection refused$/, /fas sandbox start --detach/);
    expect(listTook).toBeLessThan(3_000);
  });

  it('reading the spot of accepted work rides out failures until --timeout, not a fixed minute', async () => {
    const [r, took] = await timed(against('accept-then-503', ['spots', 'add', '--wait', '--timeout', '2s', '--retries', '1']));
    expectOneLine(r, 6, new RegExp(`^Error: gave up waiting for an answer about execution ${EXECUTION_ID} after 2 s$`), /the work goes on/);
    expect(took).toBeLessThan(8_000);
  });
});
