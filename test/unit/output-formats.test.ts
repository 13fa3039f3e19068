// The formats of -o and the options that shape them, through fake streams:
// csv's quoting, the column chooser, yaml and jsonl exactly, --query's
// results, --no-header.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../src/errors.js';
import type { TestIOOptions } from '../../src/cli/shared/io.js';
import { chooseColumns } from '../../src/cli/output/columns.js';
import { csvField, csvRecord } from '../../src/cli/output/formats/csv.js';
import type { OutputOptions } from '../../src/cli/output/output.js';
import type { Column } from '../../src/cli/output/view.js';
import { executionView } from '../../src/cli/executions/views.js';
import { spotView } from '../../src/cli/spots/views.js';
import { output } from '../helpers/output.js';
import { aSpot } from '../helpers/spot.js';

const spot = aSpot;

/** A list given a page at a time, as the client yields it. */
async function* pages<T>(...all: T[][]): AsyncGenerator<T[]> {
  for (const page of all) yield page;
}

describe('csv fields (RFC 4180)', () => {
  it.each<[string | number | boolean | null, string]>([
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    [0.2384, '0.2384'],
    [true, 'true'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    // A CR alone would take a terminal back over the line.
    ['over\rwritten', 'overwritten'],
    [' spaced ', ' spaced '],
    // An escape sequence would drive a terminal; the line break stays, quoted.
    ['\x1b[31mred\x1b[0m\nnext', '"red\nnext"'],
  ])('%j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('a record: fields joined by commas, ended by LF', () => {
    expect(csvRecord(['a', 'b,c', null, 3])).toBe('a,"b,c",,3\n');
  });
});

describe('the column chooser', () => {
  const columns: Column<unknown>[] = [
    { key: 'id', header: 'ID', value: () => '' },
    { key: 'ip', header: 'IP', value: () => '' },
    { key: 'tags', header: 'TAGS', value: () => '', wide: true },
  ];
  const keys = (chosen: Column<unknown>[]) => chosen.map((c) => c.key);

  it('gives the table the columns not only for wide, and wide all of them', () => {
    expect(keys(chooseColumns(columns, undefined, false))).toEqual(['id', 'ip']);
    expect(keys(chooseColumns(columns, undefined, true))).toEqual(['id', 'ip', 'tags']);
  });

  it('takes --columns in its order, wide ones included, in any letter case', () => {
    expect(keys(chooseColumns(columns, ['tags', 'ID'], false))).toEqual(['tags', 'id']);
  });

  it('refuses an unknown name, listing the valid ones', () => {
    expect(() => chooseColumns(columns, ['id', 'ipv6'], false)).toThrow(
      new UsageError("unknown column 'ipv6' in --columns: this command's columns are id, ip, tags"),
    );
  });
});

describe('-o csv', () => {
  it('prints the header row (keys) and exact values: raw numbers, ISO times, whole ids, nothing for none', async () => {
    const { out, stdout } = await output({ format: 'csv' }, { tty: true });
    const noted = spot(2, { bid_id: '479d36b4-5d05-44d7-8424-ed838c5743a9', termination_time: '2026-11-22T10:02:00Z', tags: ['web', 'db'], description: 'a, "quoted"\nnote' });
    await out.list(spotView, pages([spot(1)], [noted]));
    expect(stdout()).toBe(
      'id,hostname,ip,state,metro,plan,price,type,bid,terminates,max_bid,locked,tags,created,description\n' +
        '5f0e7c1a-0000-4000-8000-000000000001,spot-sv-1,10.0.0.1,active,sv,c3.small,0.2384,spot,,,0.5,false,,2026-11-22T10:00:00Z,\n' +
        '5f0e7c1a-0000-4000-8000-000000000002,spot-sv-2,10.0.0.2,active,sv,c3.small,0.2384,spot,479d36b4-5d05-44d7-8424-ed838c5743a9,2026-11-22T10:02:00Z,0.5,false,"web, db",2026-11-22T10:00:00Z,"a, ""quoted""\nnote"\n',
    );
  });

  it('--columns chooses and orders them; --no-header drops the header row', async () => {
    const { out, stdout } = await output({ format: 'csv', columns: ['ip', 'id'], header: false });
    await out.list(spotView, [spot(1)]);
    expect(stdout()).toBe('10.0.0.1,5f0e7c1a-0000-4000-8000-000000000001\n');
  });

  it('writes each page as it comes, before the next is fetched', async () => {
    const { out, stdout } = await output({ format: 'csv' });
    const seen: string[] = [];
    async function* slow() {
      yield [spot(1)];
      seen.push(stdout());
      yield [spot(2)];
    }
    await out.list(spotView, slow());
    expect(seen[0]).toContain('spot-sv-1');
    expect(seen[0]).not.toContain('spot-sv-2');
  });
});

describe('--no-header', () => {
  it('drops the header row of a table, and the footer under it', async () => {
    const { out, stdout } = await output({ header: false });
    await out.list(spotView, [spot(1)], { footer: 'a footer' });
    expect(stdout()).toBe('5f0e7c1a-0000-4000-8000-000000000001  spot-sv-1  10.0.0.1  active  sv  c3.small  $0.2384  -\n');
  });
});

describe('-o jsonl', () => {
  it('prints one compact object a line, a page at a time, and one line for one resource', async () => {
    const { out, stdout } = await output({ format: 'jsonl' });
    await out.list(spotView, pages([spot(1), spot(2)], [spot(3)]));
    await out.item(spotView, spot(4, { description: 'a\u009bb' }));
    const lines = stdout().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([spot(1), spot(2), spot(3), spot(4, { description: 'a\u009bb' })]);
    expect(lines[3]).toContain('"a\\u009bb"');
  });

  it('prints the answer a derived list came from as one line', async () => {
    const { out, stdout } = await output({ format: 'jsonl' });
    const answer = { spot_market_prices: { sv: { 'c3.small': { price: 0.1 } } } };
    await out.list(spotView, [], { json: answer });
    expect(stdout()).toBe(`${JSON.stringify(answer)}\n`);
  });
});

describe('-o yaml', () => {
  it('a list is a sequence, one resource a mapping, the same values as JSON', async () => {
    const { out, stdout } = await output({ format: 'yaml' });
    await out.list(spotView, [spot(1), spot(2)]);
    expect(parseYaml(stdout())).toEqual([spot(1), spot(2)]);

    const one = await output({ format: 'yaml' });
    const tricky = spot(3, { description: 'true', tags: ['0.5', 'null', '- x', 'a: b'], hostname: '2026' });
    await one.out.item(spotView, tricky);
    expect(parseYaml(one.stdout())).toEqual(tricky);
  });

  it('escapes every control character, DEL and C1 included, and keeps the value', async () => {
    const { out, stdout } = await output({ format: 'yaml' });
    const hostile = spot(1, { description: '\x1b[2Ja\u009b31mb\u007fc\u0085' });
    await out.item(spotView, hostile);
    expect(stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(parseYaml(stdout())).toEqual(hostile);

    // C0 alone: the library's own escapes.
    const c0 = await output({ format: 'yaml' });
    const ansi = spot(2, { description: '\x1b[2Jcleared\x07' });
    await c0.out.item(spotView, ansi);
    expect(c0.stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(parseYaml(c0.stdout())).toEqual(ansi);
  });
});

describe('--query', () => {
  const run = async (query: string, options: Partial<OutputOptions> = {}, io: TestIOOptions = {}) => {
    const { out, stdout } = await output({ query, ...options }, io);
    await out.list(spotView, [spot(1), spot(2, { bid_id: 'b-1' })]);
    return stdout();
  };

  it('prints a list of strings one a line, raw, and other scalars as JSON writes them, null as an empty line', async () => {
    expect(await run('[].ip')).toBe('10.0.0.1\n10.0.0.2\n');
    expect(await run('[0].price')).toBe('0.2384\n');
    expect(await run('[0].locked')).toBe('false\n');
    expect(await run('[0].bid_id')).toBe('\n');
    expect(await run('length(@)')).toBe('2\n');
  });

  it('prints a list of objects as a table whose columns are their keys, on a terminal its width and colour', async () => {
    expect(await run('[].{id: id, ip: ip, bid: bid_id}')).toBe(
      'ID                                    IP        BID\n5f0e7c1a-0000-4000-8000-000000000001  10.0.0.1  -\n5f0e7c1a-0000-4000-8000-000000000002  10.0.0.2  b-1\n',
    );
    expect(await run('[].{id: id, ip: ip}', { format: 'csv', columns: ['ip'] })).toBe('ip\n10.0.0.1\n10.0.0.2\n');
  });

  it('prints anything else as JSON, and in json, jsonl or yaml as asked', async () => {
    expect(JSON.parse(await run('[0].{id: id, tags: tags}'))).toEqual({ id: spot(1).id, tags: [] });
    expect(JSON.parse(await run('[].ip', { format: 'json' }))).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(await run('[].ip', { format: 'jsonl' })).toBe('"10.0.0.1"\n"10.0.0.2"\n');
    expect(parseYaml(await run('[].{ip: ip}', { format: 'yaml' }))).toEqual([{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }]);
  });

  it('beats --quiet', async () => {
    expect(await run('[].ip', { quiet: true })).toBe('10.0.0.1\n10.0.0.2\n');
  });

  it('refuses a bad expression before anything runs, in one line', async () => {
    await expect(output({ query: '[].ip[' })).rejects.toThrow(new UsageError("invalid --query '[].ip[': Syntax error: expected Star, got: EOF"));
  });

  it('reports an expression that fails on the data as a usage error', async () => {
    const { out } = await output({ query: 'abs(@)' });
    await expect(out.list(spotView, [spot(1)])).rejects.toThrow(UsageError);
  });
});

describe('--columns', () => {
  it('chooses the fields of one resource, in order, from its detail', async () => {
    const { out, stdout } = await output({ columns: ['ip', 'type'] });
    await out.item(spotView, spot(1));
    expect(stdout()).toBe('IP    10.0.0.1\nType  spot\n');
  });

  it('is checked before a command acts: willShow throws for a name the view lacks', async () => {
    const { out } = await output({ columns: ['hostname'] });
    expect(() => out.willShow(spotView)).not.toThrow();
    expect(() => out.willShow(executionView)).toThrow(/unknown column 'hostname' in --columns: this command's columns are id, operation, status/);
  });

  it('warns when the format has no columns', async () => {
    const { stderr } = await output({ format: 'json', columns: ['id'] });
    expect(stderr()).toBe('Warning: --columns and --no-header shape table, wide and csv output, not json\n');
  });
});
