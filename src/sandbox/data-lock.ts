// One sandbox per data directory. The serving process holds an exclusive
// SQLite lock on <data>/sandbox.lock for its whole life; the operating
// system drops it when the process ends, however it ends (kill -9 too), so
// a lock that is held means a sandbox process is alive, and one that is
// free means none is. SQLite rather than a lock of our own: its file locks
// are the ones node:sqlite already brings, they work alike on Linux,
// macOS and Windows, and it keeps them right within one process too (two
// connections to one file, where plain POSIX locks would not see each other).
import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { lockFile } from './paths.js';
import { privateFile } from './private-files.js';
import { Connection } from './store/sqlite.js';

const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown } | null)?.code));

export interface DataLock {
  release(): void;
}

/** Takes the data directory's lock, or returns undefined at once when another process holds it. */
export function takeDataLock(dataDir: string): DataLock | undefined {
  const file = lockFile(dataDir);
  privateFile(file);
  let db: Connection | undefined;
  try {
    db = new Connection(file);
    db.exec('PRAGMA busy_timeout = 0');
    // Kept after the transaction too, and no journal file beside it: nothing is ever written.
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('PRAGMA journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db?.close();
    if (isBusy(err)) return undefined;
    throw new ConfigError(`cannot lock the data directory ${dataDir} with ${file}: ${(err as Error).message}`, {
      cause: err,
      hint: 'it holds no data: remove it and start again, or choose another --data',
    });
  }
  const held = db;
  return {
    release() {
      held.close();
    },
  };
}

/**
 * Whether a process holds the data directory's lock. It looks with a read,
 * which holds a shared lock for an instant: a start at that very instant
 * finds the lock busy and tries again (see openData), so looking never
 * keeps a sandbox from starting.
 */
export function dataLockHeld(dataDir: string): boolean {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return false;
  let db: Connection | undefined;
  try {
    db = new Connection(file, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 0');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (err) {
    if (isBusy(err)) return true;
    // Gone since the look (ENOENT) or never a lock of ours: nobody holds it.
    return false;
  } finally {
    db?.close();
  }
}
