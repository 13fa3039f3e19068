// What a command may ask of Output (output.ts): the settings it is made
// from, the ways data is printed, and the extras of a list or an item.
import type { OutputFormat } from '../shared/settings.js';
import type { View } from './view.js';

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
  /** --columns: the keys of the columns to show, in order. */
  columns?: readonly string[] | undefined;
  /** False with --no-header. */
  header?: boolean | undefined;
  /** --query: a JMESPath expression over the JSON form. */
  query?: string | undefined;
  /** Now, on the API's clock ("in 1m 58s" is measured from it); default this machine's. */
  now?: (() => number) | undefined;
}

/**
 * How data is printed: one of these, chosen once from the settings. A
 * machine format (json, jsonl, yaml, csv) beats --quiet, which then only
 * silences messages; --query beats both.
 */
export type Mode = 'table' | 'wide' | 'json' | 'jsonl' | 'yaml' | 'csv' | 'ids' | 'query';
