import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Style } from '../../src/cli/output/style.js';
import { renderTable } from '../../src/cli/output/table.js';

const id = (s: string) => s;
const plain: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };
// The styles a terminal gets: chalk's, which join every argument they are given.
const ansi: Style = new Chalk({ level: 1 });

/** Where each column starts on screen, per line. */
function starts(text: string): number[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => [...stripVTControlCharacters(line).matchAll(/(?<=^| {2})\S/gu)].map((m) => columnOf(stripVTControlCharacters(line), m.index!)));
}

// Wide characters take two columns on screen.
function columnOf(line: string, index: number): number {
  let col = 0;
  for (const ch of line.slice(0, index)) col += /\p{Script=Han}/u.test(ch) ? 2 : 1;
  return col;
}

describe('renderTable', () => {
  it('pads each column to its widest cell, two spaces apart, with no trailing blanks', async () => {
    const text = await renderTable(['ID', 'STATE', 'PRICE'], [['a1', 'active', '$0.30'], ['b', 'provisioning', '$1.20']], plain);
    expect(text).toBe('ID  STATE         PRICE\na1  active        $0.30\nb   provisioning  $1.20\n');
  });

  it('lines columns up on screen through colour codes and wide characters', async () => {
    const text = await renderTable(
      ['HOSTNAME', 'STATE', 'IP'],
      [
        ['机器-1', ansi.green('active'), '10.0.0.1'],
        ['spot-sv-1', 'terminating', '10.0.0.2'],
      ],
      ansi,
    );
    const columns = starts(text);
    expect(columns).toEqual([columns[0], columns[0], columns[0]]);
    expect(columns[0]).toEqual([0, 11, 24]);
    expect(text.startsWith('\x1b[1m')).toBe(true);
    expect(stripVTControlCharacters(text.split('\n')[0]!)).toBe('HOSTNAME   STATE        IP');
  });

  it('renders every one of 10,000 rows', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`id-${i}`, 'active', `10.0.${i >> 8}.${i & 255}`]);
    const text = await renderTable(['ID', 'STATE', 'IP'], rows, plain);
    expect(text.split('\n')).toHaveLength(10_002);
    expect(text.split('\n')[10_000]).toBe('id-9999  active  10.0.39.15');
  });

  describe('fitted to a terminal', () => {
    const headers = ['ID', 'HOSTNAME', 'BID'];
    const rows = [['a1b2c3d4', 'spot-sv-0123456789', '479d36b4-5d05-44d7-8424-ed838c5743a9']];
    const shrinkable = [false, true, true];
    const width = (text: string) => Math.max(...text.trimEnd().split('\n').map((l) => l.length));

    it('leaves a table that fits as it is', async () => {
      const fitted = await renderTable(headers, rows, plain, { width: 200, shrinkable });
      expect(fitted).toBe(await renderTable(headers, rows, plain));
    });

    it('cuts the last shrinkable column first, with an ellipsis, to the terminal width', async () => {
      const text = await renderTable(headers, rows, plain, { width: 60, shrinkable });
      expect(width(text)).toBe(60);
      expect(text).toContain('spot-sv-0123456789'); // the column before it is left whole
      expect(text.split('\n')[1]).toMatch(/ 479d36b4-5d05-44d7-8424-ed838…$/);
      const narrow = await renderTable(headers, rows, plain, { width: 40, shrinkable });
      expect(narrow.split('\n')[1]).toBe('a1b2c3d4  spot-sv-0123456789  479d36b4-…');
    });

    it('never cuts below 8 characters nor touches a column that must stay whole', async () => {
      const text = await renderTable(headers, rows, plain, { width: 10, shrinkable });
      expect(text.split('\n')[1]).toBe('a1b2c3d4  spot-sv…  479d36b…');
    });

    it('cuts wide characters by their width on screen, colour and all', async () => {
      const text = await renderTable(['HOSTNAME', 'IP'], [[ansi.green('机器机器机器机器机器'), '10.0.0.1']], ansi, {
        width: 20,
        shrinkable: [true, false],
      });
      const line = stripVTControlCharacters(text.split('\n')[1]!);
      expect(line).toBe('机器机器…   10.0.0.1'); // 9 columns: a tenth would split a character
    });
  });
});
