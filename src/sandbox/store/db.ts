// One SQLite connection: its settings, its prepared statements, its
// transactions and its `meta` values. Only the store's modules hold it.
import Database from 'better-sqlite3';
import { SCHEMA } from './schema.js';

export class Db {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** While a transaction runs: what is to happen once it commits. */
  private onCommit: (() => void)[] | undefined;

  constructor(file: string, busyTimeoutMs: number) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // An application crash (kill -9) loses nothing in WAL mode with NORMAL;
    // FULL would only add safety against power loss, at a cost on every write.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    this.db.exec(SCHEMA);
  }

  /** Every query is a prepared statement with bound values, compiled once per text. */
  prepare(sql: string): Database.Statement {
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
        return this.db.transaction(work)();
      } catch (err) {
        this.onCommit.length = mark;
        throw err;
      }
    }
    const pending: (() => void)[] = (this.onCommit = []);
    let result: T;
    try {
      result = this.db.transaction(work)();
    } finally {
      this.onCommit = undefined;
    }
    for (const then of pending) then();
    return result;
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
