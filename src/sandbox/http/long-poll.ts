// Long polls (`GET /api/executions/{id}?wait=`, `GET /api/events?wait=`): a
// request held until what it waits for happens, its time runs out or the
// client goes. What is waited on has a key (an execution, an account's
// feed); the store's notifier wakes the keys of what each commit changed.
import type { Committed } from '../store/notifier.js';

/** The key of a long poll on an execution. */
export const executionKey = (id: string): string => `execution ${id}`;
/** The key of a long poll on an account's events. */
export const accountKey = (account: string): string => `account ${account}`;

/** The keys a commit wakes. */
export function keysOf({ executions, accounts }: Committed): string[] {
  return [...[...executions].map(executionKey), ...[...accounts].map(accountKey)];
}

export class Waiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** `subscribe` hands over the function that wakes keys; it must call it only once a change is committed. */
  constructor(subscribe: (wake: (keys: Iterable<string>) => void) => void) {
    subscribe((keys) => {
      for (const key of keys) for (const wake of this.waiting.get(key) ?? []) wake();
    });
  }

  /** Resolves when `isOver()` says so (asked at each wake of `key`), after `seconds`, or on `signal`. */
  until(key: string, seconds: number, signal: AbortSignal, isOver: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      // A client gone before the wait began (while its body was read, or a fault's latency) fires no abort to listen for.
      if (signal.aborted) return resolve();
      const set = this.waiting.get(key) ?? new Set();
      this.waiting.set(key, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) this.waiting.delete(key);
        signal.removeEventListener('abort', done);
        resolve();
      };
      // Woken by every change (an execution's pending -> started too, any event of the account); only what isOver says counts.
      const wake = () => {
        if (isOver()) done();
      };
      const timer = setTimeout(done, seconds * 1000);
      set.add(wake);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
