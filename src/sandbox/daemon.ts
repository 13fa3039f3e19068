// Running the sandbox in the background and finding it again: the serving
// process records itself in <data>/sandbox.json; stop and status read it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { NetworkError, UsageError } from '../errors.js';
import { logFile, stateFile, type SandboxState } from './paths.js';

export function readState(dataDir: string): SandboxState | undefined {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
    return typeof s.pid === 'number' && typeof s.url === 'string' ? s : undefined;
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

/** GET /_sandbox/health; resolves false rather than throwing. */
export function healthy(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/_sandbox/health`, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDetached(
  args: string[],
  opts: { dataDir: string; cliEntry: string; env?: Record<string, string> },
): Promise<{ url: string; pid: number }> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const log = openSync(logFile(opts.dataDir), 'a');
  const child = spawn(process.execPath, [opts.cliEntry, ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...opts.env },
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new UsageError(`the sandbox did not start (exit ${exited}): ${lastLine(opts.dataDir)}`);
    }
    const state = readState(opts.dataDir);
    if (state && state.pid === child.pid && (await healthy(state.url))) return { url: state.url, pid: state.pid };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new NetworkError(`the sandbox did not answer within 15 s: ${lastLine(opts.dataDir)}`);
}

function lastLine(dataDir: string): string {
  try {
    const lines = readFileSync(logFile(dataDir), 'utf8').trim().split('\n');
    return lines.filter((l) => l.startsWith('Error:')).at(-1) ?? lines.at(-1) ?? 'no log';
  } catch {
    return 'no log';
  }
}

export async function stopSandbox(dataDir: string): Promise<{ stopped: boolean; pid?: number }> {
  const state = readState(dataDir);
  if (!state || !processAlive(state.pid)) {
    rmSync(stateFile(dataDir), { force: true });
    return { stopped: false };
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (processAlive(state.pid)) {
    if (Date.now() > deadline) {
      process.kill(state.pid, 'SIGKILL');
      break;
    }
    await sleep(25);
  }
  rmSync(stateFile(dataDir), { force: true });
  return { stopped: true, pid: state.pid };
}

export async function sandboxStatus(dataDir: string): Promise<{ running: boolean; url: string | null; pid: number | null; data_dir: string }> {
  const state = readState(dataDir);
  const running = Boolean(state && processAlive(state.pid) && (await healthy(state.url)));
  return { running, url: running ? state!.url : null, pid: running ? state!.pid : null, data_dir: dataDir };
}
