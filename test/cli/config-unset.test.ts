// fas config unset KEY: the setting leaves the profile, so its default (or
// the environment) applies again; the token is logout's to forget.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-cli.js';

describe('fas config unset', () => {
  it('removes a setting of the current profile, and says so', async () => {
    const dir = tempDir('fas-unset-');
    const env = { FAS_CONFIG_DIR: dir };
    expect((await runInProcess(['config', 'set', 'output', 'json'], { env })).code).toBe(0);
    const r = await runInProcess(['config', 'unset', 'output'], { env });
    expect(r).toEqual({ code: 0, stdout: '', stderr: "unset output in profile 'default'\n" });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ profiles: { default: {} } });
    expect((await runInProcess(['config', 'get', 'output'], { env })).stdout).toBe('table\n');
  });

  it('unsetting what is not set changes nothing and writes no file', async () => {
    const dir = tempDir('fas-unset-');
    const r = await runInProcess(['config', 'unset', 'retries'], { env: { FAS_CONFIG_DIR: dir } });
    expect(r).toEqual({ code: 0, stdout: '', stderr: "retries is not set in profile 'default'; nothing to unset\n" });
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('refuses the token (logout forgets it) and an unknown key, exit 2', async () => {
    const token = await runInProcess(['config', 'unset', 'token']);
    expect([token.code, token.stderr]).toEqual([2, 'Error: a token is forgotten with fas logout\nHint: fas logout\n']);
    const unknown = await runInProcess(['config', 'unset', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Error: unknown setting 'nope': expected one of /);
  });
});
