// What the server says reaches an assistant's context as text it may obey. A
// hostname, a description or an error message is cleaned as the terminal
// output is (no escape sequences, no control characters) and more: no
// invisible characters that hide words from the person reading along (zero
// widths, bidirectional overrides, soft hyphens), and no string longer than
// a field needs, so that no value can carry a page of instructions.
import { clean } from '../output/clean.js';

/** The longest string a result carries; a longer one is cut and ends in "…". */
export const MAX_TEXT = 200;

// U+00AD soft hyphen, U+180E, U+200B-U+200F zero widths and marks,
// U+202A-U+202E embeddings and overrides, U+2060-U+2064 and U+2066-U+2069
// joiners and isolates, U+FEFF, and the tag characters U+E0000-U+E007F.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

/** One string as a result may carry it. */
export function cleanText(text: string, max = MAX_TEXT): string {
  const visible = clean(text).replace(INVISIBLE, '');
  if (visible.length <= max) return visible;
  // Cut at a code point, never between the halves of a surrogate pair.
  const cut = Array.from(visible.slice(0, max)).join('');
  const whole = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${whole}…`;
}

/** Every string in `value` (keys too) cleaned and capped; numbers, booleans and null as they are. */
export function cleanValue<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), walk(v)]));
  }
  return value;
}
