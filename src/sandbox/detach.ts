// `fas sandbox start --detach`: the sandbox runs in a background process of
// its own. That process is `fas sandbox start --data DIR` (so that `ps`,
// `fas sandbox stop` and people can tell what it is), handed its options as
// JSON in one environment variable, never in argv, where the token would
// show. When it fails to start, it writes why to a file of its own in the
// data directory (kind, message, hint), which the starting process reads.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthError, ConfigError, ConflictError, EXIT_CODES, type ErrorKind, FasError, NetworkError, NotFoundError, ServerError, UsageError } from '../errors.js';
import { answers, readState, servingSandbox } from './daemon.js';
import { differences, type Askable } from './differences.js';
import { dataDirError, logFile, type SandboxState } from './paths.js';
import { privateDir, writePrivateFile } from './private-files.js';
import { startSandbox, type SandboxOptions } from './index.js';

const HANDOVER = 'FAS_SANDBOX_HANDOVER';
const ANSWER_WITHIN_MS = 15_000;

/** What `fas sandbox start` was asked for, as the background process gets it. */
export type StartOptions = Pick<SandboxOptions, 'dataDir' | 'host' | 'port' | 'provisionSeconds' | 'failRate' | 'seed' | 'volatility' | 'admin' | 'faults' | 'rateLimit'> & {
  /** The sandbox's token, when one was given on purpose (--token, FAS_TOKEN). */
  token?: string | undefined;
};

interface Handover {
  options: StartOptions;
  /** Where the background process says why it could not start. */
  failureFile: string;
}

interface Failure {
  kind: ErrorKind | 'unexpected';
  message: string;
  hint?: string | undefined;
}

export interface DetachedSandbox {
  url: string;
  pid: number;
  token: string;
  /** True when a sandbox already served the data directory, and this one was not started. */
  already: boolean;
}

/**
 * Starts the sandbox in the background and returns once it answers; or,
 * when a sandbox already serves the data directory (found before, or by the
 * background process losing the race for the lock), returns that one, so
 * long as it does what the options `given` on the command line ask.
 */
export async function startDetached(options: StartOptions, cliEntry: string, given: ReadonlySet<Askable> = new Set()): Promise<DetachedSandbox> {
  const { dataDir } = options;
  const serving = await servingSandbox(dataDir);
  if (serving) return already(serving, options, given);
  let log: number;
  let logStart: number;
  try {
    privateDir(dataDir);
    log = openSync(logFile(dataDir), 'a', 0o600);
    fchmodSync(log, 0o600);
    logStart = fstatSync(log).size;
  } catch (err) {
    throw dataDirError(dataDir, err);
  }
  const handover: Handover = { options, failureFile: join(dataDir, `start-failure-${randomBytes(4).toString('hex')}.json`) };
  const child = spawn(process.execPath, [cliEntry, 'sandbox', 'start', '--data', dataDir], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, [HANDOVER]: JSON.stringify(handover) },
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const failure = readFailure(handover.failureFile);
      // Another start won the lock meanwhile; the background process waited until it served.
      const winner = exited === EXIT_CODES.conflict ? await servingSandbox(dataDir) : undefined;
      if (winner) return already(winner, options, given);
      throw failure ?? stoppedAtStart(exited, dataDir, logStart);
    }
    const state = readState(dataDir);
    if (state && state.pid === child.pid && (await answers(state))) return { url: state.url, pid: state.pid, token: state.token, already: false };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new NetworkError(`the sandbox did not answer within ${ANSWER_WITHIN_MS / 1000} s`, { hint: `its log: ${logFile(dataDir)}` });
}

/** True in the background process of a --detach start. */
export function inBackground(): boolean {
  return process.env[HANDOVER] !== undefined;
}

/**
 * The background process: serves with the options it was handed until
 * SIGTERM or `signal`. A failure to start is written where the starting
 * process looks, then thrown, for the log to say too.
 */
export async function serveInBackground(signal: AbortSignal): Promise<void> {
  const handover = JSON.parse(process.env[HANDOVER]!) as Handover;
  delete process.env[HANDOVER];
  const { token, ...options } = handover.options;
  let running;
  try {
    running = await startSandbox({ ...options, tokens: token ? [token] : [] });
  } catch (err) {
    writeFailure(handover.failureFile, err);
    throw err;
  }
  process.stderr.write(`sandbox serving ${running.url} in the background (pid ${process.pid}, data in ${options.dataDir})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
  process.stderr.write('sandbox stopped\n');
}

/**
 * The sandbox already serving, so long as the token asked for (if any) is
 * one it takes, and it runs as the options given ask: one returned without
 * them would fail later, far from the cause (a price set without --admin).
 */
async function already(state: SandboxState, options: StartOptions, given: ReadonlySet<Askable>): Promise<DetachedSandbox> {
  const { token, dataDir } = options;
  if (token && token !== state.token && !(await answers({ ...state, token }))) {
    throw new ConflictError(`a sandbox already serves ${dataDir} at ${state.url} (pid ${state.pid}), with another token`, {
      hint: `stop it first: fas sandbox stop --data ${dataDir}`,
    });
  }
  const unlike = differences(state, options, given);
  if (unlike.length) {
    throw new ConflictError(`a sandbox already serves ${dataDir} at ${state.url} (pid ${state.pid}), not as asked: ${unlike.join('; ')}`, {
      hint: `to restart it as asked, stop it first (its spots, bids and executions are kept): fas sandbox stop --data ${dataDir}, then run this again`,
    });
  }
  return { url: state.url, pid: state.pid, token: token ?? state.token, already: true };
}

function writeFailure(file: string, err: unknown): void {
  const failure: Failure =
    err instanceof FasError
      ? { kind: err.kind, message: err.message, hint: err.hint }
      : { kind: 'unexpected', message: err instanceof Error ? err.message : String(err) };
  try {
    writePrivateFile(file, JSON.stringify(failure));
  } catch {
    // A data directory that cannot be written: the starting process says so from the exit alone.
  }
}

const KINDS: Partial<Record<ErrorKind, new (message: string, options: { hint?: string | undefined }) => FasError>> = {
  usage: UsageError,
  auth: AuthError,
  not_found: NotFoundError,
  conflict: ConflictError,
  config: ConfigError,
  network: NetworkError,
};

/** The background process's own error, as it wrote it; undefined when it wrote none. */
function readFailure(file: string): FasError | undefined {
  let failure: Failure;
  try {
    failure = JSON.parse(readFileSync(file, 'utf8')) as Failure;
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
  const Kind = failure.kind === 'unexpected' ? undefined : KINDS[failure.kind];
  if (Kind) return new Kind(failure.message, { hint: failure.hint });
  return new ServerError(`the sandbox could not start: ${failure.message}`, undefined, { hint: failure.hint });
}

/** A background process that ended without saying why (killed, or unable to write): its exit and its log's last line. */
function stoppedAtStart(exitCode: number | null, dataDir: string, logStart: number): FasError {
  let last = '';
  try {
    last = readFileSync(logFile(dataDir)).subarray(logStart).toString('utf8').trim().split('\n').at(-1) ?? '';
  } catch {
    // no log to quote
  }
  return new ServerError(`the sandbox stopped as it started (exit ${exitCode}): ${last || 'nothing in its log'}`, undefined, {
    hint: `its log: ${logFile(dataDir)}`,
  });
}
