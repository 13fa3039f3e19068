import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFas, STACK_TRACE, tempDir } from '../helpers/cli.js';

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

  it('exits 2 when a command group is named without a subcommand', async () => {
    const { fas } = setup();
    const r = await fas(['spots']);
    expect(r.code).toBe(2);
  });
});
