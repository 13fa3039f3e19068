// What the store relies on that node:sqlite lacks, made by store/sqlite.ts:
// a statement's first column, an object of more named values than the
// statement names, and SQLite's name for a failure.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection, SqliteError } from '../../src/sandbox/store/sqlite.js';
import { tempDir } from '../helpers/cli.js';

const open: Connection[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));
const connect = (file = join(tempDir('fas-sqlite-'), 'x.db')) => {
  const c = new Connection(file);
  open.push(c);
  return c;
};

describe('Connection', () => {
  it('plucks the first column of each row, and of one', () => {
    const db = connect();
    db.exec("CREATE TABLE t (a TEXT, b INTEGER); INSERT INTO t VALUES ('x', 1), ('y', 2)");
    expect(db.prepare('SELECT a, b FROM t ORDER BY b').pluck().all()).toEqual(['x', 'y']);
    expect(db.prepare('SELECT b FROM t WHERE a = ?').pluck().get('y')).toBe(2);
    expect(db.prepare('SELECT b FROM t WHERE a = ?').pluck().get('z')).toBeUndefined();
  });

  it('binds the named values a statement uses from an object that holds more, whatever its string literals say', () => {
    const db = connect();
    db.exec('CREATE TABLE t (a TEXT, b INTEGER)');
    db.prepare("INSERT INTO t VALUES (@a, @b) -- ':c' is no parameter\n").run({ a: 'x', b: 1, c: 'unused', d: null });
    expect(db.prepare("SELECT a || ':d' AS a FROM t WHERE b = @b").get({ b: 1, a: 'no' })).toEqual({ a: 'x:d' });
  });

  it("names SQLite's failure: a lock another connection holds is SQLITE_BUSY, a constraint SQLITE_CONSTRAINT", () => {
    const file = join(tempDir('fas-sqlite-'), 'x.db');
    const a = connect(file);
    const b = connect(file);
    a.exec('CREATE TABLE t (a INTEGER PRIMARY KEY)');
    b.exec('PRAGMA busy_timeout = 0');
    a.exec('BEGIN EXCLUSIVE');
    expect(() => b.prepare('SELECT * FROM t').all()).toThrow(expect.objectContaining({ name: 'SqliteError', code: 'SQLITE_BUSY' }));
    a.exec('INSERT INTO t VALUES (1); COMMIT');
    let err: unknown;
    try {
      a.prepare('INSERT INTO t VALUES (?)').run(1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SqliteError);
    expect((err as SqliteError).code).toBe('SQLITE_CONSTRAINT');
  });

  it('is closed once, however often it is told', () => {
    const db = connect();
    expect(db.isOpen).toBe(true);
    db.close();
    db.close();
    expect(db.isOpen).toBe(false);
  });
});
