import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb.close());

describe('fas in-process', () => {
  it('lists spots as JSON against the sandbox', async () => {
    const spots = await sb.runJson<unknown[]>(['spots', 'list']);
    expect(Array.isArray(spots)).toBe(true);
  });

  it('refuses an unknown flag with the usage exit code and nothing on stdout', async () => {
    const r = await sb.run(['spots', 'list', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bogus/);
  });
});
