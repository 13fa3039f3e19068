// Comma-separated values for spreadsheets and scripts (RFC 4180): a header
// row, then one record a row; a field that holds a comma, a double quote or
// a line break is quoted, its quotes doubled. Records end in LF, as Unix
// tools expect; a line break inside a quoted field is kept as it is.
import { cleanKeepingBreaks } from '../clean.js';

/** What a csv field holds: text as it is, numbers and booleans as JSON writes them, nothing for null. */
export type Exact = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when it must be. */
export function csvField(value: Exact): string {
  const text = value === null ? '' : typeof value === 'string' ? cleanKeepingBreaks(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line end. */
export function csvRecord(values: readonly Exact[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
