// Where fas stands and what it keeps: fas status (exit 0, 3 or 1), fas
// logout, fas version, and fas config set refusing what a flag would refuse.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFas, STACK_TRACE, tempDir } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox();
});
afterAll(() => t.close());

const dataHome = tempDir('fas-data-');

/** A config directory whose current profile `name` holds `profile`; fas run with it and nothing else. */
function configured(name: string, profile: Record<string, unknown>) {
  const dir = tempDir('fas-account-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ current_profile: name, profiles: { [name]: profile } }));
  // A default data directory of its own: a sandbox the caller runs must not be found.
  const fas = (args: string[], env: Record<string, string> = {}) => runFas(args, { env: { FAS_CONFIG_DIR: dir, XDG_DATA_HOME: dataHome, ...env } });
  return { dir, fas, config: () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown> };
}

describe('fas status', () => {
  it('exit 0: the profile, API URL and token and where each comes from, the round trip, the sandbox and its data', async () => {
    const { fas } = configured('dev', { api_url: t.sandbox.url, token: t.sandbox.token });
    const json = await fas(['status', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const found = JSON.parse(json.stdout) as { api: { round_trip_ms: number } };
    expect(found).toEqual({
      profile: { name: 'dev', from: 'profile' },
      api_url: { value: t.sandbox.url, from: 'profile' },
      token: { set: true, from: 'profile', accepted: true },
      api: { reachable: true, round_trip_ms: found.api.round_trip_ms, error: null },
      sandbox: { running: true, pid: process.pid, data_dir: t.sandbox.dataDir, url: t.sandbox.url },
    });
    expect(found.api.round_trip_ms).toBeGreaterThan(0);

    const table = await fas(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(
        [
          "^Profile  dev \\(from the config file's current profile\\)",
          `API URL  ${t.sandbox.url} \\(from profile 'dev'\\)`,
          "Token    accepted \\(from profile 'dev'\\)",
          'API      reachable, \\d+ ms round trip',
          `Sandbox  running \\(pid ${process.pid}, data in ${t.sandbox.dataDir}\\)\n$`,
        ].join('\n'),
      ),
    );
    for (const r of [json, table]) expect(r.stdout + r.stderr).not.toContain(t.sandbox.token);
  });

  it('exit 3 when the API refuses the token; its data directory is then not told', async () => {
    const { fas } = configured('dev', { api_url: t.sandbox.url, token: t.sandbox.token });
    const r = await fas(['status', '--json'], { FAS_TOKEN: 'not-the-token' });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({
      token: { set: true, from: 'env', accepted: false },
      api: { reachable: true, error: null },
      sandbox: { running: true, pid: null, data_dir: null, url: t.sandbox.url },
    });
    expect(r.stderr).toBe(`Error: the API at ${t.sandbox.url} refused the token (from FAS_TOKEN)\nHint: check the token: fas login, --token or FAS_TOKEN\n`);
    expect(r.stdout + r.stderr).not.toContain('not-the-token');
  });

  it('exit 3 when there is no token', async () => {
    const { fas } = configured('bare', { api_url: t.sandbox.url });
    const r = await fas(['status']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^Token +none$/m);
    expect(r.stdout).toMatch(/^API +reachable, \d+ ms round trip$/m);
    expect(r.stderr).toBe("Error: no API token for profile 'bare'\nHint: run fas login, set FAS_TOKEN, or start the sandbox with: fas sandbox start --detach\n");
  });

  it('exit 1 when the API cannot be reached, whatever the token', async () => {
    const { fas } = configured('gone', { api_url: 'http://127.0.0.1:9' });
    for (const env of [{}, { FAS_TOKEN: 'some-token' }] as Record<string, string>[]) {
      const r = await fas(['status', '--json'], env);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        api: { reachable: false, round_trip_ms: null, error: 'cannot connect to http://127.0.0.1:9: connection refused' },
        token: { accepted: null },
        sandbox: { running: false, pid: null, data_dir: null, url: null },
      });
      expect(r.stderr).toBe('Error: cannot connect to http://127.0.0.1:9: connection refused\nHint: no sandbox runs there; start one with: fas sandbox start --detach --port 9\n');
    }
    const table = await fas(['status', '--api-url', 'http://127.0.0.1:9']);
    expect(table.stdout).toMatch(/^API URL  http:\/\/127\.0\.0\.1:9 \(from --api-url\)$/m);
    expect(table.stdout).toMatch(/^Sandbox  not running$/m);
    expect(table.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('fas logout', () => {
  it("forgets the profile's token, keeps its other settings, and says so; nothing to forget is no failure", async () => {
    const { fas, config, dir } = configured('dev', { api_url: t.sandbox.url, token: t.sandbox.token, retries: 2 });
    const out = await fas(['logout', '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("forgot the token of profile 'dev'; its other settings stay\n");
    expect(JSON.parse(out.stdout)).toEqual({ profile: 'dev', forgot: true });
    expect(config()).toEqual({ current_profile: 'dev', profiles: { dev: { api_url: t.sandbox.url, retries: 2 } } });
    expect((await fas(['spots', 'list'])).code).toBe(3);

    const again = await fas(['logout']);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', "profile 'dev' has no token; nothing to forget\n"]);
    const none = await fas(['logout', '--profile', 'nope']);
    expect([none.code, none.stderr]).toEqual([0, "there is no profile 'nope'; nothing to forget\n"]);
    const env = await fas(['logout'], { FAS_TOKEN: 'from-env' });
    expect(env.stderr).toBe("profile 'dev' has no token; nothing to forget\nWarning: FAS_TOKEN is set: fas uses it until you unset it\n");

    const fresh = tempDir('fas-account-');
    expect((await runFas(['logout'], { env: { FAS_CONFIG_DIR: fresh } })).code).toBe(0);
    expect(existsSync(join(fresh, 'config.json'))).toBe(false);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(t.sandbox.token);
  });
});

describe('fas version', () => {
  it('prints fas, Node.js and the system, and the same with --json', async () => {
    const text = await runFas(['version']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^fas \d+\.\d+\.\d+\nNode\.js v\d+\.\d+\.\d+\n(linux|darwin|win32) \S+ (x64|arm64|\S+)\n$/);
    const json = JSON.parse((await runFas(['version', '--json'])).stdout) as Record<string, string>;
    expect(json).toEqual({ fas: expect.any(String), node: process.versions.node, platform: process.platform, release: expect.any(String), arch: process.arch });
    expect(text.stdout.split('\n')[0]).toBe(`fas ${json.fas}`);
    expect(text.stdout.split('\n')[0]).toBe(`fas ${(await runFas(['--version'])).stdout.trim()}`);
  });
});

describe('fas config set refuses what the flag would, in the same words', () => {
  it.each<[string, string, string, Record<string, string>]>([
    ['api_url', 'api.example.com', "Error: invalid API URL 'api.example.com': it needs its scheme, e.g. https://api.example.com\n", { FAS_API_URL: 'api.example.com' }],
    ['api_url', 'localhost:7878', "Error: invalid API URL 'localhost:7878': it needs its scheme, e.g. http://localhost:7878\n", { FAS_API_URL: 'localhost:7878' }],
    [
      'api_url',
      'http://127.0.0.1:7878/api/spots',
      "Error: invalid API URL 'http://127.0.0.1:7878/api/spots': give the API's base URL, without /api/spots: http://127.0.0.1:7878\n",
      { FAS_API_URL: 'http://127.0.0.1:7878/api/spots' },
    ],
    [
      'api_url',
      'https://api.example.com/v2/api',
      "Error: invalid API URL 'https://api.example.com/v2/api': give the API's base URL, without /api: https://api.example.com/v2\n",
      { FAS_API_URL: 'https://api.example.com/v2/api' },
    ],
    ['api_url', 'https://api.example.com/?x=1', "Error: invalid API URL 'https://api.example.com/?x=1': give the API's base URL, without a query or a fragment\n", { FAS_API_URL: 'https://api.example.com/?x=1' }],
    ['api_url', 'ftp://api.example.com', "Error: invalid API URL 'ftp://api.example.com': only http:// and https:// are supported\n", { FAS_API_URL: 'ftp://api.example.com' }],
    [
      'api_url',
      'http://api.example.com',
      'Error: refusing to send the token over plain http:// to api.example.com\nHint: use https://, or pass --insecure if you trust the network\n',
      { FAS_API_URL: 'http://api.example.com' },
    ],
    ['api_url', 'https://me:pw@api.example.com', 'Error: invalid API URL: it must not carry credentials\nHint: use --token or fas login\n', { FAS_API_URL: 'https://me:pw@api.example.com' }],
    ['retries', '21', "Error: invalid retries '21': must be between 0 and 20\n", { FAS_RETRIES: '21' }],
    ['request_timeout', '0', "Error: invalid request_timeout '0': must be longer than zero\n", { FAS_REQUEST_TIMEOUT: '0' }],
    ['request_timeout', '30d', "Error: invalid request_timeout '30d': at most 24d\n", { FAS_REQUEST_TIMEOUT: '30d' }],
  ])('%s %s', async (key, value, message, used) => {
    const dir = tempDir('fas-account-');
    const set = await runFas(['config', 'set', key, value], { env: { FAS_CONFIG_DIR: dir } });
    expect([set.code, set.stdout, set.stderr]).toEqual([2, '', message]);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    // Used as the variable, it is refused with the same words (the variable's name where the key's was).
    const run = await runFas(['spots', 'list'], { env: { FAS_CONFIG_DIR: dir, FAS_TOKEN: 'tok', ...used } });
    expect(run.code).toBe(2);
    const [env] = Object.keys(used);
    expect(run.stderr).toBe(message.replace(new RegExp(`^Error: invalid ${key} `), `Error: invalid ${env} `));
  });

  it('an output that is not one, and a URL that is, with --insecure for plain http', async () => {
    const dir = tempDir('fas-account-');
    const fas = (args: string[]) => runFas(args, { env: { FAS_CONFIG_DIR: dir } });
    const output = await fas(['config', 'set', 'output', 'xml']);
    expect(output.code).toBe(2);
    expect(output.stderr).toMatch(/^Error: invalid output 'xml': expected /);
    expect((await fas(['config', 'set', 'api_url', 'https://api.example.com/faaspot/'])).code).toBe(0);
    expect((await fas(['--insecure', 'config', 'set', 'api_url', 'http://10.1.2.3:7878'])).code).toBe(0);
    expect((await fas(['config', 'get', 'api_url'])).stdout).toBe('http://10.1.2.3:7878\n');
  });
});
