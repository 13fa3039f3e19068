// Timers that hold any delay. Node's setTimeout holds at most 2^31-1 ms
// (about 24.8 days) and fires at once beyond it, so a "wait 30 days" would
// end immediately; longer delays here wait in chunks.
import { InterruptedError } from '../errors.js';

/** The longest delay one Node.js timer holds. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Timer {
  cancel(): void;
}

/**
 * Calls `fire` after `ms` (Infinity: never). `unref` lets the process exit
 * while only this timer is pending.
 */
export function after(ms: number, fire: () => void, { unref = false } = {}): Timer {
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  const due = performance.now() + ms;
  const arm = (left: number) => {
    if (cancelled || left === Infinity) return;
    handle = setTimeout(() => {
      const rest = due - performance.now();
      if (rest > 0) arm(rest);
      else fire();
    }, Math.min(Math.max(0, left), MAX_TIMER_MS));
    if (unref) handle.unref();
  };
  arm(ms);
  return {
    cancel() {
      cancelled = true;
      if (handle) clearTimeout(handle);
    },
  };
}

/** Resolves after `ms`; rejects with InterruptedError when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError('interrupted'));
    const onAbort = () => {
      timer.cancel();
      reject(new InterruptedError('interrupted'));
    };
    const timer = after(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
