// Running the sandbox in the background and finding it again: the serving
// process records itself in <data>/sandbox.json; stop and status read it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { ConfigError, ConflictError, EXIT_CODES, type FasError, NetworkError, ServerError, UsageError } from '../errors.js';
import { dataDirError, logFile, stateFile, type SandboxState } from './paths.js';

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

/**
 * True when the sandbox that `state` records answers at its URL as that
 * very process. A pid alone proves little: after a crash or a reboot the
 * number may belong to some other program, which must never be signalled.
 */
export function answers(state: SandboxState, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${state.url}/_sandbox/health`, { timeout: timeoutMs }, (res) => {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDetached(
  args: string[],
  opts: { dataDir: string; cliEntry: string; env?: Record<string, string> },
): Promise<{ url: string; pid: number }> {
  let log: number;
  let logStart: number;
  try {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    log = openSync(logFile(opts.dataDir), 'a');
    logStart = fstatSync(log).size;
  } catch (err) {
    throw dataDirError(opts.dataDir, err);
  }
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
    if (exited !== undefined) throw childError(exited, newLog(opts.dataDir, logStart));
    const state = readState(opts.dataDir);
    if (state && state.pid === child.pid && (await answers(state))) return { url: state.url, pid: state.pid };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new NetworkError('the sandbox did not answer within 15 s', { hint: `its log: ${logFile(opts.dataDir)}` });
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

export async function stopSandbox(dataDir: string): Promise<{ stopped: boolean; pid?: number }> {
  const state = readState(dataDir);
  // Ours when it answers as itself, or (hung) still runs `fas sandbox start`; otherwise the record is stale.
  if (!state || !processAlive(state.pid) || !((await answers(state)) || runsSandbox(state.pid))) {
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
  const running = Boolean(state && processAlive(state.pid) && (await answers(state)));
  return { running, url: running ? state!.url : null, pid: running ? state!.pid : null, data_dir: dataDir };
}
