// Streams (`fas events`, a watch's events) through Output, with fake
// streams: each item printed as it comes in every mode, the header once,
// rows in the widths the view declares, ids short and the last column cut
// on a terminal only, and the watch's own line per change.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Event, ExecutionEvent, SpotEvent } from '../../src/api/types.js';
import { UsageError } from '../../src/errors.js';
import type { TestIOOptions } from '../../src/cli/shared/io.js';
import type { OutputOptions } from '../../src/cli/output/output.js';
import type { View } from '../../src/cli/output/view.js';
import { eventView } from '../../src/cli/events/views.js';
import { spotLine } from '../../src/cli/events/words.js';
import { readCsv } from '../helpers/csv.js';
import { output } from '../helpers/output.js';

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

const completed: ExecutionEvent = {
  id: '1043',
  type: 'execution.completed',
  time: '2026-12-01T15:00:01Z',
  resource_type: 'execution',
  resource_id: '9f8e7d6c-0000-4000-8000-000000000002',
  data: { operation: 'spot.remove', status: 'completed', spot_id: notice.resource_id, error: 'a, "quoted"\nerror' },
};

const PIPED_NOTICE =
  '1042    2026-12-01T15:00:00Z  spot.termination_notice  1a2b3c4d-0000-4000-8000-000000000001  ' +
  'in 120s: market $2.0000/h above its bid $0.3000/h; at 2026-12-01T15:02:00Z, 10.0.0.2 spot-sv-a-rather-long-hostname-that-goes-on';

async function streamed(options: Partial<OutputOptions>, io: TestIOOptions, events: readonly Event[], end = true) {
  const { out, stdout, stderr } = await output(options, io);
  const stream = await out.stream(eventView, { empty: 'no events' });
  for (const e of events) await stream.write(e);
  if (end) await stream.end();
  return { stdout: stdout(), stderr: stderr() };
}

const lines = (text: string) => text.trimEnd().split('\n');

describe('a stream of events as rows', () => {
  it('fits an 80-column terminal: one header, times of day, short ids, the last column cut', async () => {
    const { stdout } = await streamed({}, { tty: true, columns: 80 }, [notice, completed, notice]);
    expect(lines(stdout)).toEqual([
      'ID      TIME      TYPE                     RESOURCE  DETAIL',
      '1042    15:00:00  spot.termination_notice  1a2b3c4d  in 120s: market $2.0000/h…',
      '1043    15:00:01  execution.completed      9f8e7d6c  spot.remove of spot 1a2b3…',
      '1042    15:00:00  spot.termination_notice  1a2b3c4d  in 120s: market $2.0000/h…',
    ]);
    for (const line of lines(stdout)) expect(line.length).toBeLessThanOrEqual(79);
  });

  it('piped, is whole and exact, without escapes, and nothing is cut', async () => {
    const { stdout } = await streamed({}, {}, [notice]);
    expect(lines(stdout)).toEqual(['ID      TIME                  TYPE                     RESOURCE                              DETAIL', PIPED_NOTICE]);
  });

  it('-o wide on a terminal: the columns only wide shows, ids whole, nothing cut', async () => {
    const { stdout } = await streamed({ format: 'wide' }, { tty: true, columns: 80 }, [notice]);
    const [header, row] = lines(stdout);
    expect(header).toBe('ID      TIME      TYPE                     RESOURCE_TYPE  RESOURCE                              DETAIL');
    expect(row).toContain(`spot           ${notice.resource_id}  in 120s: market $2.0000/h above its bid $0.3000/h; at 2026-12-01T15:02:00Z, 10.0.0.2 spot-sv-a-rather-long-hostname-that-goes-on`);
    expect(row).not.toContain('…');
  });

  it('--columns chooses and orders them (the detail, not last, cut to its width on a terminal), --no-header drops the header', async () => {
    const { stdout } = await streamed({ columns: ['detail', 'resource_type', 'id'], header: false }, { tty: true, columns: 80 }, [notice, completed]);
    expect(lines(stdout)).toEqual([
      'in 120s: market $2.0000/h above its bid…  spot           1042',
      'spot.remove of spot 1a2b3c4d-0000-4000-…  execution      1043',
    ]);
    const piped = await streamed({ columns: ['detail', 'id'] }, {}, [completed]);
    expect(lines(piped.stdout)).toEqual(['DETAIL                                    ID', `spot.remove of spot ${notice.resource_id}: a, "quoted" error  1043`]);
  });

  it('refuses an unknown column when the stream is made, before any item (exit 2), naming the valid ones', async () => {
    const { out, stdout } = await output({ format: 'csv', columns: ['id', 'kind'] });
    await expect(out.stream(eventView)).rejects.toThrow(
      new UsageError("unknown column 'kind' in --columns: this command's columns are id, time, type, resource_type, resource, detail"),
    );
    expect(stdout()).toBe('');
  });

  it('colours the type after cutting, so a colour code never counts as width', async () => {
    const { stdout } = await streamed({ color: true }, { tty: true, columns: 60 }, [notice]);
    expect(stdout).toContain('\x1b[31mspot.termination_notice\x1b[39m');
    const row = lines(stdout)[1]!.replace(/\x1b\[\d+m/g, '');
    expect(row.length).toBe(59);
    expect(row.endsWith('…')).toBe(true);
  });

  it('says on stderr that there was nothing, in place of an empty table', async () => {
    const { stdout, stderr } = await streamed({}, {}, []);
    expect(stdout).toBe('');
    expect(stderr).toBe('no events\n');
  });
});

describe('a stream in a format for programs', () => {
  it('json and jsonl: one exact compact object a line, DEL and C1 escaped', async () => {
    const odd: Event = { ...notice, data: { ...notice.data, hostname: 'a\u009bb\u007f' } };
    for (const format of ['json', 'jsonl'] as const) {
      const { stdout } = await streamed({ format }, { tty: true }, [odd, completed]);
      const out = stdout.split('\n');
      expect(out).toHaveLength(3);
      expect(out[0]).toContain('a\\u009bb\\u007f');
      expect(out.slice(0, 2).map((l) => JSON.parse(l))).toEqual([odd, completed]);
    }
  });

  it('yaml: each item a document of its own, so that the stream reads as a multi-document YAML', async () => {
    const { stdout } = await streamed({ format: 'yaml' }, {}, [notice, completed]);
    expect(stdout.startsWith('---\n')).toBe(true);
    const docs = parseAllDocuments(stdout);
    expect(Array.isArray(docs) && docs.map((d) => d.toJSON())).toEqual([notice, completed]);
  });

  it('csv: the header once, then a record an item, exact values; the header alone for none; none with --no-header', async () => {
    const { stdout } = await streamed({ format: 'csv' }, { tty: true }, [notice, completed]);
    expect(readCsv(stdout)).toEqual([
      ['id', 'time', 'type', 'resource_type', 'resource', 'detail'],
      ['1042', notice.time, notice.type, 'spot', notice.resource_id, PIPED_NOTICE.slice(PIPED_NOTICE.indexOf('in 120s'))],
      // csv keeps a value's line breaks; a row shows them as spaces.
      ['1043', completed.time, completed.type, 'execution', completed.resource_id, `spot.remove of spot ${notice.resource_id}: a, "quoted"\nerror`],
    ]);
    expect((await streamed({ format: 'csv' }, {}, [])).stdout).toBe('id,time,type,resource_type,resource,detail\n');
    const bare = await streamed({ format: 'csv', header: false, columns: ['type', 'id'] }, {}, [notice, completed]);
    expect(bare.stdout).toBe('spot.termination_notice,1042\nexecution.completed,1043\n');
  });

  it('-q: each id', async () => {
    expect((await streamed({ quiet: true }, { tty: true }, [notice, completed])).stdout).toBe('1042\n1043\n');
  });

  it('--query: each item\'s result, a value raw on its line (null an empty one), else compact JSON', async () => {
    expect((await streamed({ query: 'type' }, {}, [notice, completed])).stdout).toBe('spot.termination_notice\nexecution.completed\n');
    expect((await streamed({ query: 'data.ip' }, {}, [notice, completed])).stdout).toBe('10.0.0.2\n\n');
    expect((await streamed({ query: '{id: id, t: type}' }, {}, [notice])).stdout).toBe('{"id":"1042","t":"spot.termination_notice"}\n');
    expect((await streamed({ query: 'type', format: 'json' }, {}, [notice])).stdout).toBe('"spot.termination_notice"\n');
    expect(parseAllDocuments((await streamed({ query: '{id: id}', format: 'yaml' }, {}, [notice, completed])).stdout).map((d) => d.toJSON())).toEqual([
      { id: '1042' },
      { id: '1043' },
    ]);
    const csv = (await streamed({ query: '[id, data.error]', format: 'csv' }, {}, [completed, notice])).stdout;
    expect(readCsv(csv)).toEqual([['1043', 'a, "quoted"\nerror'], ['1042', '']]);
  });

  it('--query that fails on an item: the write rejects with a usage error', async () => {
    const { out, stdout } = await output({ query: 'abs(type)' });
    const stream = await out.stream(eventView);
    const failed = stream.write(notice);
    await expect(failed).rejects.toThrow(UsageError);
    await expect(failed).rejects.toThrow("--query 'abs(type)' failed: Invalid type: abs() expected argument 1 to be type (number) but received type string instead.");
    expect(stdout()).toBe('');
  });

  it('--query with --columns or --no-header: those are ignored, with a warning, since the results are not rows', async () => {
    const { stdout, stderr } = await streamed({ query: 'id', columns: ['type'], header: false }, {}, [notice]);
    expect(stdout).toBe('1042\n');
    expect(stderr).toBe('Warning: --columns and --no-header shape the rows of a stream, not what --query makes of each item\n');
  });
});

describe('a view streamed', () => {
  type Row = { name: string; note: string };
  const view: View<Row> = {
    columns: [
      { key: 'name', header: 'NAME', value: (r) => r.name, streamWidth: 6 },
      { key: 'id', header: 'ID', value: (r) => `${r.name}-0123456789`, id: true, streamWidth: 15 },
      { key: 'note', header: 'NOTE', value: (r) => r.note },
    ],
  };
  const rows: Row[] = [
    { name: 'a', note: 'x'.repeat(100) },
    { name: 'longer-than-six', note: 'short' },
  ];
  async function show(io: TestIOOptions, format: OutputOptions['format'] = 'table') {
    const { out, stdout } = await output({ format }, io);
    const stream = await out.stream(view);
    for (const r of rows) await stream.write(r);
    return lines(stdout());
  }

  it('pads each column to its declared width, lets a wider cell push the rest along, and never pads the last', async () => {
    expect(await show({})).toEqual([
      'NAME    ID               NOTE',
      `a       a-0123456789     ${'x'.repeat(100)}`,
      'longer-than-six  longer-than-six-0123456789  short',
    ]);
  });

  it('on a terminal, cuts ids to 8 (their column too) and the last column to the width; in wide, neither', async () => {
    expect(await show({ tty: true, columns: 40 })).toEqual(['NAME    ID        NOTE', `a       a-012345  ${'x'.repeat(20)}…`, 'longer-than-six  longer-t  short']);
    expect((await show({ tty: true, columns: 40 }, 'wide'))[1]).toBe(`a       a-0123456789     ${'x'.repeat(100)}`);
  });
});

describe('a watch', () => {
  it('shows itself (live, or a line a change) only in the default table; --columns is then ignored, with a warning', async () => {
    const { out, stderr } = await output({ columns: ['id'] });
    expect(out.ownView("a watch's lines")).toBe(true);
    expect(stderr()).toBe("Warning: --columns and --no-header do not shape a watch's lines\n");
    for (const options of [{ format: 'wide' }, { format: 'csv' }, { format: 'json' }, { quiet: true }, { query: 'id' }] as const) {
      const { out: other } = await output(options);
      expect(other.ownView('it'), JSON.stringify(options)).toBe(false);
    }
  });

  it('says the state in a line, and what the change adds', () => {
    expect(spotLine(notice)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 terminating (termination in 120s)');
    const removed: SpotEvent = { ...notice, type: 'spot.removed', data: { ...notice.data, state: 'removed', termination_time: null, reason: 'revoked' } };
    expect(spotLine(removed)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 removed (revoked)');
    const active: SpotEvent = { ...notice, type: 'spot.active', data: { ...notice.data, state: 'active', termination_time: null } };
    expect(spotLine(active)).toBe('2026-12-01T15:00:00Z spot 1a2b3c4d-0000-4000-8000-000000000001 active');
    // A terminal's live view: the time of day, the id short.
    expect(spotLine(notice, { short: true })).toBe('15:00:00 spot 1a2b3c4d terminating (termination in 120s)');
  });
});
