// Everything `fas` writes goes through here. Data goes to stdout: the API's
// objects exactly as JSON, ids with --quiet, or a table for people. Messages,
// warnings and errors go to stderr. Colour only on a terminal that wants it.
// Text from the server (and from anywhere else) is shown without its control
// characters: a hostname or an error message must not be able to clear the
// screen, retitle the window or rewrite a line. Our own colour is applied
// after that, so it is the only escape code that reaches a terminal.
import type { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { ServerError } from '../errors.js';
import type { OutputFormat } from './settings.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const plain: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };
function id(s: string): string {
  return s;
}

/** How a cell is rendered: relative times on a terminal, exact values elsewhere. */
export interface CellContext {
  tty: boolean;
  now: number;
}

/**
 * What a table cell or a field shows: text, text in a colour, or (in the
 * fields of one resource) several lines. Its text is cleaned of control
 * characters before the colour is applied.
 */
export type Cell = string | { text: string; style: keyof Style } | { lines: readonly string[] };

export interface Column<T> {
  header: string;
  value(row: T, cx: CellContext): Cell;
  /** On a terminal too narrow for the table, this column may be cut short ("…"). */
  shrinkable?: boolean;
}

export interface View<T> {
  id(row: T): string;
  columns: readonly Column<T>[];
  /** Rows of `fas X get`; the list columns when absent. */
  detail?: readonly Column<T>[];
}

export interface OutputOptions {
  format: OutputFormat;
  quiet: boolean;
  color: boolean;
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable & { isTTY?: boolean };
}

export class Output {
  readonly format: OutputFormat;
  readonly quiet: boolean;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  /** Styles for stdout and stderr, each coloured only when that stream is a terminal. */
  readonly style: Style;
  readonly errStyle: Style;

  private constructor(options: OutputOptions, style: Style, errStyle: Style) {
    this.format = options.format;
    this.quiet = options.quiet;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    this.style = style;
    this.errStyle = errStyle;
  }

  static async create(options: OutputOptions): Promise<Output> {
    const stdout = options.stdout ?? process.stdout;
    const stderr = options.stderr ?? process.stderr;
    const outColor = options.color && stdout.isTTY === true;
    const errColor = options.color && stderr.isTTY === true;
    const { Chalk } = outColor || errColor ? await import('chalk') : { Chalk: undefined };
    const styleFor = (on: boolean): Style => (on && Chalk ? new Chalk({ level: 1 }) : plain);
    return new Output({ ...options, stdout, stderr }, styleFor(outColor), styleFor(errColor));
  }

  /** Output for the error handler, before the settings are known. */
  static fallback(): Output {
    return new Output({ format: 'table', quiet: false, color: false }, plain, plain);
  }

  get isTTY(): boolean {
    return this.stdout.isTTY === true;
  }

  get stderrIsTTY(): boolean {
    return this.stderr.isTTY === true;
  }

  /** A list: a JSON array, ids, or a table. */
  async list<T>(view: View<T>, rows: readonly T[]): Promise<void> {
    if (this.format === 'json') return this.json(rows);
    if (this.quiet) return this.lines(rows.map((r) => view.id(r)));
    if (rows.length === 0) {
      this.info('nothing to show');
      return;
    }
    const cx = this.cellContext();
    await this.table(
      view.columns.map((c) => c.header),
      rows.map((r) => view.columns.map((c) => c.value(r, cx))),
      view.columns.map((c) => c.shrinkable === true),
    );
  }

  /** One resource: the JSON object, its id, or a two-column table of its fields. */
  async item<T>(view: View<T>, row: T): Promise<void> {
    // A proxy or a wrong API URL can answer 200 with null, a list or nothing at all.
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new ServerError('the server answered without the object that was asked for', undefined, {
        hint: 'check the API URL: --api-url, FAS_API_URL, or fas config get api_url',
      });
    }
    if (this.format === 'json') return this.json(row);
    if (this.quiet) return this.lines([view.id(row)]);
    const cx = this.cellContext();
    const columns = view.detail ?? view.columns;
    const width = Math.max(...columns.map((c) => c.header.length));
    const field = (value: Cell) => showCell(value, this.style, `\n${' '.repeat(width + 2)}`);
    this.write(columns.map((c) => `${this.style.bold(c.header.padEnd(width))}  ${field(c.value(row, cx))}\n`).join(''));
  }

  /** Any other data: `value` as JSON, or the text a person reads (its lines cleaned). */
  async data(value: unknown, text: () => string | Promise<string>): Promise<void> {
    if (this.format === 'json') return this.json(value);
    const s = await text();
    if (s) this.write(`${s.replace(/\n$/, '').split('\n').map(clean).join('\n')}\n`);
  }

  /**
   * The value exactly. JSON escapes every C0 control character in strings;
   * DEL and the C1 controls (U+0080 to U+009F, which some terminals obey as
   * escapes) are escaped here too: the same JSON value, nothing for a
   * terminal to act on.
   */
  json(value: unknown): void {
    this.write(`${JSON.stringify(value, null, 2).replace(DEL_AND_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
  }

  /** One value a line (ids, mostly), each cleaned. */
  lines(values: readonly string[]): void {
    this.write(values.map((v) => `${clean(v)}\n`).join(''));
  }

  /** A table; on a terminal, `shrinkable` columns are cut to keep lines from wrapping. */
  async table(headers: readonly string[], rows: readonly (readonly Cell[])[], shrinkable?: readonly boolean[]): Promise<void> {
    const columns = (this.stdout as { columns?: number }).columns;
    const fit = this.isTTY && shrinkable && columns ? { width: columns, shrinkable } : undefined;
    const shown = rows.map((row) => row.map((cell) => showCell(cell, this.style, ', ')));
    this.write(await renderTable(headers.map(clean), shown, this.style, fit));
  }

  /** A message for people, on stderr; --quiet silences it. */
  info(message: string): void {
    if (!this.quiet) this.stderr.write(`${clean(message)}\n`);
  }

  warn(message: string): void {
    this.stderr.write(`${this.errStyle.yellow('Warning:')} ${clean(message)}\n`);
  }

  error(message: string, hint?: string): void {
    this.stderr.write(`${this.errStyle.red('Error:')} ${clean(message)}\n`);
    if (hint) this.stderr.write(`${this.errStyle.dim(`Hint: ${clean(hint)}`)}\n`);
  }

  /** Diagnostics for --debug (traces, stacks), on stderr, each line cleaned. */
  debug(text: string): void {
    this.stderr.write(`${this.errStyle.dim(text.replace(/\n$/, '').split('\n').map(clean).join('\n'))}\n`);
  }

  /** Text that is already safe to show: our own, or cleaned. */
  write(text: string): void {
    this.stdout.write(text);
  }

  cellContext(): CellContext {
    return { tty: this.isTTY, now: Date.now() };
  }
}

// Whole escape sequences go first (so that no "]0;title" is left of a
// retitling), then every control character left: C0, DEL and C1. Line breaks
// and tabs become spaces: a field is one line, and a message too.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
const BREAKS = /[\t\n\v\f\r]+/g;
const DEL_AND_C1 = /[\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `text` without escape sequences or control characters, as a terminal would show it harmlessly. */
export function clean(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return stripVTControlCharacters(text).replace(BREAKS, ' ').replace(CONTROL, '');
}

/** A cell as the text to print: cleaned, then styled; lines joined with `separator`. */
function showCell(cell: Cell, style: Style, separator: string): string {
  if (typeof cell === 'string') return clean(cell);
  if ('lines' in cell) return cell.lines.map(clean).join(separator);
  return style[cell.style](clean(cell.text));
}

/** Fitting a table to a terminal: the columns whose cells may be cut short with "…". */
export interface Fit {
  width: number;
  shrinkable: readonly boolean[];
}

/** No column is cut below this many characters, "…" included. */
const MIN_CUT_WIDTH = 8;

/**
 * Columns padded to their widest cell and two spaces apart, without borders
 * (like kubectl and doctl): easy to read, to cut and to grep, and linear in
 * the rows, so `spots list --all` over 10,000 spots prints in milliseconds.
 * With `fit` (a terminal), shrinkable columns are cut so lines do not wrap;
 * piped output is never cut.
 */
export async function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  style: Style,
  fit?: Fit,
): Promise<string> {
  let all = [headers, ...rows];
  const measure = await screenWidths(all);
  let cellWidths = measure.widths;
  const widths = headers.map((_, i) => {
    let w = 0;
    for (const row of cellWidths) w = Math.max(w, row[i] ?? 0);
    return w;
  });
  if (fit) {
    const limits = fitWidths(widths, headers, fit);
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
      .map((cell) => (r === 0 ? style.bold(cell) : cell))
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
 * The width each cell takes on screen: its length once colour codes are
 * gone when that leaves plain ASCII, else what string-width says (wide and
 * combining characters). string-width loads only when some cell needs it.
 */
async function screenWidths(rows: readonly (readonly string[])[]): Promise<{ widths: number[][]; width: (s: string) => number }> {
  const visible = rows.map((row) => row.map((cell) => stripVTControlCharacters(cell)));
  const special = visible.some((row) => row.some((cell) => !PLAIN.test(cell)));
  const stringWidth = special ? (await import('string-width')).default : undefined;
  const width = (cell: string) => (stringWidth && !PLAIN.test(cell) ? stringWidth(cell) : cell.length);
  return { widths: visible.map((row) => row.map(width)), width };
}

/** "in 1m 40s" / "3m ago" on a terminal; the exact ISO time elsewhere. */
export function when(iso: string | null | undefined, cx: CellContext): string {
  if (!iso) return '-';
  if (!cx.tty) return iso;
  const ms = Date.parse(iso) - cx.now;
  if (!Number.isFinite(ms)) return iso;
  const span = humanSpan(Math.abs(ms));
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

export function humanSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export function money(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  return `$${n.toFixed(n < 1 ? 4 : 2)}`;
}
