// When a call ends, and what is left of it. A call is given a timeout
// (timeoutMs), or an instant (deadline, epoch ms) when it is part of a longer
// call. It becomes one instant here, once; everything inside the call (a
// wait's polls, a request's retries, one attempt's time limit) measures
// against that instant and is cut short by the signal it gives.
import { InterruptedError, TimeoutError } from '../errors.js';
import { after } from './timer.js';

/** How long a wait given no timeout goes on. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** What a caller says about how long a call may take. */
export interface DeadlineOptions {
  timeoutMs?: number | undefined;
  /** The same as an instant (epoch ms); it wins over timeoutMs, which then only names the time in messages. */
  deadline?: number | undefined;
  /** The call waits for its work to end: without a timeout, it ends DEFAULT_WAIT_TIMEOUT_MS from now. */
  wait?: boolean | undefined;
}

/**
 * The instant (epoch ms) a call ends: the deadline given, else timeoutMs from
 * now, else, for a call that waits, DEFAULT_WAIT_TIMEOUT_MS from now. A call
 * that does not wait and is given neither has none (undefined): only the
 * retry budget bounds its request.
 */
export function deadlineOf(options: DeadlineOptions & { wait: true }): number;
export function deadlineOf(options: DeadlineOptions): number | undefined;
export function deadlineOf({ timeoutMs, deadline, wait }: DeadlineOptions): number | undefined {
  if (deadline !== undefined) return deadline;
  if (timeoutMs === undefined && !wait) return undefined;
  return Date.now() + (timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
}

/** The time a wait names in its messages ("gave up waiting ... after 10 min"). */
export function timeoutOf({ timeoutMs }: DeadlineOptions): number {
  return timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
}

/** How long a call was given, as its messages say it: its timeout, else what is left of its deadline, else the default. */
export function givenMs({ timeoutMs, deadline }: DeadlineOptions): number {
  return timeoutMs ?? (deadline === undefined ? DEFAULT_WAIT_TIMEOUT_MS : deadline - Date.now());
}

/** What is left before `deadline`, in ms (never below 0); Infinity for none. */
export function msLeft(deadline: number | undefined): number {
  return deadline === undefined ? Infinity : Math.max(0, deadline - Date.now());
}

/** A request the deadline cut short (see transport.ts): the call's own time is up, whichever timer noticed first. */
export function reachedDeadline(err: unknown): err is TimeoutError {
  return err instanceof TimeoutError && err.code === 'deadline_reached';
}

export interface DeadlineSignal {
  signal: AbortSignal;
  /** Whether the deadline, not `outer`, ended it. */
  expired: () => boolean;
  /** Stops the timer once the signal is no longer needed. */
  dispose: () => void;
}

/**
 * A signal that aborts when `outer` does or at `deadline` (epoch ms; Infinity
 * or undefined: only with `outer`). Any deadline holds, beyond what one Node.js
 * timer holds too (see timer.ts).
 */
export function signalUntil(outer: AbortSignal | undefined, deadline: number | undefined): DeadlineSignal {
  const controller = new AbortController();
  let ran = false;
  const timer = after(
    msLeft(deadline),
    () => {
      ran = true;
      controller.abort(new InterruptedError('deadline reached'));
    },
    { unref: true },
  );
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => ran && !outer?.aborted,
    dispose() {
      timer.cancel();
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
