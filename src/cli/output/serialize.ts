// The JSON form of what a command prints, as text: json (indented), jsonl (a
// compact line per item), yaml (its code loaded only then); and what a
// --query makes of it.
import { safeJson } from './clean.js';
import { isRow, isScalar, rawText, type Row } from './view.js';
import type { OutputFormat } from '../shared/settings.js';

export async function serialize(value: unknown, as: 'json' | 'jsonl' | 'yaml'): Promise<string> {
  if (as === 'yaml') return (await import('./formats/yaml.js')).toYaml(value);
  if (as === 'json') return `${safeJson(value)}\n`;
  return Array.isArray(value) ? value.map((v) => `${safeJson(v, 0)}\n`).join('') : `${safeJson(value, 0)}\n`;
}

/**
 * A --query's result as text, or the rows to show as a table. In json, jsonl
 * and yaml, as that format. Otherwise a value, or a list of values, is one a
 * line, raw (strings without quotes, cleaned of control characters; numbers
 * and booleans as JSON writes them; null as an empty line), or a csv record
 * each; a list of objects is rows, for a table (or wide, or csv) whose
 * columns are their keys; anything else is JSON.
 */
export async function queryResult(result: unknown, format: OutputFormat): Promise<string | Row[]> {
  if (format === 'json' || format === 'jsonl' || format === 'yaml') return serialize(result, format);
  const values = Array.isArray(result) ? result : [result];
  if (values.every(isScalar)) {
    if (format === 'csv') {
      const { csvRecord } = await import('./formats/csv.js');
      return values.map((v) => csvRecord([v])).join('');
    }
    return values.map((v) => `${rawText(v)}\n`).join('');
  }
  if (Array.isArray(result) && result.every(isRow)) return result;
  return `${safeJson(result)}\n`;
}
