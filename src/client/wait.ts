// Following an execution to its end. The server's long poll (`?wait=`) makes
// this one request per minute of waiting; a server that ignores it is polled
// with a backoff instead. Transient failures never end the wait early: only
// its deadline does.
import type { Execution } from '../api/types.js';
import { MAX_WAIT_SECONDS } from '../api/types.js';
import { ExecutionFailedError, InterruptedError, NetworkError, ServerError, TimeoutError, type FasErrorOptions } from '../errors.js';
import { deadlineOf, reachedDeadline, signalUntil, timeoutOf } from './deadline.js';
import { sleep } from './timer.js';
import { isFinal } from '../api/values.js';
import type { CallOptions } from './call.js';

/** The options of a call that waits; `onProgress` is told each state seen (an execution, a bid). */
export interface WaitOptions<P = Execution> extends CallOptions {
  /** Give up after this long (any length: beyond what one timer holds, too). Default 10 minutes. */
  timeoutMs?: number | undefined;
  /**
   * The same as an instant (epoch ms), for a wait that is part of a longer
   * call; it wins over timeoutMs, which then only names the time in messages.
   */
  deadline?: number | undefined;
  /** Called with each state seen, e.g. to show progress. */
  onProgress?: ((value: P) => void) | undefined;
}

const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 10_000;

/** `deadline` (epoch ms) is passed on so that the request's retries never wait past it. */
export type GetExecution = (id: string, waitSeconds: number | undefined, signal: AbortSignal, deadline: number) => Promise<Execution>;

export async function waitForExecution(get: GetExecution, id: string, options: WaitOptions = {}): Promise<Execution> {
  const timeoutMs = timeoutOf(options);
  const deadline = deadlineOf({ ...options, wait: true });
  let longPoll = true;
  let pollMs = POLL_FIRST_MS;
  let last: Execution | undefined;

  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut(id, timeoutMs, last);
    const holdSeconds = longPoll ? Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.floor(remaining / 1000))) : undefined;
    const asked = Date.now();
    // Retries inside one request (after a dropped long poll, say) must not
    // carry the wait past its deadline.
    const { signal, expired, dispose } = signalUntil(options.signal, deadline);
    try {
      // By its full id once known: a prefix may come to name another execution meanwhile.
      last = await get(last?.id ?? id, holdSeconds, signal, deadline);
      options.onProgress?.(last);
      if (isFinal(last)) return executionResult(last);
      // A server that honours ?wait= only answers early with a final status.
      if (holdSeconds !== undefined && Date.now() - asked < holdSeconds * 500) longPoll = false;
    } catch (err) {
      if (expired() || reachedDeadline(err)) throw timedOut(id, timeoutMs, last);
      if (!waitRidesOut(err)) throw err;
    } finally {
      dispose();
    }
    if (!longPoll || Date.now() - asked < 1000) {
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())), options.signal);
      pollMs = Math.min(POLL_MAX_MS, Math.round(pollMs * 1.6));
    }
  }
}

/** A final execution as its result: itself when it completed, else the ExecutionFailedError it ended with, thrown. */
export function executionResult(execution: Execution): Execution {
  if (execution.status === 'completed') return execution;
  const why = execution.error ?? execution.status;
  throw new ExecutionFailedError(`execution ${execution.id} (${execution.operation}) ${execution.status}: ${why}`, {
    executionId: execution.id,
    resourceId: execution.resource_id ?? undefined,
    resourceType: execution.resource_id ? 'spot' : undefined,
  });
}

/**
 * Failures a wait rides out. Not: a server that never answered at all (the
 * wait would only hide it), one that asked to be left alone for longer than
 * the wait has, and answers that were there but made no sense.
 */
export function waitRidesOut(err: unknown): boolean {
  if (err instanceof InterruptedError) return false;
  if (err instanceof NetworkError) return err.transient;
  if (!(err instanceof ServerError) || err.status === undefined || err.retryAfterMs !== undefined) return false;
  return err.status >= 500 || err.status === 429;
}

function timedOut(id: string, timeoutMs: number, last: Execution | undefined): TimeoutError {
  const state = last ? ` (still ${last.status})` : '';
  return new TimeoutError(`gave up waiting for execution ${id} after ${formatMs(timeoutMs)}${state}`, {
    code: 'execution_unfinished',
    executionId: id,
  });
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms >= 48 * 3_600_000) return `${+(ms / 86_400_000).toFixed(1)} days`;
  const s = ms / 1000;
  return s < 120 ? `${+s.toFixed(1)} s` : `${+(s / 60).toFixed(1)} min`;
}

/**
 * Polls with backoff until `done` says so (or throws), riding out transient
 * failures; for resources without a long poll.
 */
export async function pollUntil<T>(
  fetch: (signal: AbortSignal, deadline: number) => Promise<T>,
  done: (value: T) => boolean,
  options: Omit<WaitOptions, 'onProgress'> & {
    what: string;
    /** What a TimeoutError says about the work waited for (its code, its ids). */
    onTimeout: FasErrorOptions;
  },
): Promise<T> {
  const timeoutMs = timeoutOf(options);
  const deadline = deadlineOf({ ...options, wait: true });
  let pollMs = POLL_FIRST_MS;
  for (let first = true; ; first = false) {
    const timedOutError = () =>
      new TimeoutError(`gave up waiting for ${options.what} after ${formatMs(timeoutMs)}`, options.onTimeout);
    // The first look is always taken, to its end, even with no time left:
    // what is due (the spot that a finished wait made) is then still read.
    const until = first && deadline <= Date.now() ? Infinity : deadline;
    const { signal, expired, dispose } = signalUntil(options.signal, until);
    try {
      const value = await fetch(signal, until);
      if (done(value)) return value;
    } catch (err) {
      if (expired() || reachedDeadline(err)) throw timedOutError();
      if (!waitRidesOut(err)) throw err;
    } finally {
      dispose();
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOutError();
    await sleep(Math.min(pollMs, remaining), options.signal);
    pollMs = Math.min(POLL_MAX_MS, Math.round(pollMs * 1.6));
  }
}
