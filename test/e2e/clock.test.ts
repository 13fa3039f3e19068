// Times the API sets are on its clock: a sandbox whose clock was moved a day
// ahead gives a spot a termination time two minutes ahead of ITS now, and a
// terminal shows "in 2m", not "in 24h 2m". And a spot add whose execution
// failed at once (the market above its max price) is a failure: exit 5.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

/** `fas ARGS` on a pseudo-terminal, 200 columns wide, without colour. */
function onTerminal(args: string[]): Promise<string> {
  const env = Object.entries(t.env).map(([k, v]) => `${k}=${v}`).join(' ');
  const command = `stty cols 200; env ${env} NO_COLOR=1 ${process.execPath} ${FAS_BIN} ${args.join(' ')}`;
  return new Promise((resolve, reject) =>
    execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) =>
      err ? reject(err) : resolve(stripVTControlCharacters(stdout).replace(/\r\n/g, '\n')),
    ),
  );
}

describe.skipIf(!existsSync('/usr/bin/script'))("relative times, on the API's clock", () => {
  it('a sandbox a day ahead shows a termination two minutes ahead', async () => {
    await t.json(['sandbox', 'clock', 'advance', '1d']);
    const spot = await t.json<Spot>(['spots', 'add', '--wait', '--metro', 'da', '--plan', 'c3.small', '--max-price', '0.3']);
    await t.json(['sandbox', 'price', 'set', '--metro', 'da', '--plan', 'c3.small', '0.5']);
    const terminating = await t.json<Spot>(['spots', 'get', spot.id]);
    expect(terminating.state).toBe('terminating');
    // A day ahead of this machine: measured from here, it would read "in 24h 2m".
    expect(Date.parse(terminating.termination_time!) - Date.now()).toBeGreaterThan(86_000_000);

    const list = await onTerminal(['spots', 'list', '--metro', 'da']);
    // On a terminal the table shows the id's first 8 characters.
    expect(list).toMatch(new RegExp(`^${spot.id.slice(0, 8)} .* in (2m|1m 5\\ds)$`, 'm'));
    const one = await onTerminal(['spots', 'get', spot.id]);
    expect(one).toMatch(/^Terminates +in (2m|1m 5\ds)$/m);
    expect(one).toMatch(/^Created +(\d+s) ago$/m);
  });
});

describe('spots add without --wait', () => {
  it('whose execution failed at once prints it, then exits 5 with its error', async () => {
    await t.json(['sandbox', 'price', 'set', '--metro', 'am', '--plan', 'c3.small', '0.5']);
    const r = await t.fas(['spots', 'add', '--metro', 'am', '--plan', 'c3.small', '--max-price', '0.2', '--json']);
    expect(r.code).toBe(5);
    const execution = JSON.parse(r.stdout) as Execution;
    expect([execution.status, execution.error]).toEqual(['failed', 'spot price 0.5 is above max_bid_price 0.2']);
    expect(r.stderr).toBe(`Error: execution ${execution.id} (spot.add) failed: spot price 0.5 is above max_bid_price 0.2\n`);
    const table = await t.fas(['spots', 'add', '--metro', 'am', '--plan', 'c3.small', '--max-price', '0.2']);
    expect(table.code).toBe(5);
    expect(table.stdout).toMatch(/^Status +failed$/m);
    // One that is under way is no failure.
    const ok = await t.fas(['spots', 'add', '--metro', 'am', '--plan', 'c3.small', '--max-price', '0.9', '--json']);
    expect([ok.code, (JSON.parse(ok.stdout) as Execution).status]).toEqual([0, expect.stringMatching(/^(pending|started|completed)$/)]);
  });
});
