// A data directory, made private, locked for this process and opened: its
// database, the seed its market keeps across restarts, and its tokens.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ConflictError } from '../errors.js';
import { answers, readState } from './daemon.js';
import { takeDataLock, type DataLock } from './data-lock.js';
import type { SandboxOptions } from './options.js';
import { steadySeed } from './market/steady.js';
import { VOLATILITIES, type Volatility } from './market/price-model.js';
import { databaseFile, lockFile, logFile, stateFile, tokenFile } from './paths.js';
import { privateDir, privateFile, tightenIfThere, writePrivateFile } from './private-files.js';
import { parseFaults } from './faults.js';
import { randomToken, Store } from './store/store.js';
import { checkToken } from './token.js';

function ownToken(dataDir: string): string {
  const file = tokenFile(dataDir);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return checkToken(token, `the token in ${file}`);
  }
  const token = randomToken();
  writePrivateFile(file, `${token}\n`);
  return token;
}

// Long enough for another sandbox to open its database and listen; a holder
// that takes longer is stuck, and said to be.
const LOCK_WAIT_MS = 10_000;

/**
 * The data directory's lock, once no other process holds it. One that
 * serves is named at once; one that holds it without serving yet (starting
 * up, or `fas sandbox status` looking) is waited for.
 */
async function lockDataDir(dataDir: string): Promise<DataLock> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const lock = takeDataLock(dataDir);
    if (lock) return lock;
    // While the lock is held, sandbox.json is the holder's: it answers as that very process.
    const serving = readState(dataDir);
    if (serving && (await answers(serving))) {
      throw new ConflictError(`a sandbox already serves ${dataDir} at ${serving.url} (pid ${serving.pid})`, {
        hint: `stop it with: fas sandbox stop --data ${dataDir}`,
      });
    }
    if (Date.now() > deadline) {
      throw new ConflictError(`another process holds ${lockFile(dataDir)} but serves nothing after ${LOCK_WAIT_MS / 1000} s`, {
        hint: 'end that process (a sandbox stuck starting), or choose another --data',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The data directory, checked, locked and opened: its database, seed, volatility and token. */
export async function openData(options: SandboxOptions) {
  const dataDir = options.dataDir;
  // Checked before anything is made or locked, so a typo costs nothing.
  const faultSpec = options.faults ? parseFaults(options.faults) : undefined;
  privateDir(dataDir);
  const lock = await lockDataDir(dataDir);
  try {
    // Ours now: a sandbox.json still here is a dead sandbox's.
    rmSync(stateFile(dataDir), { force: true });
    const file = databaseFile(dataDir);
    // SQLite gives its -wal and -shm files the database's own mode.
    privateFile(file);
    for (const other of [`${file}-wal`, `${file}-shm`, tokenFile(dataDir), logFile(dataDir)]) tightenIfThere(other);
    const store = new Store(file, { busyTimeoutMs: options.busyTimeoutMs });
    try {
      // The market's volatility and seed stay what the first start chose, so a restart shows the same market.
      const volatility = options.volatility ?? storedVolatility(store.meta('volatility'));
      store.setMeta('volatility', volatility);
      const stored = store.meta('seed');
      const seed = options.seed ?? (stored === undefined ? steadySeed(Math.floor(Math.random() * 2 ** 31), Date.now(), undefined, { volatility }) : Number(stored));
      store.setMeta('seed', String(seed));
      const tokens = options.tokens?.length ? options.tokens : [ownToken(dataDir)];
      return { lock, store, seed, volatility, tokens, faultSpec };
    } catch (err) {
      store.close();
      throw err;
    }
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** A hand-edited or older database without a known volatility has the default market. */
function storedVolatility(value: string | undefined): Volatility {
  return VOLATILITIES.find((v) => v === value) ?? 'normal';
}
