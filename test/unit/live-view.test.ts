// The live view of `fas spots watch` drawn on a terminal whose size the test
// changes: a resize clears the screen and draws the frame from its top,
// within the new width; and no field of the server's, whichever column it
// is in, reaches the terminal with a control character.
import { describe, expect, it } from 'vitest';
import type { SpotEvent } from '../../src/api/types.js';
import { testIO, type IO } from '../../src/cli/shared/io.js';
import { Output } from '../../src/cli/output/output.js';
import { LiveView } from '../../src/cli/spots/watch/live.js';
import { Pool } from '../../src/cli/spots/watch/pool.js';
import { aSpot } from '../helpers/spot.js';

const OURS = /\r|\x1b\[\?25[lh]|\x1b\[\d+A|\x1b\[J|\x1b\[H\x1b\[2J/g;

async function terminal(size: { columns: number; rows: number }) {
  const t = testIO({ tty: true, columns: size.columns });
  const io: IO = {
    ...t.io,
    get columns() {
      return size.columns;
    },
    get rows() {
      return size.rows;
    },
  };
  const out = await Output.create(io, { format: 'table', quiet: false, color: false });
  return { io, out, stdout: t.stdout };
}

describe('the live view', () => {
  it('after a resize, clears the screen and draws the frame from the top, within the new width', async () => {
    const size = { columns: 100, rows: 20 };
    const { io, out, stdout } = await terminal(size);
    const pool = new Pool(undefined);
    pool.load([aSpot(1, { hostname: `host-${'x'.repeat(80)}` }), aSpot(2)]);
    const view = new LiveView(out, () => Date.now());
    view.show(pool);
    view.show(pool);
    const before = stdout().length;
    expect(stdout()).not.toContain('\x1b[H\x1b[2J');
    size.columns = 50;
    io.stdout.emit('resize');
    const after = stdout().slice(before);
    expect(after.startsWith('\x1b[H\x1b[2J'), JSON.stringify(after.slice(0, 20))).toBe(true);
    for (const line of after.slice('\x1b[H\x1b[2J'.length).split('\n').slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(49);
    // The next frame, at the same size, goes back up over this one as before.
    view.show(pool);
    expect(stdout().slice(before + after.length)).toMatch(/^\x1b\[\d+A\r\x1b\[J/);
    view.close();
  });

  it('cleans every field: hostname, metro, a change, a message, a hook line', async () => {
    const { out, stdout } = await terminal({ columns: 120, rows: 30 });
    const pool = new Pool(undefined);
    const evil = '\x1b]0;owned\x07\x1b[2J\x9b31m';
    pool.load([aSpot(1, { hostname: `h${evil}`, metro: `sv${evil}` })]);
    const view = new LiveView(out, () => Date.now());
    view.show(pool);
    const e = {
      id: '9',
      type: 'spot.active',
      time: '2026-11-22T10:00:00Z',
      resource_type: 'spot',
      resource_id: aSpot(2).id,
      data: { ...aSpot(2, { hostname: evil, metro: evil }), bid_id: null },
    } as unknown as SpotEvent;
    pool.apply(e);
    view.changed(e);
    view.message(`a message ${evil}`);
    view.error(`an error ${evil}`);
    view.hookOutput(`a hook line ${evil}`, aSpot(1).id);
    view.close();
    expect(stdout().replace(OURS, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(stdout()).toContain(`${aSpot(1).id.slice(0, 8)} | a hook line`);
  });
});
