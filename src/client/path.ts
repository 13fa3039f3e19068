// Every part of a URL path that comes from the caller (an id, an IP) goes
// through here. URL handling resolves `.` and `..` and splits on `/` (and, in
// many servers, `\`), so `DELETE /api/spots/.` would reach `DELETE /api/spots`,
// which removes the newest spot. Such values are refused before anything is sent.
import { UsageError } from '../errors.js';

// C0 controls, DEL and C1 controls: they have no place in an id and would garble the message.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `value` percent-encoded as one path segment; UsageError when it is no id at all. */
export function pathSegment(value: string, what: string): string {
  if (!isPathSafe(value)) {
    throw new UsageError(`invalid ${what} '${printable(value)}': it must not be empty, '.' or '..', nor hold '/', '\\' or control characters`);
  }
  return encodeURIComponent(value);
}

/** Whether `value` stays one path segment, itself, through URL handling. */
export function isPathSafe(value: string): boolean {
  return !(value === '' || value === '.' || value === '..' || /[/\\]/.test(value) || CONTROL.test(value));
}

/** The value with control characters written as escapes, so the message stays one line. */
function printable(value: string): string {
  return value.replace(new RegExp(CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
