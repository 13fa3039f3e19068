// The suite passes whatever the caller's environment holds: the processes
// tests start (fas itself, or script(1) around it) get the environment of
// baseEnv(), without the caller's FAS_*, NO_COLOR, FORCE_COLOR or CI (under
// which ora draws no spinner), unless a test sets one itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/cli.js';

const CALLER = { NO_COLOR: '1', FORCE_COLOR: '3', CI: 'true', FAS_TOKEN: 'callers-token', FAS_OUTPUT: 'json', FAS_API_URL: 'http://127.0.0.1:9' };
const saved = Object.fromEntries(Object.keys(CALLER).map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the environment of the processes tests start', () => {
  it('holds none of what the caller set that changes fas or its terminal', () => {
    Object.assign(process.env, CALLER);
    const env = baseEnv();
    for (const k of Object.keys(CALLER)) expect(env[k], k).toBeUndefined();
    expect(env.PATH).toBe(process.env.PATH);
    expect(baseEnv({ CI: 'true' }).CI).toBe('true');
  });

  it('is given to every script(1) a test starts', () => {
    const dir = join(import.meta.dirname, '..', 'e2e');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const call of text.match(/(?:spawn|execFile)\('script',[^\n]*/g) ?? []) expect(call, file).toMatch(/env: baseEnv\(/);
    }
  });
});
