// Items printed one by one as they come (a feed followed, a watch), in the
// mode Output decided: json and jsonl a compact JSON object a line (a stream
// is never one JSON array); yaml a document each, `---` first; csv the header
// once, then a record each; --query its result for each item; -q each id;
// table and wide a row each under one header, in the widths the view's
// columns declare, never measured.
import { UsageError } from '../../errors.js';
import type { OutputFormat } from '../shared/settings.js';
import { clean, safeJson } from './clean.js';
import { chooseColumns } from './columns.js';
import type { CellContext } from './format.js';
import type { Mode } from './options.js';
import type { Query } from './query.js';
import type { Style } from './style.js';
import { streamRow, type StreamCell } from './table.js';
import { cellOf, exactCells, isScalar, rawText, SHORT_ID, showCell, type View } from './view.js';

export interface StreamOptions {
  /** Said on stderr when a stream ends without an item, in place of an empty table. */
  empty?: string;
}

/** Items printed one by one as they come: see Output.stream. */
export interface Stream<T> {
  /** Prints one item at once; resolves once stdout can take more. Rejects on a --query that fails on it. */
  write(row: T): Promise<void>;
  /** A stream that ended: csv's header if no item came; else the `empty` message. */
  end(): Promise<void>;
}

/** What a stream's rendering depends on, as Output decided it. */
export interface StreamSetup {
  mode: Mode;
  format: OutputFormat;
  query: Query | undefined;
  columns: readonly string[] | undefined;
  header: boolean;
  stdoutIsTTY: boolean;
  /** The terminal's width, when known. */
  width: number | undefined;
  style: Style;
  now(): number;
}

/** How a stream prints: `head` before its first item (a header), and each item's text. */
export interface StreamRenderer<T> {
  head: string;
  item(row: T): string | Promise<string>;
}

/** A --query's result for `value`; its failure a usage error. */
export function search(query: Query, value: unknown): unknown {
  try {
    return query.search(value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * A stream over `render`: each write waits for the one before it, so that
 * items keep their order even when not awaited; the head goes before the
 * first item; at the end without an item, csv still prints its header and a
 * table says `empty` (through `info`).
 */
export function openStream<T>(
  setup: Pick<StreamSetup, 'mode'>,
  render: StreamRenderer<T>,
  write: (text: string) => Promise<void> | void,
  info: (message: string) => void,
  options: StreamOptions,
): Stream<T> {
  let count = 0;
  let last: Promise<void> = Promise.resolve();
  return {
    write: (row) => {
      const done = last.then(async () => {
        const first = count++ === 0;
        const text = await render.item(row);
        await write(first && render.head ? render.head + text : text);
      });
      last = done.catch(() => {});
      return done;
    },
    end: async () => {
      await last;
      if (count > 0) return;
      if (setup.mode === 'csv' && render.head) await write(render.head);
      else if ((setup.mode === 'table' || setup.mode === 'wide') && options.empty) info(options.empty);
    },
  };
}

export async function streamRenderer<T>(setup: StreamSetup, view: View<T>): Promise<StreamRenderer<T>> {
  const { mode, format } = setup;
  if (mode === 'json' || mode === 'jsonl') return { head: '', item: (r) => `${safeJson(r, 0)}\n` };
  if (mode === 'yaml') {
    const yaml = await (await import('./formats/yaml.js')).yamlWriter();
    return { head: '', item: (r) => `---\n${yaml(r)}` };
  }
  if (mode === 'query') {
    const yaml = format === 'yaml' ? await (await import('./formats/yaml.js')).yamlWriter() : undefined;
    const csvRecord = format === 'csv' ? (await import('./formats/csv.js')).csvRecord : undefined;
    return {
      head: '',
      item: (r) => {
        const result = search(setup.query!, r);
        if (yaml) return `---\n${yaml(result)}`;
        if (format === 'json' || format === 'jsonl') return `${safeJson(result, 0)}\n`;
        // csv: a record each, its values those of a list of values, else the JSON in one field.
        if (csvRecord) return csvRecord(isScalar(result) ? [result] : Array.isArray(result) && result.every(isScalar) ? result : [safeJson(result, 0)]);
        return isScalar(result) ? `${rawText(result)}\n` : `${safeJson(result, 0)}\n`;
      },
    };
  }
  if (mode === 'ids' && view.id) return { head: '', item: (r) => `${clean(view.id!(r))}\n` };
  const columns = chooseColumns(view.columns, setup.columns, mode !== 'table');
  if (mode === 'csv') {
    const { csvRecord } = await import('./formats/csv.js');
    const exact = exactCells(columns);
    return { head: setup.header ? csvRecord(columns.map((c) => c.key)) : '', item: (r) => csvRecord(exact(r)) };
  }
  // A table's rows: on a terminal only, ids short and the row cut to the width.
  const terminal = setup.stdoutIsTTY && mode === 'table';
  const cx: CellContext = { tty: setup.stdoutIsTTY, now: setup.now() };
  const widths = columns.map((c) => {
    const declared = typeof c.streamWidth === 'function' ? c.streamWidth(cx) : (c.streamWidth ?? 0);
    return Math.max(terminal && c.id ? Math.min(declared, SHORT_ID) : declared, c.header.length);
  });
  const fit = terminal && setup.width ? { width: setup.width, shrinkable: columns.map((c) => c.shrinkable === true) } : undefined;
  const line = (cells: readonly StreamCell[]) => streamRow(cells, widths, setup.style, fit);
  const head = setup.header ? await line(columns.map((c) => ({ text: clean(c.header), style: 'bold' as const }))) : '';
  return {
    head,
    item: (r) =>
      line(
        columns.map((c) => {
          const cell = cellOf(c, r, { ...cx, now: setup.now() }, terminal);
          return typeof cell === 'object' && 'style' in cell ? { text: clean(cell.text), style: cell.style } : { text: showCell(cell, setup.style, ', ') };
        }),
      ),
  };
}
