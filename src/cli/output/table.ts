// Tables for people: columns padded to their widest cell, two spaces apart,
// without borders (like kubectl and doctl): easy to read, to cut and to grep.
import { stripVTControlCharacters } from 'node:util';
import type { Style } from './style.js';

/** Fitting a table to a terminal: the columns whose cells may be cut short with "…". */
export interface Fit {
  width: number;
  shrinkable: readonly boolean[];
}

/** No column is cut below this many characters, "…" included. */
const MIN_CUT_WIDTH = 8;

/**
 * The table, linear in the rows, so `spots list --all` over 10,000 spots
 * prints in milliseconds. Cells are printed as given (already cleaned and
 * styled); headers in bold. With `fit` (a terminal), shrinkable columns are
 * cut so lines do not wrap; piped output is never cut.
 */
export async function renderTable(
  headers: readonly string[] | null,
  rows: readonly (readonly string[])[],
  style: Style,
  fit?: Fit,
): Promise<string> {
  // Without a header row (--no-header), the first row is data, not bold.
  const bold = headers !== null;
  const names = headers ?? (rows[0] ?? []).map(() => '');
  let all = bold ? [names, ...rows] : [...rows];
  if (all.length === 0) return '';
  const measure = await screenWidths(all);
  let cellWidths = measure.widths;
  const widths = names.map((_, i) => {
    let w = 0;
    for (const row of cellWidths) w = Math.max(w, row[i] ?? 0);
    return w;
  });
  if (fit) {
    const limits = fitWidths(widths, names, fit);
    if (limits.some((w, i) => w < widths[i]!)) {
      const cells = all.map((row, r) =>
        row.map((cell, i) => {
          const w = cellWidths[r]![i]!;
          return w > limits[i]! ? cut(cell, limits[i]!, measure.width) : { text: cell, width: w };
        }),
      );
      all = cells.map((row) => row.map((c) => c.text));
      cellWidths = cells.map((row) => row.map((c) => c.width));
      limits.forEach((w, i) => (widths[i] = Math.min(widths[i]!, w)));
    }
  }
  const line = (row: readonly string[], r: number) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - cellWidths[r]![i]!)))
      // One argument only: chalk's styles join every argument they are given.
      .map((cell) => (bold && r === 0 ? style.bold(cell) : cell))
      .join('  ')
      .trimEnd();
  return `${all.map(line).join('\n')}\n`;
}

/**
 * Column widths that fit `fit.width`: the last shrinkable column is cut
 * first, as far as it goes, then the one before it (the columns a person
 * reads first come first).
 */
function fitWidths(widths: readonly number[], headers: readonly string[], fit: Fit): number[] {
  const out = [...widths];
  let excess = out.reduce((a, b) => a + b, 0) + 2 * (out.length - 1) - fit.width;
  for (let i = out.length - 1; i >= 0 && excess > 0; i--) {
    if (!fit.shrinkable[i]) continue;
    const take = Math.min(excess, Math.max(0, out[i]! - Math.max(MIN_CUT_WIDTH, headers[i]!.length)));
    out[i]! -= take;
    excess -= take;
  }
  return out;
}

/** The cell cut to at most `width` columns on screen, ending in "…"; its colour goes with the cut. */
function cut(cell: string, width: number, widthOf: (s: string) => number): { text: string; width: number } {
  const visible = stripVTControlCharacters(cell);
  let out = '';
  let used = 0;
  for (const ch of visible) {
    const w = widthOf(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return { text: `${out}…`, width: used + 1 };
}

const PLAIN = /^[\x20-\x7e]*$/;

/**
 * How wide a text (without colour codes) is on screen: its length when it
 * is plain ASCII, else what string-width says (wide and combining
 * characters). string-width loads only when `special`: some text needs it.
 */
async function measurer(special: boolean): Promise<(text: string) => number> {
  const stringWidth = special ? (await import('string-width')).default : undefined;
  return (text) => (stringWidth && !PLAIN.test(text) ? stringWidth(text) : text.length);
}

/** The width each cell takes on screen, once colour codes are gone. */
async function screenWidths(rows: readonly (readonly string[])[]): Promise<{ widths: number[][]; width: (s: string) => number }> {
  const visible = rows.map((row) => row.map((cell) => stripVTControlCharacters(cell)));
  const width = await measurer(visible.some((row) => row.some((cell) => !PLAIN.test(cell))));
  return { widths: visible.map((row) => row.map(width)), width };
}

/** A cell of a stream's row: its text, already cleaned, and the style to print it in. */
export interface StreamCell {
  text: string;
  style?: keyof Style;
}

/**
 * One row of a stream, whose rows are printed as they come and so cannot be
 * measured together: each cell but the last padded to its column's width (a
 * wider cell pushes the rest along). With `fit` (a terminal), a shrinkable
 * column that is not the last is cut with "…" to its width, and the last to
 * what is left of the terminal's, so that the line stays within it. The
 * style is applied after: a colour code never counts as width.
 */
export async function streamRow(cells: readonly StreamCell[], widths: readonly number[], style: Style, fit?: Fit): Promise<string> {
  const width = await measurer(cells.some((c) => !PLAIN.test(c.text)));
  let used = 0;
  const shown = cells.map((cell, i) => {
    const last = i === cells.length - 1;
    let text = cell.text;
    let w = width(text);
    // The line never reaches the terminal's last column, where a terminal may wrap.
    const room = !fit ? Infinity : last ? Math.max(1, fit.width - 1 - used) : fit.shrinkable[i] ? widths[i]! : Infinity;
    if (w > room) ({ text, width: w } = cut(text, room, width));
    const padding = last ? '' : ' '.repeat(Math.max(0, widths[i]! - w));
    used += w + padding.length + 2;
    return (cell.style ? style[cell.style](text) : text) + padding;
  });
  return `${shown.join('  ').trimEnd()}\n`;
}
