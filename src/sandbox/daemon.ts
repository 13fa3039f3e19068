// Finding a sandbox that serves a data directory, stopping it and telling its
// status. The lock on <data>/sandbox.lock tells whether a sandbox serves a
// data directory; the serving process records where in <data>/sandbox.json.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../errors.js';
import { dataLockHeld } from './data-lock.js';
import { lockFile, stateFile, type SandboxState } from './paths.js';
import { processAlive } from '../process-alive.js';

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

/**
 * True when the sandbox that `state` records answers at its URL as that
 * very process: its health check, asked with its token, gives its pid. A pid
 * alone proves little: after a crash or a reboot the number may belong to
 * some other program, which must never be signalled.
 */
export function answers(state: SandboxState, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = { authorization: `Token ${state.token}` };
    let req: ClientRequest;
    try {
      req = request(`${state.url}/_sandbox/health`, { timeout: timeoutMs, headers }, onAnswer);
    } catch {
      // A record no request can carry (a token with a line break, written by
      // an older fas, or a hand-edited file): it is not seen to answer, and
      // `stop` still knows the process by its command line.
      return resolve(false);
    }
    function onAnswer(res: IncomingMessage): void {
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
    }
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
