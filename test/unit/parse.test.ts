import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { MAX_WAIT_MS, parseAvailability, parseDuration, parseFraction, parseInteger, parsePositiveDuration, parsePrice, parseTime } from '../../src/cli/shared/parse.js';
import { MAX_TIMER_MS } from '../../src/client/timer.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['90', 90_000],
    [' 2m ', 120_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });

  it.each(['', 'soon', '10', '10x', 'm10', '1h 30m', '-5s', '5s5'].filter((s) => s !== '10'))('rejects %j naming the flag', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(UsageError);
    expect(() => parseDuration(text, '--timeout')).toThrow(/--timeout/);
  });
});

describe('duration limits', () => {
  it('takes what a timer holds, up to 24d, and names that limit past it', () => {
    expect(MAX_WAIT_MS).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(parseDuration('24d', '--timeout')).toBe(MAX_WAIT_MS);
    expect(parseDuration('3w3d', '--timeout')).toBe(MAX_WAIT_MS);
    for (const text of ['24d1ms', '25d', '30d', '50d', '4w', '2073600.001', '99999999999999999999999s']) {
      expect(() => parseDuration(text, '--timeout')).toThrow(`invalid --timeout '${text}': at most 24d`);
    }
  });

  it('takes a limit of its own for durations that are not waited for', () => {
    expect(parsePositiveDuration('90d', '--lookback', { max: 90 * 86_400_000 })).toBe(90 * 86_400_000);
    expect(() => parsePositiveDuration('91d', '--lookback', { max: 90 * 86_400_000 })).toThrow("invalid --lookback '91d': at most 90d");
    expect(() => parsePositiveDuration('2m', 'DURATION', { max: 90_000 })).toThrow("invalid DURATION '2m': at most 90s");
  });

  it('bounds a duration ago, so that the time is a date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseTime('3650d', '--since', now).getTime()).toBe(now - 3650 * 86_400_000);
    expect(() => parseTime('3651d', '--since', now)).toThrow("invalid --since '3651d': at most 3650d ago");
    expect(() => parseTime('99999999999999999999999w', '--since', now)).toThrow(/at most 3650d ago/);
  });
});

describe('numbers', () => {
  it('parses whole numbers within bounds', () => {
    expect(parseInteger('42', '--limit', { min: 1 })).toBe(42);
    expect(() => parseInteger('0', '--limit', { min: 1 })).toThrow(/at least 1/);
    expect(() => parseInteger('1e3', '--limit')).toThrow(/whole number/);
    expect(() => parseInteger('2.5', '--limit')).toThrow(/whole number/);
    expect(() => parseInteger('70000', '--port', { max: 65535 })).toThrow(/between 0 and 65535/);
  });

  it('parses prices and refuses zero, negatives and junk', () => {
    expect(parsePrice('0.35', '--max-price')).toBe(0.35);
    expect(parsePrice('$1.20', '--max-price')).toBe(1.2);
    expect(() => parsePrice('0', '--max-price')).toThrow(/greater than zero/);
    expect(() => parsePrice('-1', '--max-price')).toThrow(/greater than zero/);
    expect(() => parsePrice('cheap', '--max-price')).toThrow(/USD per hour/);
    expect(() => parsePrice('NaN', '--max-price')).toThrow(/USD per hour/);
    expect(() => parsePrice('Infinity', '--max-price')).toThrow(/USD per hour/);
  });

  it('parses a target availability as a fraction in (0, 1] or a percentage', () => {
    expect(parseAvailability('0.95', '--availability')).toBe(0.95);
    expect(parseAvailability('1', '--availability')).toBe(1);
    expect(parseAvailability('95%', '--availability')).toBe(0.95);
    expect(parseAvailability(' 99.9% ', '--availability')).toBe(0.999); // not 99.9 / 100, a hair above it
    expect(parseAvailability('100%', '--availability')).toBe(1);
    expect(parseAvailability('.5', '--availability')).toBe(0.5);
    for (const bad of ['0', '0%', '95', '1.01', '101%', '-0.5', 'high', '', '0.9%%', '1e-1', 'Infinity']) {
      expect(() => parseAvailability(bad, '--availability'), bad).toThrow(`invalid --availability '${bad}': expected a share of the time above 0 and at most 1, such as 0.95 or 95%`);
    }
  });

  it('parses fractions from 0 to 1', () => {
    expect(parseFraction('0.25', '--fail-rate')).toBe(0.25);
    expect(() => parseFraction('1.5', '--fail-rate')).toThrow(/0 to 1/);
    expect(() => parseFraction('', '--fail-rate')).toThrow(/0 to 1/);
  });
});

describe('parseTime', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('takes ISO 8601, Unix seconds and a duration ago', () => {
    expect(parseTime('2026-11-20T08:00:00Z', '--from', now).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(parseTime('1763800000', '--from', now).getTime()).toBe(1763800000_000);
    expect(parseTime('7d', '--from', now).toISOString()).toBe('2026-11-15T10:00:00.000Z');
  });
  it.each(['yesterday', '2026-13-45', '12', 'now-ish'])('rejects %j', (text) => {
    expect(() => parseTime(text, '--from', now)).toThrow(/invalid --from/);
  });
});
