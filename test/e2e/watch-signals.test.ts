// SIGTERM (how CI runners cancel a job) and SIGHUP (a closed terminal) to a
// real `fas spots watch` process: its hooks, in process groups of their
// own, are stopped as on Ctrl-C, and it exits as a shell reports the signal
// (143, 129).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { tempDir } from '../helpers/cli.js';
import { startFas } from '../helpers/process.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let spot: Spot;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
  spot = await t.runJson<Spot>(['spots', 'add', '--wait', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.9']);
  // Under notice from the start: each watch runs its hook at once.
  expect((await t.run(['sandbox', 'price', 'set', '--metro', 'sv', '--plan', 'c3.small', '2'])).code).toBe(0);
});
afterAll(() => t.close());

const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('fas spots watch stopped by a signal', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: its hooks are stopped, then it exits ${code}`, async () => {
      const dir = tempDir('fas-watch-signal-');
      const w = startFas(['spots', 'watch', '--on-termination', `echo $$ > "${dir}/pid"; sleep 600; echo never`], t.env);
      try {
        await expect.poll(() => existsSync(join(dir, 'pid')) && readFileSync(join(dir, 'pid'), 'utf8'), { timeout: 10_000 }).toMatch(/\n$/);
        const hook = Number(readFileSync(join(dir, 'pid'), 'utf8'));
        expect(alive(hook)).toBe(true);
        w.kill(signal);
        const end = await w.ended(15_000);
        expect(end, w.stderr()).toEqual({ code, signal: null });
        expect(w.stderr()).toContain(`hook for spot ${spot.id} was stopped (SIGTERM) when the watch was stopped\n`);
        expect(w.stderr().trimEnd().split('\n').at(-1)).toBe(`Error: stopped watching (${signal})`);
        expect(alive(hook)).toBe(false);
      } finally {
        w.kill('SIGKILL');
      }
    }, 30_000);
  }
});
