// Comma-separated values for spreadsheets and scripts (RFC 4180): a header
// row, then one record a row; a field that holds a comma, a double quote or
// a line break is quoted, its quotes doubled. Records end in LF, as Unix
// tools expect; a line break inside a quoted field is kept as it is.
import { stripVTControlCharacters } from 'node:util';

/** What a csv field holds: text as it is, numbers and booleans as JSON writes them, nothing for null. */
export type Exact = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * `text` without escape sequences or control characters but tabs and line
 * breaks (LF, CRLF), which a field holds; a CR alone, which would take a
 * terminal back over the line, goes too. (clean.ts's `clean` makes one line
 * of a text; this is kept here so that csv's code loads only for csv.)
 */
function cleanKeepingBreaks(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return stripVTControlCharacters(text).replace(CONTROL_BUT_BREAKS, '').replace(/\r(?!\n)/g, '');
}

/** One field, quoted when it must be. */
export function csvField(value: Exact): string {
  const text = value === null ? '' : typeof value === 'string' ? cleanKeepingBreaks(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line end. */
export function csvRecord(values: readonly Exact[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
