// One SQLite connection: its settings, its prepared statements, its
// transactions and its `meta` values. Only the store's modules hold it.
import { SCHEMA } from './schema.js';
import { Connection, type Statement } from './sqlite.js';

export class Db {
  private readonly db: Connection;
  private readonly statements = new Map<string, Statement>();
  /** While a transaction runs: what is to happen once it commits. */
  private onCommit: (() => void)[] | undefined;
  /** How deep the transaction under way is: 0 outside one, 1 in it, more in its savepoints. */
  private depth = 0;

  constructor(file: string, busyTimeoutMs: number) {
    this.db = new Connection(file);
    try {
      // The wait comes first: a second process may hold the file as this one opens it.
      this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      this.db.exec('PRAGMA journal_mode = WAL');
      // An application crash (kill -9) loses nothing in WAL mode with NORMAL;
      // FULL would only add safety against power loss, at a cost on every write.
      this.db.exec('PRAGMA synchronous = NORMAL');
      this.db.exec(SCHEMA);
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /** Every query is a prepared statement with bound values, compiled once per text. */
  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A value of the `meta` table: the clock's offset, the seed, counters, what the event log has pruned. */
  meta(key: string): string | undefined {
    return (this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * Runs `work` in a transaction: all of it commits, or (it throws) none of
   * it. Inside another transaction it is a savepoint of that one.
   */
  transaction<T>(work: () => T): T {
    if (this.onCommit) {
      const mark = this.onCommit.length;
      try {
        return this.atomically(work);
      } catch (err) {
        this.onCommit.length = mark;
        throw err;
      }
    }
    const pending: (() => void)[] = (this.onCommit = []);
    let result: T;
    try {
      result = this.atomically(work);
    } finally {
      this.onCommit = undefined;
    }
    for (const then of pending) then();
    return result;
  }

  /** `work` between BEGIN and COMMIT, or within a savepoint when a transaction is under way; undone if it throws. */
  private atomically<T>(work: () => T): T {
    const savepoint = this.depth > 0 ? `s${this.depth}` : undefined;
    this.db.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
    this.depth += 1;
    try {
      const result = work();
      this.db.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (err) {
      this.undo(savepoint);
      throw err;
    } finally {
      this.depth -= 1;
    }
  }

  private undo(savepoint: string | undefined): void {
    try {
      if (savepoint) {
        this.db.exec(`ROLLBACK TO ${savepoint}`);
        this.db.exec(`RELEASE ${savepoint}`);
      } else {
        this.db.exec('ROLLBACK');
      }
    } catch {
      // SQLite has already rolled back (a full disk, an I/O error do): nothing is left to undo.
    }
  }

  /** Runs `then` once the transaction under way commits (never, if it rolls back), or at once outside one. */
  afterCommit(then: () => void): void {
    if (this.onCommit) this.onCommit.push(then);
    else then();
  }

  close(): void {
    this.db.close();
  }
}
