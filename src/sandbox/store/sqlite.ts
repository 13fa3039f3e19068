// Node's own SQLite (node:sqlite), with the few things the store relies on
// that it lacks: a statement that yields its first column (`pluck`), named
// parameters taken from an object that holds more than the statement names,
// and errors that carry SQLite's name for what failed (`SQLITE_BUSY`, ...),
// which callers test to tell "come back later" from a fault.
import type * as NodeSqlite from 'node:sqlite';

type Sqlite = typeof NodeSqlite;
type Value = null | number | bigint | string | Uint8Array;
type Params = unknown[];

let loaded: Sqlite | undefined;

/**
 * node:sqlite, loaded on first use. Node 22 announces it with an
 * ExperimentalWarning on every start of the sandbox; that warning alone is
 * kept from users (the API the store uses is stable from 22.13 on), every
 * other warning still shows.
 */
export function sqlite(): Sqlite {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if ((type === 'ExperimentalWarning' || (warning as Error).name === 'ExperimentalWarning') && /^SQLite\b/.test(text)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite') as Sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/** SQLite's names for its primary result codes (sqlite3.h), as error codes read them. */
const CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
};

/** A failure SQLite reported, with its code's name (`SQLITE_BUSY`) where node:sqlite gives only a number. */
export class SqliteError extends Error {
  override readonly name = 'SqliteError';
  constructor(
    message: string,
    readonly code: string,
    readonly errcode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `err` with SQLite's code name when SQLite raised it; anything else as it is. */
export function sqliteError(err: unknown): unknown {
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (e?.code !== 'ERR_SQLITE_ERROR' || typeof e.errcode !== 'number') return err;
  // Extended codes (SQLITE_IOERR_WRITE is 778) keep their primary code in the low byte.
  const code = CODES[e.errcode & 0xff] ?? `SQLITE_${e.errcode}`;
  return new SqliteError(String(e.message), code, e.errcode, { cause: err });
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw sqliteError(err);
  }
}

/** The named parameters a statement's text uses, outside its string literals. */
function parameterNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const m of sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/[@:$]([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  return names;
}

/** A prepared statement, as the store uses one: get, all, run, and pluck for its first column. */
export class Statement {
  constructor(
    private readonly statement: NodeSqlite.StatementSync,
    /** The named parameters its text uses. */
    private readonly names: ReadonlySet<string>,
    private readonly first = false,
  ) {}

  /** The same statement, giving each row's first column rather than the row. */
  pluck(): Statement {
    return new Statement(this.statement, this.names, true);
  }

  get(...params: Params): unknown {
    const row = guarded(() => this.statement.get(...this.bind(params)));
    return this.first && row ? Object.values(row)[0] : row;
  }

  all(...params: Params): unknown[] {
    const rows = guarded(() => this.statement.all(...this.bind(params)));
    return this.first ? rows.map((row) => Object.values(row)[0]) : rows;
  }

  run(...params: Params): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return guarded(() => this.statement.run(...this.bind(params)));
  }

  /** An object of named values keeps only the names the statement uses, as callers pass whole rows. */
  // Typed as never[]: node:sqlite's overloads take either form, and this picks one at run time.
  private bind(params: Params): never[] {
    const [head, ...rest] = params;
    if (head === null || typeof head !== 'object' || Array.isArray(head) || head instanceof Uint8Array) return params as never[];
    const named: Record<string, Value> = {};
    for (const [key, value] of Object.entries(head)) if (this.names.has(key)) named[key] = value as Value;
    return [named, ...rest] as never[];
  }
}

/** One connection: statements, plain SQL (pragmas too), and whether it is open. */
export class Connection {
  private readonly db: NodeSqlite.DatabaseSync;
  private open = true;

  constructor(file: string, options: { readOnly?: boolean } = {}) {
    const { DatabaseSync } = sqlite();
    this.db = guarded(() => new DatabaseSync(file, { readOnly: options.readOnly ?? false }));
  }

  prepare(sql: string): Statement {
    return new Statement(guarded(() => this.db.prepare(sql)), parameterNames(sql));
  }

  exec(sql: string): void {
    guarded(() => this.db.exec(sql));
  }

  get isOpen(): boolean {
    return this.open;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.db.close();
  }
}
