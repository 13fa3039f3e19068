// Where a sandbox keeps its data. Kept apart from the server so that
// `fas sandbox stop|status` need not load the database.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { systemReason } from '../system-reason.js';

/** `env`: the environment to read it from (the CLI passes its own; default the process's). */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  const home = env.HOME || homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'fas', 'sandbox');
    case 'win32':
      return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'fas', 'sandbox');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'fas', 'sandbox');
  }
}

export const stateFile = (dataDir: string) => join(dataDir, 'sandbox.json');
export const tokenFile = (dataDir: string) => join(dataDir, 'token');
export const logFile = (dataDir: string) => join(dataDir, 'sandbox.log');
export const databaseFile = (dataDir: string) => join(dataDir, 'sandbox.db');
export const lockFile = (dataDir: string) => join(dataDir, 'sandbox.lock');

/**
 * What the serving process writes to sandbox.json once it listens. While
 * the data directory's lock is held it is the holder's; the token (the file
 * is 0600, like the token file) lets `fas` check that the process at `url`
 * is that very sandbox before it signals it or saves a profile for it.
 */
export interface SandboxState {
  pid: number;
  url: string;
  host: string;
  port: number;
  started_at: string;
  token: string;
  /** How it runs, as its options made it (absent in a record of an older fas): what a second start compares. */
  serves?: ServingOptions;
}

/** A running sandbox's options, as a start could ask for them. */
export interface ServingOptions {
  admin: boolean;
  /** The fault spec in its written-out form (`drop=0.1,503=0.1`); '' for none. */
  faults: string;
  volatility: string;
  provision_seconds: number;
  fail_rate: number;
  seed: number;
  /** 0 for no limit. */
  rate_limit: number;
}

/**
 * What went wrong with a data directory, as the one line a person can act
 * on: a path below a file, no permission, a database file that is not one.
 * Anything else is left as it is.
 */
export function dataDirError(dataDir: string, err: unknown): unknown {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return err;
  if (code.startsWith('SQLITE_')) {
    return new ConfigError(`cannot open the sandbox database ${databaseFile(dataDir)}: ${message}`, {
      cause: err,
      hint: 'move it aside to start afresh, or start with another --data',
    });
  }
  if (!/^E[A-Z]+$/.test(code)) return err;
  return new ConfigError(`cannot use the data directory ${dataDir}: ${systemReason(err)}`, { cause: err, hint: 'choose another with --data' });
}
