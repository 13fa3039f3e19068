// Everything fas writes goes through here. Data goes to stdout through a view
// (views.ts): the API's objects exactly as JSON, ids with --quiet, or a table
// for people; which of them is decided in one place, `mode`. Messages,
// warnings and errors go to stderr. Every text is cleaned of control
// characters (clean.ts) before our own colour is applied.
import { ServerError } from '../../errors.js';
import type { IO } from '../io.js';
import type { OutputFormat } from '../settings.js';
import { clean, cleanLines, safeJson } from './clean.js';
import type { CellContext } from './format.js';
import { plain, streamStyles, type Style } from './style.js';
import { renderTable } from './table.js';

/**
 * What a table cell or a field shows: text, text in a colour, or (in the
 * fields of one resource) several lines. Its text is cleaned of control
 * characters before the colour is applied.
 */
export type Cell = string | { text: string; style: keyof Style } | { lines: readonly string[] };

export interface Column<T> {
  /** A stable lowercase name (`id`, `hostname`, ...), for choosing columns. */
  key: string;
  header: string;
  value(row: T, cx: CellContext): Cell;
  /** On a terminal too narrow for the table, this column may be cut short ("…"). */
  shrinkable?: boolean;
}

/** How one kind of resource is shown. JSON never goes through it: the API's objects are printed as they are. */
export interface View<T> {
  /** What --quiet prints of a row (its id). Without it, --quiet prints what a person would see. */
  id?(row: T): string;
  /** A list's table. */
  columns: readonly Column<T>[];
  /** The fields of one (`fas X get`); the list columns when absent. */
  detail?: readonly Column<T>[];
  /** One of it as a sentence rather than fields. */
  line?(row: T): string;
}

export interface ListOptions<T> {
  /** What --json prints when it is not the rows themselves: the API's answer they came from. */
  json?: unknown;
  /** Said on stderr in place of an empty table. */
  empty?: string;
  /** A line under the table. */
  footer?: string;
  /** On a terminal, shown in place of the table (a chart). */
  onTerminal?: (rows: readonly T[]) => Promise<string>;
}

export interface ItemOptions<R> {
  /** A list shown under the fields, for people only (a bid's spots); fetched only then. */
  related?: { view: View<R>; rows: () => Promise<readonly R[]> } | undefined;
  /** On a terminal, shown in place of the fields (a summary and a chart). */
  onTerminal?: (() => Promise<string>) | undefined;
}

export interface OutputOptions {
  format: OutputFormat;
  quiet: boolean;
  /** Colour wanted (settings); it is used only on the streams that are terminals. */
  color: boolean;
  /** Now, on the API's clock ("in 1m 58s" is measured from it); default this machine's. */
  now?: (() => number) | undefined;
}

/** How data is printed: one of these, chosen once from the settings. */
type Mode = 'json' | 'ids' | 'table';

export class Output {
  readonly format: OutputFormat;
  readonly quiet: boolean;
  readonly io: IO;
  /** Styles for stdout and stderr, each coloured only when that stream is a terminal that wants it. */
  readonly style: Style;
  readonly errStyle: Style;
  private readonly mode: Mode;
  private readonly now: () => number;

  private constructor(io: IO, options: Omit<OutputOptions, 'color'>, style: Style, errStyle: Style) {
    this.io = io;
    this.now = options.now ?? Date.now;
    this.format = options.format;
    this.quiet = options.quiet;
    this.style = style;
    this.errStyle = errStyle;
    // The one place that decides how data is printed.
    this.mode = options.format === 'json' ? 'json' : options.quiet ? 'ids' : 'table';
  }

  static async create(io: IO, options: OutputOptions): Promise<Output> {
    const styles = await streamStyles(options.color, io.stdoutIsTTY, io.stderrIsTTY);
    return new Output(io, options, styles.out, styles.err);
  }

  /** Output for the error handler, before the settings are known. */
  static fallback(io: IO): Output {
    return new Output(io, { format: 'table', quiet: false }, plain, plain);
  }

  /** A list: a JSON array (or `options.json`), ids, or a table. `rows` may be fetched only when needed. */
  async list<T>(view: View<T>, rows: readonly T[] | (() => Promise<readonly T[]>), options: ListOptions<T> = {}): Promise<void> {
    const all = () => (typeof rows === 'function' ? rows() : Promise.resolve(rows));
    if (this.mode === 'json') return this.json(options.json !== undefined ? options.json : await all());
    const items = await all();
    if (this.mode === 'ids' && view.id) return this.lines(items.map((r) => view.id!(r)));
    if (items.length === 0) return this.info(options.empty ?? 'nothing to show');
    if (options.onTerminal && this.io.stdoutIsTTY) return this.write(`${await options.onTerminal(items)}\n`);
    const cx = this.cellContext();
    const columns = view.columns;
    const width = this.io.stdoutIsTTY ? this.io.columns : undefined;
    const shrinkable = columns.map((c) => c.shrinkable === true);
    const cells = items.map((r) => columns.map((c) => this.show(c.value(r, cx), ', ')));
    this.write(await renderTable(columns.map((c) => clean(c.header)), cells, this.style, width ? { width, shrinkable } : undefined));
    if (options.footer) this.write(`${cleanLines(options.footer)}\n`);
  }

  /** One resource: the JSON object, its id, or its fields (or its sentence) for people. */
  async item<T, R = never>(view: View<T>, row: T, options: ItemOptions<R> = {}): Promise<void> {
    // A proxy or a wrong API URL can answer 200 with null, a list or nothing at all.
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new ServerError('the server answered without the object that was asked for', undefined, { code: 'not_the_api' });
    }
    if (this.mode === 'json') return this.json(row);
    if (this.mode === 'ids' && view.id) return this.lines([view.id(row)]);
    if (options.onTerminal && this.io.stdoutIsTTY) return this.write(`${await options.onTerminal()}\n`);
    if (view.line) {
      const text = view.line(row);
      if (text) this.write(`${cleanLines(text)}\n`);
      return;
    }
    const cx = this.cellContext();
    const columns = view.detail ?? view.columns;
    const width = Math.max(...columns.map((c) => c.header.length));
    const indent = `\n${' '.repeat(width + 2)}`;
    this.write(columns.map((c) => `${this.style.bold(c.header.padEnd(width))}  ${this.show(c.value(row, cx), indent)}\n`).join(''));
    if (this.mode === 'table' && options.related) {
      const { view: related, rows } = options.related;
      this.write('\n');
      await this.list(related, await rows());
    }
  }

  /** What a command did, as data: `value` as JSON, else `text` for people (nothing when it is empty). */
  async data(value: unknown, text: () => string | Promise<string> = () => ''): Promise<void> {
    if (this.mode === 'json') return this.json(value);
    const s = await text();
    if (s) this.write(`${cleanLines(s)}\n`);
  }

  /** A message for people, on stderr; --quiet silences it. */
  info(message: string): void {
    if (!this.quiet) this.io.stderr.write(`${clean(message)}\n`);
  }

  warn(message: string): void {
    this.io.stderr.write(`${this.errStyle.yellow('Warning:')} ${clean(message)}\n`);
  }

  error(message: string, hint?: string): void {
    this.io.stderr.write(`${this.errStyle.red('Error:')} ${clean(message)}\n`);
    if (hint) this.io.stderr.write(`${this.errStyle.dim(`Hint: ${clean(hint)}`)}\n`);
  }

  /** Diagnostics for --debug (traces, stacks), on stderr, each line cleaned. */
  debug(text: string): void {
    this.io.stderr.write(`${this.errStyle.dim(cleanLines(text))}\n`);
  }

  private json(value: unknown): void {
    this.write(`${safeJson(value)}\n`);
  }

  /** One value a line (ids, mostly), each cleaned. */
  private lines(values: readonly string[]): void {
    this.write(values.map((v) => `${clean(v)}\n`).join(''));
  }

  /** Text that is already safe to show: our own, or cleaned. */
  private write(text: string): void {
    this.io.stdout.write(text);
  }

  /** A cell as the text to print: cleaned, then styled; lines joined with `separator`. */
  private show(cell: Cell, separator: string): string {
    if (typeof cell === 'string') return clean(cell);
    if ('lines' in cell) return cell.lines.map(clean).join(separator);
    return this.style[cell.style](clean(cell.text));
  }

  private cellContext(): CellContext {
    return { tty: this.io.stdoutIsTTY, now: this.now() };
  }
}
