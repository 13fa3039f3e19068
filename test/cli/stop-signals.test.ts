// SIGTERM (how CI runners cancel a job) and SIGHUP (a closed terminal) stop
// the commands that run until stopped as Ctrl-C does: `events --follow`
// says the cursor it resumes from, `spots wait` what it waited for, and
// each exits 128 + the signal's number. In-process, against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Spot } from '../../src/api/types.js';
import { runInProcess, TestHost } from '../helpers/run-cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox();
});
afterAll(() => t.close());

/** Runs fas until it listens for `signal`, sends it, and gives how the run ended. */
async function stopped(args: string[], signal: 'SIGTERM' | 'SIGHUP') {
  const host = new TestHost();
  const running = runInProcess(args, { env: { ...t.env, NO_COLOR: '1' } }, host);
  await expect.poll(() => host.listening(signal), { timeout: 10_000 }).toBeGreaterThan(0);
  host.send(signal);
  return running;
}

describe('fas events --follow', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('stops at %s, exits %i and says the cursor it resumes from', async (signal, code) => {
    await t.json<Spot>(['spots', 'add', '--wait']);
    const events = (await t.fas(['events', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Event);
    const cursor = events.at(-1)!.id;
    const r = await stopped(['events', '--follow', '--after', cursor], signal);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`Error: stopped following events at cursor ${cursor} (${signal})\nHint: resume with: fas events --follow --after ${cursor}\n`);
  });
});

describe('fas spots wait', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('stops at %s, exits %i and says what it waited for', async (signal, code) => {
    const spot = await t.json<Spot>(['spots', 'add', '--wait']);
    const r = await stopped(['spots', 'wait', spot.id, '--for', 'removed'], signal);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: stopped waiting for spot ${spot.id} to be removed (${signal})\n`);
  });
});
