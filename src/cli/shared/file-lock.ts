// An exclusive lock next to a file, so that the read-modify-write cycles of
// `fas` processes running at once take turns instead of losing each other's
// changes. The lock is a file that appears whole or not at all (written
// aside, then hard-linked into place, which fails if it exists) and names
// its holder. A holder killed with -9 never removes it, so a waiter takes
// it over once it is stale: at once when the holder's pid is gone from this
// host, else when it is older than any real hold could be.
import { linkSync, lstatSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError } from '../../errors.js';
import { processAlive } from '../../process-alive.js';

/** A hold is a read and a write of a small file: milliseconds. This is long past any real one. */
export const STALE_LOCK_MS = 5_000;
/** Waiting longer than this means something other than another `fas` keeps the lock. */
const GIVE_UP_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  nonce: string;
}

/**
 * Runs `work` while holding `${path}.lock` in the name of process `pid`.
 * Errors creating the lock are thrown as they come (ErrnoException).
 */
export async function withFileLock<T>(path: string, pid: number, work: () => T | Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const mine = JSON.stringify({ pid, host: hostname(), nonce: nonce(pid) } satisfies Holder);
  const started = Date.now();
  for (let delay = 5; ; delay = Math.min(100, delay * 2)) {
    if (tryCreate(lock, mine, pid)) break;
    refuseForeign(lock, path);
    const seen = readHolder(lock);
    if (seen && isStale(lock, seen)) {
      breakStale(lock, seen.text, pid);
      continue;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      const who = seen?.holder ? ` (pid ${seen.holder.pid} on ${seen.holder.host})` : '';
      throw new ConfigError(`the config file ${path} stays locked by another fas${who}`, {
        hint: `if no fas is running, remove ${lock}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
  }
  try {
    return await work();
  } finally {
    release(lock, mine);
  }
}

/**
 * A lock fas makes is a plain file. Anything else in its place (a directory,
 * a symlink, dangling or not) was put there otherwise and is never released
 * or judged stale: said at once, rather than after waiting for it.
 */
function refuseForeign(lock: string, path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(lock);
  } catch {
    return; // released meanwhile: try again
  }
  if (stats.isFile()) return;
  const what = stats.isDirectory() ? 'a directory' : stats.isSymbolicLink() ? 'a symbolic link' : 'not a file';
  throw new ConfigError(`cannot lock the config file ${path}: ${lock} is ${what}, not a lock fas made`, {
    hint: `remove ${lock} if nothing else uses it`,
  });
}

function nonce(pid: number): string {
  return `${pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
}

/** True when the lock was ours to take; false when someone holds it. */
function tryCreate(lock: string, content: string, pid: number): boolean {
  const aside = `${lock}.${nonce(pid)}`;
  writeFileSync(aside, content, { mode: 0o600 });
  try {
    linkSync(aside, lock);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(aside);
  }
}

function readHolder(lock: string): { text: string; holder: Holder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined; // released meanwhile: try again
  }
  try {
    const h = JSON.parse(text) as Holder;
    return { text, holder: typeof h?.pid === 'number' && typeof h.host === 'string' ? h : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

function isStale(lock: string, seen: { holder: Holder | undefined }): boolean {
  const h = seen.holder;
  if (h && h.host === hostname() && !processAlive(h.pid)) return true;
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * Moves the stale lock aside. Two waiters may judge the same lock stale; the
 * second may then move the first one's fresh lock, so what was moved is
 * checked, and a fresh lock is put back (a link never replaces a file).
 */
function breakStale(lock: string, staleText: string, pid: number): void {
  const aside = `${lock}.${nonce(pid)}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // already gone
  }
  try {
    if (readFileSync(aside, 'utf8') !== staleText) linkSync(aside, lock);
  } catch {
    // a new lock took its place: that one wins
  } finally {
    try {
      unlinkSync(aside);
    } catch {}
  }
}

function release(lock: string, mine: string): void {
  try {
    // Only our own: after a hold judged stale, the lock may be another's.
    if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
  } catch {}
}
