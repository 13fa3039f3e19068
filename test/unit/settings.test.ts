import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../src/errors.js';
import { resolveSettings, type GlobalFlags } from '../../src/cli/shared/settings.js';

let dir: string;
const saved = process.env.FAS_CONFIG_DIR;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fas-settings-'));
  process.env.FAS_CONFIG_DIR = dir;
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      current_profile: 'work',
      profiles: {
        work: { api_url: 'https://work.example.com', token: 'work-token', output: 'json', retries: 7 },
        home: { api_url: 'https://home.example.com', token: 'home-token' },
      },
    }),
  );
});
afterEach(() => {
  process.env.FAS_CONFIG_DIR = saved;
});

const env = (extra: Record<string, string> = {}) => ({ FAS_CONFIG_DIR: dir, ...extra });

describe('settings precedence: flag > environment > profile > default', () => {
  it.each<[string, GlobalFlags, Record<string, string>, Partial<ReturnType<typeof resolveSettings>>]>([
    ['profile values', {}, {}, { profile: 'work', apiUrl: 'https://work.example.com', token: 'work-token', output: 'json', retries: 7 }],
    ['env beats profile', {}, { FAS_API_URL: 'https://env.example.com', FAS_TOKEN: 'env-token' }, { apiUrl: 'https://env.example.com', token: 'env-token' }],
    ['flag beats env', { apiUrl: 'https://flag.example.com', token: 'flag-token' }, { FAS_API_URL: 'https://env.example.com' }, { apiUrl: 'https://flag.example.com', token: 'flag-token' }],
    ['--profile picks another profile', { profile: 'home' }, {}, { profile: 'home', apiUrl: 'https://home.example.com', output: 'table', retries: 5 }],
    ['FAS_PROFILE picks another profile', {}, { FAS_PROFILE: 'home' }, { profile: 'home', token: 'home-token' }],
    ['unknown profile falls back to defaults', { profile: 'nope' }, {}, { apiUrl: 'http://127.0.0.1:7878', token: undefined }],
    ['--json beats the profile output', { json: true }, {}, { output: 'json' }],
    ['-o table beats the profile output', { output: 'table' }, {}, { output: 'table' }],
    ['FAS_OUTPUT beats the profile output', {}, { FAS_OUTPUT: 'yaml' }, { output: 'yaml' }],
    ['-o beats FAS_OUTPUT', { output: 'csv' }, { FAS_OUTPUT: 'yaml' }, { output: 'csv' }],
    ['--columns, --no-header and --query', { columns: 'id, IP,state', header: false, query: '[].ip' }, {}, { columns: ['id', 'IP', 'state'], header: false, query: '[].ip' }],
    ['NO_COLOR turns colour off', {}, { NO_COLOR: '1' }, { color: false }],
    ['--no-color turns colour off', { color: false }, {}, { color: false }],
  ])('%s', (_name, flags, extraEnv, expected) => {
    expect(resolveSettings(flags, env(extraEnv))).toMatchObject(expected);
  });

  it('records where each setting came from', () => {
    const s = resolveSettings({ token: 't' }, env({ FAS_API_URL: 'http://127.0.0.1:1' }));
    expect(s.sources).toMatchObject({ token: 'flag', api_url: 'env', output: 'profile', profile: 'profile', request_timeout: 'default' });
  });

  it('does not read the config file when flags and environment settle everything it would give', () => {
    writeFileSync(join(dir, 'config.json'), '{ corrupt');
    expect(() =>
      resolveSettings({ json: true, profile: 'x', retries: '1', requestTimeout: '5s' }, env({ FAS_API_URL: 'http://127.0.0.1:1', FAS_TOKEN: 't' })),
    ).not.toThrow();
  });

  it('reports a corrupt or malformed config file as a ConfigError', () => {
    writeFileSync(join(dir, 'config.json'), '{ corrupt');
    expect(() => resolveSettings({}, env())).toThrow(ConfigError);
    writeFileSync(join(dir, 'config.json'), '[1, 2]');
    expect(() => resolveSettings({}, env())).toThrow(/malformed/);
    writeFileSync(join(dir, 'config.json'), '{"profiles": {"a": {"retries": "many"}}}');
    expect(() => resolveSettings({ profile: 'a' }, env())).toThrow(/retries must be a number/);
  });

  it('treats an empty config file as no config', () => {
    writeFileSync(join(dir, 'config.json'), '');
    expect(resolveSettings({}, env()).apiUrl).toBe('http://127.0.0.1:7878');
  });

  it('rejects bad values with a usage error', () => {
    // Commander refuses it first on a command line; completion's own reading of the line does not.
    expect(() => resolveSettings({ output: 'xml' as never }, env())).toThrow("invalid --output 'xml': expected table, wide, json, jsonl, yaml or csv");
    expect(() => resolveSettings({}, env({ FAS_OUTPUT: 'xml' }))).toThrow(/^invalid FAS_OUTPUT 'xml'/);
    expect(() => resolveSettings({ columns: 'id,,ip' }, env())).toThrow(UsageError);
    expect(() => resolveSettings({ retries: 'lots' }, env())).toThrow(/--retries/);
    expect(() => resolveSettings({ requestTimeout: '0s' }, env())).toThrow(/--request-timeout/);
    expect(() => resolveSettings({ profile: '../etc' }, env())).toThrow(/profile name/);
  });
});
