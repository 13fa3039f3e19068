// What a view is: how one kind of resource is shown as a table, its fields or
// a sentence, column by column. The views themselves are in views/; JSON
// never goes through them.
import type { CellContext } from './format.js';
import type { Exact } from './formats/csv.js';
import { clean, safeJson } from './clean.js';
import type { Style } from './style.js';

/**
 * What a table cell or a field shows: text, text in a colour, or (in the
 * fields of one resource) several lines. Its text is cleaned of control
 * characters before the colour is applied.
 */
export type Cell = string | { text: string; style: keyof Style } | { lines: readonly string[] };

export interface Column<T> {
  /** A stable lowercase name (`id`, `hostname`, ...): what --columns takes and csv's header says. */
  key: string;
  header: string;
  value(row: T, cx: CellContext): Cell;
  /** The value exactly, for csv (a number raw, a time in ISO 8601, an id whole, null for none); else value() as piped. */
  exact?(row: T): Exact;
  /** On a terminal too narrow for the table, this column may be cut short ("…"). */
  shrinkable?: boolean;
  /** Shown by -o wide and csv, and when --columns names it; not in the table otherwise. */
  wide?: boolean;
  /** An id: a table on a terminal shows its first 8 characters, as git and docker do. */
  id?: boolean;
  /**
   * In a stream's rows (printed as they come, under one header, so never
   * measured), the width this column is padded to, or the header's if wider;
   * a wider cell pushes the rest of its row along. The last column is not
   * padded. Default: the header's width.
   */
  streamWidth?: number | ((cx: CellContext) => number);
}

/** How one kind of resource is shown. JSON never goes through it: the API's objects are printed as they are. */
export interface View<T> {
  /** What --quiet prints of a row (its id). Without it, --quiet prints what a person would see. */
  id?(row: T): string;
  /** A list's table; the columns marked `wide` only in wide and csv. */
  columns: readonly Column<T>[];
  /** The fields of one (`fas X get`); the list columns when absent. Each key is one of the columns' keys. */
  detail?: readonly Column<T>[];
  /** One of it as a sentence rather than fields. */
  line?(row: T): string;
}

/** A list's rows: at hand, fetched only when needed, or a page at a time as they come (printed as they come where the format allows). */
export type Rows<T> = readonly T[] | (() => Promise<readonly T[]>) | AsyncIterable<readonly T[]>;

export type Row = Record<string, unknown>;
export type Scalar = string | number | boolean | null;

/** Every page of `rows`, in order. */
export async function* pagesOf<T>(rows: Rows<T>): AsyncGenerator<readonly T[]> {
  if (typeof rows === 'function') yield await rows();
  else if (Symbol.asyncIterator in rows) yield* rows as AsyncIterable<readonly T[]>;
  else yield rows as readonly T[];
}

export async function collect<T>(rows: Rows<T>): Promise<readonly T[]> {
  if (typeof rows === 'function') return rows();
  if (!(Symbol.asyncIterator in rows)) return rows as readonly T[];
  const all: T[] = [];
  for await (const page of rows as AsyncIterable<readonly T[]>) for (const r of page) all.push(r);
  return all;
}

/** How many characters of an id a table on a terminal shows. */
export const SHORT_ID = 8;

/** What `column` shows of `row`; with `short` (a table on a terminal), an id cut to its first 8 characters ("-" left as it is). */
export function cellOf<T>(column: Column<T>, row: T, cx: CellContext, short: boolean): Cell {
  const cell = column.value(row, cx);
  return short && column.id && typeof cell === 'string' && cell.length > SHORT_ID ? cell.slice(0, SHORT_ID) : cell;
}

/** A cell's text, uncoloured, lines joined by commas: what csv has of a column without an exact value. */
function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : 'lines' in cell ? cell.lines.join(', ') : cell.text;
}

/** A row's csv values, a column each: the column's exact value, else its cell's text as piped (times exact). */
export function exactCells<T>(columns: readonly Column<T>[]): (row: T) => Exact[] {
  const cx: CellContext = { tty: false, now: Date.now() };
  return (row) => columns.map((c) => (c.exact ? c.exact(row) : cellText(c.value(row, cx))));
}

/** A cell as the text to print: cleaned, then styled; lines joined with `separator`. */
export function showCell(cell: Cell, style: Style, separator: string): string {
  if (typeof cell === 'string') return clean(cell);
  if ('lines' in cell) return cell.lines.map(clean).join(separator);
  return style[cell.style](clean(cell.text));
}

export function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a raw line: a string as it is (cleaned), other scalars as JSON writes them, null as nothing. */
export function rawText(v: Scalar): string {
  return v === null ? '' : typeof v === 'string' ? clean(v) : safeJson(v, 0);
}

/** A view of plain objects: a column for each key, in the order the keys first appear. */
export function keyView(rows: readonly Row[]): View<Row> {
  return fieldsView([...new Set(rows.flatMap((r) => Object.keys(r)))]);
}

/**
 * A view of an object with these keys, a column each: what `data()` shows
 * of a command's result, for `willShow()` to check --columns against
 * before the command acts.
 */
export function fieldsView(keys: readonly string[]): View<Row> {
  const exact = (v: unknown): Exact => (v === undefined ? null : isScalar(v) ? v : safeJson(v, 0));
  return {
    columns: keys.map((key) => ({
      key,
      header: key.toUpperCase(),
      value: (r: Row) => {
        const v = exact(r[key]);
        return v === null ? '-' : String(v);
      },
      exact: (r: Row) => exact(r[key]),
    })),
  };
}
