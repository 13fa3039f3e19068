// Text from the server (and from anywhere else) is shown without its control
// characters: a hostname or an error message must not be able to clear the
// screen, retitle the window or rewrite a line. Our own colour is applied
// after that, so it is the only escape code that reaches a terminal.
import { stripVTControlCharacters } from 'node:util';

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

/** Each line of `text` cleaned, the line breaks kept; no trailing newline. */
export function cleanLines(text: string): string {
  return text.replace(/\n$/, '').split('\n').map(clean).join('\n');
}

/**
 * The value exactly, as JSON. JSON escapes every C0 control character in
 * strings; DEL and the C1 controls (U+0080 to U+009F, which some terminals
 * obey as escapes) are escaped here too: the same JSON value, nothing for a
 * terminal to act on.
 */
export function safeJson(value: unknown, indent: 2 | 0 = 2): string {
  // JSON.stringify gives undefined for undefined: JSON has no such value, so null.
  return (JSON.stringify(value, null, indent) ?? 'null').replace(DEL_AND_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
