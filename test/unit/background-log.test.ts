// The background's jobs on a database that fails now and then: one line when
// the failing starts and one when it ends, however the jobs interleave and
// whatever each failure is called.
import { describe, expect, it } from 'vitest';
import { Background } from '../../src/sandbox/unavailable.js';

const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
const FULL = sqlite('SQLITE_FULL', 'database or disk is full');
const IOERR = sqlite('SQLITE_IOERR_WRITE', 'disk I/O error');

describe('Background', () => {
  it('on a full disk, where a job with nothing to write runs through between failures of another: failed once, runs again once', () => {
    const lines: string[] = [];
    const bg = new Background((line) => lines.push(line));
    const fail = (err: Error) => () => {
      throw err;
    };
    for (let round = 0; round < 5; round++) {
      expect(bg.run('executions', fail(round % 2 ? IOERR : FULL))).toBe(false);
      // The market's round writes nothing, so it commits: that is not the sandbox recovering.
      expect(bg.run('market', () => {})).toBe(true);
    }
    bg.failed('executions', FULL);
    expect(bg.run('market', fail(FULL))).toBe(false);
    expect(lines).toEqual(['sandbox: background work failed: database or disk is full (SQLITE_FULL); retrying every second']);

    bg.run('executions', () => {});
    expect(lines).toHaveLength(1);
    bg.run('market', () => {});
    expect(lines).toEqual([
      'sandbox: background work failed: database or disk is full (SQLITE_FULL); retrying every second',
      'sandbox: background work runs again',
    ]);
    // A new spell is told again, once.
    bg.run('market', fail(IOERR));
    bg.run('market', fail(IOERR));
    expect(lines.slice(2)).toEqual(['sandbox: background work failed: disk I/O error (SQLITE_IOERR_WRITE); retrying every second']);
  });
});
