// `fas spots remove $ID --yes` with ID empty and unquoted is `fas spots
// remove --yes`: no id never removes the newest spot where nobody is asked.
// Off a terminal, or with --yes, that takes --newest; on a terminal the
// question names the spot, and a no exits non-zero.
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb.close());

async function addSpot(): Promise<Spot> {
  return sb.runJson<Spot>(['spots', 'add', '--wait']);
}

async function stateOf(id: string): Promise<Spot['state']> {
  return (await sb.runJson<Spot>(['spots', 'get', id])).state;
}

describe('spots remove with no id', () => {
  it('off a terminal, --yes alone removes nothing', async () => {
    const spot = await addSpot();
    const r = await sb.run(['spots', 'remove', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'Error: no spot named: an id that is empty (an unset variable?) is no id, and would remove the newest spot\nHint: name the spot, or pass --newest to remove the newest one\n',
    );
    expect(await stateOf(spot.id)).toBe('active');
  });

  it('on a terminal, --yes alone removes nothing either', async () => {
    const spot = await addSpot();
    const r = await sb.run(['spots', 'remove', '--yes'], { tty: true });
    expect(r.code).toBe(2);
    expect(await stateOf(spot.id)).toBe('active');
  });

  it('--newest --yes removes the newest', async () => {
    await addSpot();
    const newest = await addSpot();
    const removed = await sb.runJson<Spot>(['spots', 'remove', '--newest', '--yes', '--wait']);
    expect(removed.id).toBe(newest.id);
    expect(removed.state).toBe('removed');
  });

  it('--newest off a terminal still takes --yes', async () => {
    const r = await sb.run(['spots', 'remove', '--newest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: refusing to remove the newest spot without --yes when not on a terminal$/m);
  });

  it('--newest with an id is refused', async () => {
    const r = await sb.run(['spots', 'remove', 'abcd1234', '--newest', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: --newest removes the newest spot: name no spot with it\nHint: see fas spots remove --help\n');
  });

  it('on a terminal, the question names the spot; no exits non-zero and removes nothing', async () => {
    const spot = await addSpot();
    const r = await sb.run(['spots', 'remove'], { tty: true, stdin: 'n\n' });
    expect(r.stderr).toMatch(new RegExp(`Remove the newest spot, ${spot.hostname} \\(${spot.ip.replace(/\./g, '\\.')}\\), added \\d+s ago\\? \\[y/N\\]`));
    // The answer's echo, a terminal's own, is not in the test's stream: the line follows the question.
    expect(stripVTControlCharacters(r.stderr)).toMatch(/\[y\/N\] Error: not confirmed; nothing done\n$/);
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(await stateOf(spot.id)).toBe('active');
  });

  it('on a terminal, yes removes the spot the question named', async () => {
    const spot = await addSpot();
    const r = await sb.run(['spots', 'remove', '--wait', '-q'], { tty: true, stdin: 'y\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(spot.id);
    expect(await stateOf(spot.id)).toBe('removed');
  });

  it('declining to remove several exits non-zero too', async () => {
    const a = await addSpot();
    const b = await addSpot();
    const r = await sb.run(['spots', 'remove', a.id, b.id], { tty: true, stdin: '\n' });
    expect(r.code).toBe(130);
    expect(await stateOf(a.id)).toBe('active');
  });
});
