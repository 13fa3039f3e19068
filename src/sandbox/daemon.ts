// Running the sandbox in the background and finding it again. The lock on
// <data>/sandbox.lock tells whether a sandbox serves a data directory; the
// serving process records where in <data>/sandbox.json, which stop and
// status read.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fchmodSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { ConfigError, ConflictError, EXIT_CODES, type FasError, NetworkError, ServerError, UsageError } from '../errors.js';
import { dataDirError, lockFile, logFile, stateFile, type SandboxState } from './paths.js';
import { dataLockHeld } from './data-lock.js';
import { privateDir } from './private-files.js';
import { setTimeout as sleep } from 'node:timers/promises';

export function readState(dataDir: string): SandboxState | undefined {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
    return typeof s.pid === 'number' && typeof s.url === 'string' && typeof s.token === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent never reaps it lingers as a zombie.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * True when the sandbox that `state` records answers at its URL as that
 * very process: its health check, asked with its token, gives its pid. A pid
 * alone proves little: after a crash or a reboot the number may belong to
 * some other program, which must never be signalled.
 */
export function answers(state: SandboxState, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = { authorization: `Token ${state.token}` };
    const req = request(`${state.url}/_sandbox/health`, { timeout: timeoutMs, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 64 * 1024) req.destroy();
      });
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 && (JSON.parse(body) as { pid?: unknown }).pid === state.pid);
        } catch {
          resolve(false);
        }
      });
      res.on('error', () => resolve(false));
      res.on('close', () => resolve(false)); // cut short: no 'end' comes
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Linux only: whether the process runs `fas sandbox start`, for one that is alive but does not answer. */
function runsSandbox(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = args.indexOf('sandbox');
    return at >= 0 && args[at + 1] === 'start';
  } catch {
    return false;
  }
}


/** The sandbox that serves `dataDir`, if one does: the lock is held and its process answers as itself. */
export async function servingSandbox(dataDir: string): Promise<SandboxState | undefined> {
  if (!dataLockHeld(dataDir)) return undefined;
  const state = readState(dataDir);
  return state && (await answers(state)) ? state : undefined;
}

export interface DetachedSandbox {
  url: string;
  pid: number;
  token: string;
  /** True when a sandbox already served the data directory, and this one was not started. */
  already: boolean;
}

/**
 * Starts `fas sandbox start` in the background and returns once it answers;
 * or, when a sandbox already serves the data directory (found before, or
 * by the background process losing the race for the lock), returns that one.
 */
export async function startDetached(
  args: string[],
  opts: { dataDir: string; cliEntry: string; token?: string | undefined },
): Promise<DetachedSandbox> {
  const serving = await servingSandbox(opts.dataDir);
  if (serving) return already(serving, opts);
  let log: number;
  let logStart: number;
  try {
    privateDir(opts.dataDir);
    log = openSync(logFile(opts.dataDir), 'a', 0o600);
    fchmodSync(log, 0o600);
    logStart = fstatSync(log).size;
  } catch (err) {
    throw dataDirError(opts.dataDir, err);
  }
  const child = spawn(process.execPath, [opts.cliEntry, ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    // The token travels in the environment, not in argv where `ps` would show it.
    env: { ...process.env, ...(opts.token ? { FAS_TOKEN: opts.token } : {}) },
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      // Another start won the lock meanwhile; the background process waited until it served.
      const winner = exited === EXIT_CODES.conflict ? await servingSandbox(opts.dataDir) : undefined;
      if (winner) return already(winner, opts);
      throw childError(exited, newLog(opts.dataDir, logStart));
    }
    const state = readState(opts.dataDir);
    if (state && state.pid === child.pid && (await answers(state))) return { url: state.url, pid: state.pid, token: state.token, already: false };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new NetworkError('the sandbox did not answer within 15 s', { hint: `its log: ${logFile(opts.dataDir)}` });
}

/** The sandbox already serving, so long as the token asked for (if any) is one it takes. */
async function already(state: SandboxState, opts: { dataDir: string; token?: string | undefined }): Promise<DetachedSandbox> {
  if (opts.token && opts.token !== state.token && !(await answers({ ...state, token: opts.token }))) {
    throw new ConflictError(`a sandbox already serves ${opts.dataDir} at ${state.url} (pid ${state.pid}), with another token`, {
      hint: `stop it first: fas sandbox stop --data ${opts.dataDir}`,
    });
  }
  return { url: state.url, pid: state.pid, token: opts.token ?? state.token, already: true };
}

/** What this start wrote to the log (earlier runs' lines are not its story). */
function newLog(dataDir: string, from: number): string[] {
  try {
    return readFileSync(logFile(dataDir)).subarray(from).toString('utf8').trim().split('\n');
  } catch {
    return [];
  }
}

/** The background sandbox's own error, with its kind (from its exit code) and hint. */
function childError(exitCode: number | null, lines: string[]): FasError {
  const message = lines.find((l) => l.startsWith('Error: '))?.slice('Error: '.length);
  const hint = lines.find((l) => l.startsWith('Hint: '))?.slice('Hint: '.length);
  if (!message) {
    return new ServerError(`the sandbox stopped as it started (exit ${exitCode}): ${lines.at(-1) || 'nothing in its log'}`, undefined);
  }
  const Kind = exitCode === EXIT_CODES.usage ? UsageError : exitCode === EXIT_CODES.conflict ? ConflictError : ConfigError;
  return new Kind(message, { hint });
}

/** Waits up to `ms` for the data directory's lock to be let go; true when it was. */
async function released(dataDir: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (dataLockHeld(dataDir)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

export async function stopSandbox(dataDir: string): Promise<{ stopped: boolean; pid?: number }> {
  if (!dataLockHeld(dataDir)) {
    // Nobody serves: whatever sandbox.json says is stale.
    rmSync(stateFile(dataDir), { force: true });
    return { stopped: false };
  }
  const state = readState(dataDir);
  // Held, so the record is the holder's; still, signal only a process seen to be our sandbox:
  // answering as itself, or (hung) running `fas sandbox start`.
  if (!state || !((await answers(state)) || runsSandbox(state.pid))) {
    throw new ConflictError(`a process holds ${lockFile(dataDir)} but is not seen to be the sandbox serving ${dataDir}; it was not signalled`, {
      hint: 'a sandbox still starting? try again in a moment',
    });
  }
  process.kill(state.pid, 'SIGTERM');
  // Killed only while it still holds the lock as itself: a sandbox started since has its own record.
  if (!(await released(dataDir, 5000)) && processAlive(state.pid) && readState(dataDir)?.pid === state.pid) {
    process.kill(state.pid, 'SIGKILL');
    await released(dataDir, 5000);
  }
  rmSync(stateFile(dataDir), { force: true });
  return { stopped: true, pid: state.pid };
}

export async function sandboxStatus(dataDir: string): Promise<{ running: boolean; url: string | null; pid: number | null; data_dir: string }> {
  const state = await servingSandbox(dataDir);
  return { running: state !== undefined, url: state?.url ?? null, pid: state?.pid ?? null, data_dir: dataDir };
}
