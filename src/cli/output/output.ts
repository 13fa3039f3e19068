// Everything fas writes goes through here. Data goes to stdout through a view
// (view.ts; each resource's in its folder's views.ts), in the one format
// decided in one place, `mode`: a table for people (fitted to a terminal, ids
// short), every column uncut (wide), the
// API's objects exactly (json, jsonl, yaml), comma-separated values (csv),
// ids (--quiet), or what a --query makes of the JSON. Messages, warnings and
// errors go to stderr. Every text is cleaned of control characters
// (clean.ts) before our own colour is applied. The code of yaml, csv and
// --query loads only when they are asked for. A stream (`fas events`, a
// watch) is printed item by item in the same mode: JSON lines, a YAML
// document each, csv records under one header, or rows of fixed widths.
import { ServerError, UsageError } from '../../errors.js';
import type { IO } from '../shared/io.js';
import type { OutputFormat } from '../shared/settings.js';
import { clean, cleanLines, safeJson } from './clean.js';
import { chooseColumns } from './columns.js';
import type { CellContext } from './format.js';
import type { Query } from './query.js';
import { openStream, search, streamRenderer, type Stream, type StreamOptions, type StreamSetup } from './stream.js';
import { queryResult, serialize } from './serialize.js';
import { plain, streamStyles, type Style } from './style.js';
import { renderTable } from './table.js';
import type { ItemOptions, ListOptions, Mode, OutputOptions } from './options.js';
import { cellOf, collect, exactCells, isRow, keyView, pagesOf, showCell, type Rows, type View } from './view.js';

export type { OutputOptions };

export class Output {
  readonly format: OutputFormat;
  readonly quiet: boolean;
  readonly io: IO;
  /** Styles for stdout and stderr, each coloured only when that stream is a terminal that wants it. */
  readonly style: Style;
  readonly errStyle: Style;
  private readonly mode: Mode;
  private readonly columns: readonly string[] | undefined;
  private readonly header: boolean;
  private readonly query: Query | undefined;
  private readonly now: () => number;

  private constructor(io: IO, options: Omit<OutputOptions, 'color' | 'query'>, style: Style, errStyle: Style, query?: Query) {
    this.io = io;
    this.now = options.now ?? Date.now;
    this.format = options.format;
    this.quiet = options.quiet;
    this.style = style;
    this.errStyle = errStyle;
    this.columns = options.columns;
    this.header = options.header ?? true;
    this.query = query;
    // The one place that decides how data is printed.
    const machine = options.format === 'json' || options.format === 'jsonl' || options.format === 'yaml' || options.format === 'csv';
    this.mode = query ? 'query' : machine ? options.format : options.quiet ? 'ids' : options.format;
  }

  static async create(io: IO, options: OutputOptions): Promise<Output> {
    // Compiled first: a bad expression fails the command before it does anything.
    const query = options.query === undefined ? undefined : await import('./query.js').then((q) => {
          try {
            return q.compileQuery(options.query!);
          } catch (err) {
            throw new UsageError((err as Error).message);
          }
        });
    const styles = await streamStyles(options.color, io.stdoutIsTTY, io.stderrIsTTY);
    const out = new Output(io, options, styles.out, styles.err, query);
    if ((options.columns || options.header === false) && ['json', 'jsonl', 'yaml', 'ids'].includes(out.mode)) {
      out.warn(`--columns and --no-header shape table, wide and csv output, not ${out.mode === 'ids' ? '--quiet' : options.format}`);
    }
    return out;
  }

  /** Output for the error handler, before the settings are known. */
  static fallback(io: IO): Output {
    return new Output(io, { format: 'table', quiet: false }, plain, plain);
  }

  /**
   * Checks, before a command does its work, that what it will print can be
   * printed as asked (--columns names columns of this view), so that a typo
   * does not lose the spot it bought.
   */
  willShow(view: View<never>): void {
    if (this.columns && (this.mode === 'table' || this.mode === 'wide' || this.mode === 'csv')) chooseColumns(view.columns, this.columns, true);
  }

  /** A list: its JSON form (an array, or `options.json`) in a machine format, ids, or a table. */
  async list<T>(view: View<T>, rows: Rows<T>, options: ListOptions<T> = {}): Promise<void> {
    this.willShow(view);
    const mode = this.mode;
    if (mode === 'json' || mode === 'yaml' || mode === 'query') return this.value(options.json !== undefined ? options.json : await collect(rows));
    if (mode === 'jsonl' && options.json !== undefined) return this.value(options.json);
    if (mode === 'jsonl') {
      for await (const page of pagesOf(rows)) await this.write(page.map((r) => `${safeJson(r, 0)}\n`).join(''));
      return;
    }
    if (mode === 'csv') return this.csv(view, rows);
    if (mode === 'ids' && view.id) {
      for await (const page of pagesOf(rows)) await this.write(page.map((r) => `${clean(view.id!(r))}\n`).join(''));
      return;
    }
    const items = await collect(rows);
    if (items.length === 0) return this.info(options.empty ?? 'nothing to show');
    if (options.onTerminal && this.io.stdoutIsTTY && mode === 'table' && !this.columns) return this.write(`${await options.onTerminal(items)}\n`);
    await this.table(view, items, mode === 'wide');
    if (options.footer && this.header) await this.write(`${cleanLines(options.footer)}\n`);
  }

  /** One resource: its JSON object in a machine format, its id, or its fields (or its sentence) for people. */
  async item<T, R = never>(view: View<T>, row: T, options: ItemOptions<R> = {}): Promise<void> {
    // A proxy or a wrong API URL can answer 200 with null, a list or nothing at all.
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new ServerError('the server answered without the object that was asked for', undefined, { code: 'not_the_api' });
    }
    this.willShow(view);
    const mode = this.mode;
    if (mode === 'json' || mode === 'jsonl' || mode === 'yaml' || mode === 'query') return this.value(row);
    if (mode === 'csv') return this.csv(view, [row]);
    if (mode === 'ids' && view.id) return this.write(`${clean(view.id(row))}\n`);
    if (options.onTerminal && this.io.stdoutIsTTY && mode === 'table' && !this.columns) return this.write(`${await options.onTerminal()}\n`);
    if (view.line && mode !== 'wide' && !this.columns) {
      const text = view.line(row);
      if (text) await this.write(`${cleanLines(text)}\n`);
      return;
    }
    await this.fields(view, row);
    if ((mode === 'table' || mode === 'wide') && options.related && !this.columns) {
      const { view: related, rows } = options.related;
      await this.write('\n');
      await this.list(related, await rows());
    }
  }

  /**
   * What a command did, as data: `value` in a machine format; in wide, csv
   * or with --columns, a table of its fields (`shape`'s rows through its
   * view, else a column for each of the value's keys); else `text` for
   * people (nothing when it is empty), which is also what --quiet prints:
   * there is no id in it.
   */
  async data<R>(value: unknown, text: () => string | Promise<string> = () => '', shape?: { view: View<R>; rows: readonly R[] }): Promise<void> {
    const mode = this.mode;
    if (mode === 'json' || mode === 'jsonl' || mode === 'yaml' || mode === 'query') return this.value(value);
    if (mode === 'csv' || mode === 'wide' || (this.columns && mode !== 'ids')) {
      if (!shape) return this.shaped(value, mode as 'table' | 'wide' | 'csv');
      this.willShow(shape.view);
      if (mode === 'csv') return this.csv(shape.view, shape.rows);
      return this.table(shape.view, shape.rows, true);
    }
    const s = await text();
    if (s) await this.write(`${cleanLines(s)}\n`);
  }

  /**
   * Whether data goes to people as the default table (not wide, csv, a
   * machine format, -q or --query), so that a command may show it in a way
   * of its own (a watch's live view, its lines). --columns and --no-header
   * do not shape such a view: as json and -q do, it ignores them, with a
   * warning naming `what`.
   */
  ownView(what: string): boolean {
    if (this.mode !== 'table') return false;
    if (this.columns || !this.header) this.warn(`--columns and --no-header do not shape ${what}`);
    return true;
  }

  /**
   * Items that come one by one (a feed followed, a watch), each printed as
   * it comes, in the mode decided here: json and jsonl a compact JSON object
   * a line (a stream is never one JSON array); yaml a document each, `---`
   * first; csv the header once, then a record each; --query its result for
   * each item (a value raw on its line, else compact JSON; in json, jsonl,
   * yaml and csv, as that format); -q each id; table and wide a row each
   * under one header, in the widths the view's columns declare
   * (`streamWidth`); in a table on a terminal only, ids short, shrinkable
   * columns cut to their width and the last to the terminal's. --columns
   * is checked here, so call this before fetching or following anything.
   */
  async stream<T>(view: View<T>, options: StreamOptions = {}): Promise<Stream<T>> {
    this.willShow(view);
    if (this.mode === 'query' && (this.columns || !this.header)) {
      this.warn('--columns and --no-header shape the rows of a stream, not what --query makes of each item');
    }
    const setup: StreamSetup = {
      mode: this.mode,
      format: this.format,
      query: this.query,
      columns: this.columns,
      header: this.header,
      stdoutIsTTY: this.io.stdoutIsTTY,
      width: this.io.columns,
      style: this.style,
      now: this.now,
    };
    const render = await streamRenderer(setup, view);
    return openStream(setup, render, (text) => this.write(text), (message) => this.info(message), options);
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

  /** The JSON form of what a command prints, in the format asked for, or what --query makes of it. */
  private async value(value: unknown): Promise<void> {
    if (this.mode !== 'query') return this.write(await serialize(value, this.mode as 'json' | 'jsonl' | 'yaml'));
    const shown = await queryResult(search(this.query!, value), this.format);
    return typeof shown === 'string' ? this.write(shown) : this.shaped(shown, this.format === 'csv' ? 'csv' : this.format === 'wide' ? 'wide' : 'table');
  }

  /** Plain objects (a query's result, an acknowledgement) as a table, wide or csv, one column per key. */
  private async shaped(value: unknown, as: 'table' | 'wide' | 'csv'): Promise<void> {
    const rows = (Array.isArray(value) ? value : [value]).filter(isRow);
    const view = keyView(rows);
    this.willShow(view);
    if (as === 'csv') return this.csv(view, rows);
    if (rows.length) await this.table(view, rows, as === 'wide');
  }

  /** A table for people: on a terminal (but wide) fitted to its width, ids short. */
  private async table<T>(view: View<T>, items: readonly T[], wide: boolean): Promise<void> {
    const cx = this.cellContext();
    const columns = chooseColumns(view.columns, this.columns, wide);
    const terminal = this.io.stdoutIsTTY && !wide;
    const width = terminal ? this.io.columns : undefined;
    const cells = items.map((r) => columns.map((c) => showCell(cellOf(c, r, cx, terminal), this.style, ', ')));
    const headers = this.header ? columns.map((c) => clean(c.header)) : null;
    const fit = width ? { width, shrinkable: columns.map((c) => c.shrinkable === true) } : undefined;
    await this.write(await renderTable(headers, cells, this.style, fit));
  }

  /** One resource's fields, a line each: the view's detail, or the columns --columns names. */
  private async fields<T>(view: View<T>, row: T): Promise<void> {
    const cx = this.cellContext();
    const detail = view.detail ?? view.columns;
    const columns = this.columns
      ? chooseColumns(view.columns, this.columns, true).map((c) => detail.find((d) => d.key === c.key) ?? c)
      : detail;
    const width = Math.max(...columns.map((c) => c.header.length));
    const indent = `\n${' '.repeat(width + 2)}`;
    await this.write(columns.map((c) => `${this.style.bold(c.header.padEnd(width))}  ${showCell(c.value(row, cx), this.style, indent)}\n`).join(''));
  }

  /** Comma-separated values, a page at a time: the header row (the columns' keys), then a record a row, each value exact. */
  private async csv<T>(view: View<T>, rows: Rows<T>): Promise<void> {
    const { csvRecord } = await import('./formats/csv.js');
    const columns = chooseColumns(view.columns, this.columns, true);
    const exact = exactCells(columns);
    if (this.header) await this.write(csvRecord(columns.map((c) => c.key)));
    for await (const page of pagesOf(rows)) await this.write(page.map((r) => csvRecord(exact(r))).join(''));
  }

  /** Text that is already safe to show: our own, or cleaned. A long output waits for the reader rather than piling up in memory. */
  private write(text: string): Promise<void> | void {
    if (this.io.stdout.write(text)) return;
    return new Promise((resolve) => this.io.stdout.once('drain', resolve));
  }

  private cellContext(): CellContext {
    return { tty: this.io.stdoutIsTTY, now: this.now() };
  }
}
