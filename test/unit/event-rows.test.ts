// Events as `fas events` and `fas spots watch` print them, through fake
// streams: rows that fit an 80-column terminal, exact rows piped, JSON lines
// with nothing for a terminal to obey, and a watch's line per change.
import { describe, expect, it } from 'vitest';
import type { Event, SpotEvent } from '../../src/api/types.js';
import { testIO } from '../../src/cli/io.js';
import { Output } from '../../src/cli/output/output.js';
import { EventRows } from '../../src/cli/watch/event-rows.js';
import { jsonLine, spotLine } from '../../src/cli/watch/words.js';

const notice: SpotEvent = {
  id: '1042',
  type: 'spot.termination_notice',
  time: '2026-12-01T15:00:00Z',
  resource_type: 'spot',
  resource_id: '1a2b3c4d-0000-4000-8000-000000000001',
  data: {
    state: 'terminating',
    ip: '10.0.0.2',
    hostname: 'spot-sv-a-rather-long-hostname-\x1b[2Jthat-goes-on',
    metro: 'sv',
    plan: 'c3.small',
    bid_id: null,
    spot_instance: true,
    spot_price_max: 0.3,
    termination_time: '2026-12-01T15:02:00Z',
    price: 2,
  },
};

async function rows(tty: boolean, format: 'table' | 'json' = 'table') {
  const t = testIO({ tty, columns: 80 });
  const out = await Output.create(t.io, { format, quiet: false, color: false });
  return { rows: new EventRows(out), stdout: t.stdout };
}

describe('fas events rows', () => {
  it('fit an 80-column terminal: times of day, short ids, the detail cut', async () => {
    const r = await rows(true);
    r.rows.write(notice);
    const lines = r.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe('ID      TIME      TYPE                     RESOURCE  DETAIL');
    expect(lines[1]).toBe('1042    15:00:00  spot.termination_notice  1a2b3c4d  in 120s: market $2.0000/h…');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(79);
  });

  it('piped, are whole and exact, without escapes', async () => {
    const r = await rows(false);
    r.rows.write(notice);
    expect(r.stdout().trimEnd().split('\n')[1]).toBe(
      '1042    2026-12-01T15:00:00Z  spot.termination_notice  1a2b3c4d-0000-4000-8000-000000000001  ' +
        'in 120s: market $2.0000/h above its bid $0.3000/h; at 2026-12-01T15:02:00Z, 10.0.0.2 spot-sv-a-rather-long-hostname-that-goes-on',
    );
  });

  it('with --json, one exact object a line, DEL and C1 escaped', async () => {
    const r = await rows(false, 'json');
    const odd: Event = { ...notice, data: { ...notice.data, hostname: 'a\u009bb\u007f' } };
    r.rows.write(odd);
    r.rows.write(notice);
    const lines = r.stdout().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('a\\u009bb\\u007f');
    expect(JSON.parse(lines[0]!)).toEqual(odd);
    expect(jsonLine(odd)).toBe(lines[0]);
  });
});

describe('a watch line', () => {
  it('says the state, and what the change adds', () => {
    expect(spotLine(notice)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 terminating (termination in 120s)');
    const removed: SpotEvent = { ...notice, type: 'spot.removed', data: { ...notice.data, state: 'removed', termination_time: null, reason: 'revoked' } };
    expect(spotLine(removed)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 removed (revoked)');
    const active: SpotEvent = { ...notice, type: 'spot.active', data: { ...notice.data, state: 'active', termination_time: null } };
    expect(spotLine(active)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 active');
  });
});
