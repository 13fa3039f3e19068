// What fas says on stderr as a newcomer meets it: unknown metros listed, a
// conversion's price as tables print prices, how many removals a wait waits
// for, and a spots wait that shows it is waiting.
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  // Provisioning that lasts long enough for a wait to be seen waiting.
  sb = await withSandbox({ provisionSeconds: 1 });
});
afterAll(() => sb.close());

const METROS = 'sv, da, ny, am, fr, sg';

describe('an unknown metro or plan', () => {
  it('market prices lists the known metros, as spots add does', async () => {
    const prices = await sb.run(['market', 'prices', '--metro', 'xx']);
    expect(prices.code).toBe(2);
    expect(prices.stdout).toBe('');
    expect(prices.stderr).toBe(`Error: unknown metro 'xx' (known: ${METROS})\n`);
    const add = await sb.run(['spots', 'add', '--metro', 'xx']);
    expect(add.stderr).toContain(`(known: ${METROS})`);
  });

  it('market history lists the known plans', async () => {
    const r = await sb.run(['market', 'history', '--metro', 'sv', '--plan', 'zz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: unknown plan 'zz' \(known: c3\.small, /);
  });
});

describe('spots convert', () => {
  it('prints the price with four decimals, and says when the spot was on-demand already', async () => {
    const spot = await sb.runJson<Spot>(['spots', 'add', '--wait']);
    const first = await sb.run(['spots', 'convert', spot.id, '-o', 'json']);
    expect(first.code, first.stderr).toBe(0);
    const converted = JSON.parse(first.stdout) as Spot;
    expect(first.stderr).toBe(`spot ${spot.id} is now on-demand at $${converted.price.toFixed(4)}/h and will not be revoked\n`);
    const again = await sb.run(['spots', 'convert', spot.id, '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe(`spot ${spot.id} was already on-demand at $${converted.price.toFixed(4)}/h: nothing to convert\n`);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: spot.id, spot_instance: false });
  });
});

describe('spots remove --wait of several', () => {
  it('says how many it waits for: not those refused at once', async () => {
    const a = await sb.runJson<Spot>(['spots', 'add', '--wait']);
    const b = await sb.runJson<Spot>(['spots', 'add', '--wait']);
    await sb.runJson(['spots', 'remove', b.id, '--wait']);
    const r = await sb.run(['spots', 'remove', a.id, b.id, '--yes', '--wait']);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('waiting for 1 of 2 spots to be removed...\n');
    expect(r.stderr).not.toContain('waiting for 2 spots');
  });

  it('says all when all are waited for', async () => {
    const a = await sb.runJson<Spot>(['spots', 'add', '--wait']);
    const b = await sb.runJson<Spot>(['spots', 'add', '--wait']);
    const r = await sb.run(['spots', 'remove', a.id, b.id, '--yes', '--wait']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('waiting for 2 spots to be removed...\n');
  });
});

describe('spots wait', () => {
  it('shows what it waits for on a terminal', async () => {
    const added = await sb.runJson<Execution>(['spots', 'add']);
    const r = await sb.run(['spots', 'wait', added.resource_id!, '--for', 'active'], { tty: true, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(stripVTControlCharacters(r.stderr)).toContain(`Waiting for spot ${added.resource_id} to be active (it is provisioning)`);
  });

  it('keeps a script\'s stderr quiet', async () => {
    const added = await sb.runJson<Execution>(['spots', 'add']);
    const r = await sb.run(['spots', 'wait', added.resource_id!, '--for', 'active', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});
