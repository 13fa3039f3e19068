import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_LOCK_MS } from '../../src/cli/shared/file-lock.js';
import { runFas, STACK_TRACE, tempDir } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

function setup(config?: unknown) {
  const dir = tempDir('fas-config-');
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const fas = (args: string[], env: Record<string, string | undefined> = {}) => runFas(args, { env: { FAS_CONFIG_DIR: dir, ...env } });
  return { dir, fas };
}

const twoProfiles = {
  current_profile: 'work',
  profiles: {
    work: { api_url: 'https://work.example.com', token: 'work-secret-token' },
    home: { api_url: 'http://127.0.0.1:7999', token: 'home-secret-token' },
  },
};

describe('fas config and profiles', () => {
  it('sets, gets and lists settings of the current profile, in a 0600 file', async () => {
    const { dir, fas } = setup();
    expect((await fas(['config', 'set', 'api_url', 'https://api.example.com/'])).code).toBe(0);
    expect((await fas(['config', 'set', 'output', 'json'])).code).toBe(0);
    const got = await fas(['config', 'get', 'api_url', '-o', 'table']);
    expect(got.stdout.trim()).toBe('https://api.example.com');
    const list = await fas(['config', 'list']);
    const rows = JSON.parse(list.stdout).settings as { key: string; value: string; source: string }[];
    expect(rows.find((r) => r.key === 'output')).toMatchObject({ value: 'json', source: 'profile' });
    expect(rows.find((r) => r.key === 'token')).toMatchObject({ value: '(not set)' });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to set a token on the command line, and unknown keys', async () => {
    const { fas } = setup();
    const token = await fas(['config', 'set', 'token', 'abc']);
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/fas login/);
    const unknown = await fas(['config', 'set', 'colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown setting 'colour'/);
    const bad = await fas(['config', 'set', 'retries', 'many']);
    expect(bad.code).toBe(2);
  });

  it('lists profiles with the current one marked, never showing tokens', async () => {
    const { fas } = setup(twoProfiles);
    const table = await fas(['profiles', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\*\s+work\s+https:\/\/work\.example\.com\s+set$/m);
    expect(table.stdout).not.toContain('secret');
    const json = JSON.parse((await fas(['profiles', 'list', '--json'])).stdout);
    expect(json).toEqual([
      { name: 'work', current: true, api_url: 'https://work.example.com', token_set: true },
      { name: 'home', current: false, api_url: 'http://127.0.0.1:7999', token_set: true },
    ]);
  });

  it('switches and deletes profiles; an unknown one is exit 4', async () => {
    const { dir, fas } = setup(twoProfiles);
    expect((await fas(['profiles', 'use', 'home'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).current_profile).toBe('home');
    expect((await fas(['profiles', 'use', 'nope'])).code).toBe(4);
    expect((await fas(['profiles', 'delete', 'home'])).code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(config.profiles)).toEqual(['work']);
    expect(config.current_profile).toBeUndefined();
  });

  it('reports a corrupt config file in one line, exit 1, and does not overwrite it', async () => {
    const { dir, fas } = setup('{"profiles": {');
    const r = await fas(['spots', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: the config file .*config\.json is not valid JSON$/m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"profiles": {');
  });

  it('works without reading the config when the environment says everything', async () => {
    const { fas } = setup('{"profiles": {');
    const r = await fas(['spots', 'list', '--json', '--retries', '0', '--request-timeout', '2s'], {
      FAS_API_URL: 'http://127.0.0.1:9',
      FAS_TOKEN: 't',
      FAS_PROFILE: 'ci',
    });
    expect(r.stderr).not.toMatch(/config file/);
    expect(r.code).toBe(1); // nothing listens on port 9: a network error, not a config one
  });

  it('reports an unwritable config directory in one line', async () => {
    const parent = tempDir('fas-ro-');
    const dir = join(parent, 'config');
    mkdirSync(dir);
    chmodSync(parent, 0o500);
    chmodSync(dir, 0o500);
    const r = await runFas(['config', 'set', 'output', 'json'], { env: { FAS_CONFIG_DIR: dir } });
    chmodSync(dir, 0o700);
    chmodSync(parent, 0o700);
    // root ignores file modes; only check when the directory really was read-only
    if (process.getuid?.() !== 0) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot write the config file/);
    }
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses plain http:// to a host that is not loopback unless --insecure', async () => {
    const { fas } = setup();
    const r = await fas(['spots', 'list'], { FAS_API_URL: 'http://api.example.com', FAS_TOKEN: 't' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to send the token over plain http/);
    expect(r.stderr).not.toContain('api.example.com/');
  });

  it('rejects an API URL that is not one', async () => {
    const { fas } = setup();
    const r = await fas(['spots', 'list'], { FAS_API_URL: 'not a url', FAS_TOKEN: 't' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid API URL/);
  });

  it('rejects an API URL that carries a user name or password, and says where a token goes', async () => {
    const { fas } = setup();
    const r = await fas(['spots', 'list'], { FAS_API_URL: 'https://user:pw@api.example.com', FAS_TOKEN: 't' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: invalid API URL: it must not carry credentials\nHint: use --token or fas login\n');
  });

  it('prints the help of a command group named without a subcommand, on stdout, and exits 0', async () => {
    const { fas } = setup();
    const r = await fas(['spots']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: fas spots \[options\] \[command\]\n/);
    expect(r.stderr).toBe('');
  });
});

describe('fas processes changing the config at once', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await withSandbox();
  });
  afterAll(() => t.close());

  it('20 fas login --profile pN at once: every one succeeds and all 20 profiles are kept, in a 0700 directory', async () => {
    const dir = join(tempDir(), 'fas');
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const runs = await Promise.all(
      names.map((name) =>
        runFas(['login', '--profile', name], { env: { FAS_CONFIG_DIR: dir, FAS_API_URL: t.sandbox.url }, input: `${t.sandbox.token}\n`, timeoutMs: 60_000 }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(config.profiles).sort()).toEqual([...names].sort());
    for (const name of names) expect(config.profiles[name]).toEqual({ api_url: t.sandbox.url, token: t.sandbox.token });
    expect(names).toContain(config.current_profile);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    // Nothing is left behind: no lock, no half-written file.
    expect(readdirSync(dir)).toEqual(['config.json']);
  }, 90_000);

  it('20 fas config set at once, each on its own profile: every setting is kept', async () => {
    const { dir, fas } = setup();
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fas(['--profile', `p${i}`, 'config', 'set', 'retries', String(i)])),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(config.profiles)).toHaveLength(20);
    for (let i = 0; i < 20; i++) expect(config.profiles[`p${i}`]).toEqual({ retries: i });
  }, 90_000);
});

describe('a lock file left behind', () => {
  /** A process that takes the config's lock the way fas does, and holds it until killed. */
  async function holder(dir: string): Promise<ChildProcess> {
    const lock = join(dir, 'config.json.lock');
    const child = spawn(
      process.execPath,
      ['-e', `const fs = require('node:fs'); fs.writeFileSync(${JSON.stringify(lock)}, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), nonce: 'held' })); process.stdout.write('held'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    return child;
  }

  it('by a holder killed with -9 does not hold up the next command', async () => {
    const { dir, fas } = setup({});
    const child = await holder(dir);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const started = Date.now();
    const r = await fas(['config', 'set', 'output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(STALE_LOCK_MS);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).profiles.default.output).toBe('json');
    expect(existsSync(join(dir, 'config.json.lock'))).toBe(false);
  });

  it('by a holder that is alive but stuck is waited for, then taken over after the stale timeout', async () => {
    const { dir, fas } = setup({});
    const child = await holder(dir);
    try {
      const started = Date.now();
      const r = await fas(['config', 'set', 'output', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(STALE_LOCK_MS - 500);
      expect(waited).toBeLessThan(STALE_LOCK_MS + 10_000);
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).profiles.default.output).toBe('json');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
