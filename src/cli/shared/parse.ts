// Turning flag values into numbers, durations and times, with one clear
// message naming the flag when a value is wrong.
import { UsageError } from '../../errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DAY_MS = UNIT_MS.d!;

/**
 * The longest duration that is waited for (--timeout, --request-timeout, ...):
 * a Node.js timer holds at most 2^31-1 ms, about 24.8 days, and fires at once
 * beyond it. Whole days, so that the limit can be named exactly.
 */
export const MAX_WAIT_MS = 24 * DAY_MS;
/** The longest duration that only moves a date (a time ago, the sandbox clock): far beyond any history. */
export const MAX_SPAN_MS = 3650 * DAY_MS;

export interface DurationLimit {
  /** The largest value accepted, in ms. Default MAX_WAIT_MS. */
  max?: number;
}

/** "90s", "10m", "1h30m", "7d", "500ms"; a bare number is seconds. At most `max` (default MAX_WAIT_MS). */
export function parseDuration(value: string, flag: string, { max = MAX_WAIT_MS }: DurationLimit = {}): number {
  const text = value.trim();
  let total = 0;
  if (/^\d+(\.\d+)?$/.test(text)) {
    total = Number(text) * 1000;
  } else {
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
    let consumed = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
      consumed = re.lastIndex;
    }
    if (consumed === 0 || consumed !== text.length) {
      throw new UsageError(`invalid ${flag} '${value}': expected a duration such as 30s, 10m, 1h30m or 7d`);
    }
  }
  if (!(total <= max)) throw new UsageError(`invalid ${flag} '${value}': at most ${formatLimit(max)}`);
  return Math.round(total);
}

export function parsePositiveDuration(value: string, flag: string, limit: DurationLimit = {}): number {
  const ms = parseDuration(value, flag, limit);
  if (ms <= 0) throw new UsageError(`invalid ${flag} '${value}': must be longer than zero`);
  return ms;
}

/** A limit as the flag would take it: "24d", "90d", "30s". */
function formatLimit(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
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

/** A target availability: a fraction above 0 and at most 1 (0.95), or a percentage (95%). */
export function parseAvailability(value: string, flag: string): number {
  const text = value.trim();
  const m = /^(\d+(?:\.\d*)?|\.\d+)(%?)$/.exec(text);
  // 99.9% as 99.9e-2, the double nearest 0.999, where 99.9 / 100 would be a hair above it.
  const n = m ? Number(m[2] ? `${m[1]}e-2` : m[1]) : NaN;
  if (!(n > 0 && n <= 1)) {
    throw new UsageError(`invalid ${flag} '${value}': expected a share of the time above 0 and at most 1, such as 0.95 or 95%`);
  }
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
    let ago: number | undefined;
    try {
      ago = parseDuration(text, flag, { max: Infinity });
    } catch {
      // on to the message below, which names every accepted form
    }
    if (ago !== undefined) {
      if (ago > MAX_SPAN_MS) throw new UsageError(`invalid ${flag} '${value}': at most ${formatLimit(MAX_SPAN_MS)} ago`);
      return new Date(now - ago);
    }
  }
  const forms = durationAgo ? 'an ISO 8601 time (2026-11-22T10:00:00Z), Unix seconds, or a duration ago such as 7d' : 'an ISO 8601 time (2026-11-22T10:00:00Z) or Unix seconds';
  throw new UsageError(`invalid ${flag} '${value}': expected ${forms}`);
}

