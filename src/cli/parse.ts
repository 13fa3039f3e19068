// Turning flag values into numbers, durations and times, with one clear
// message naming the flag when a value is wrong.
import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90s", "10m", "1h30m", "7d", "500ms"; a bare number is seconds. */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new UsageError(`invalid ${flag} '${value}': expected a duration such as 30s, 10m, 1h30m or 7d`);
  }
  return Math.round(total);
}

export function parsePositiveDuration(value: string, flag: string): number {
  const ms = parseDuration(value, flag);
  if (ms <= 0) throw new UsageError(`invalid ${flag} '${value}': must be longer than zero`);
  return ms;
}

export function parseInteger(value: string, flag: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`invalid ${flag} '${value}': expected a whole number`);
  const n = Number(text);
  if (n > max && max === Number.MAX_SAFE_INTEGER) throw new UsageError(`invalid ${flag} '${value}': the number is too large`);
  if (n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new UsageError(`invalid ${flag} '${value}': must be ${range}`);
  }
  return n;
}

/** A price in USD per hour: a positive number. */
export function parsePrice(value: string, flag: string): number {
  const text = value.trim().replace(/^\$/, '');
  // Plain decimals only: Number() would also take 0x10, 1e3 and Infinity.
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`invalid ${flag} '${value}': expected a price in USD per hour, e.g. 0.35`);
  if (n <= 0) throw new UsageError(`invalid ${flag} '${value}': the price must be greater than zero`);
  return n;
}

export function parseFraction(value: string, flag: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`invalid ${flag} '${value}': expected a number from 0 to 1`);
  }
  return n;
}

/**
 * An ISO 8601 time, Unix seconds, or a duration ago ("7d" = seven days before now).
 * `durationAgo: false` is for times that must lie ahead, where "7d" would only mislead.
 */
export function parseTime(value: string, flag: string, now = Date.now(), { durationAgo = true } = {}): Date {
  const text = value.trim();
  if (/^\d{9,11}$/.test(text)) return new Date(Number(text) * 1000);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return new Date(ms);
  } else if (durationAgo && /^\d[\d.]*[a-z]/.test(text)) {
    try {
      return new Date(now - parseDuration(text, flag));
    } catch {
      // fall through to the message below, which names every accepted form
    }
  }
  const forms = durationAgo ? 'an ISO 8601 time (2026-11-22T10:00:00Z), Unix seconds, or a duration ago such as 7d' : 'an ISO 8601 time (2026-11-22T10:00:00Z) or Unix seconds';
  throw new UsageError(`invalid ${flag} '${value}': expected ${forms}`);
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
