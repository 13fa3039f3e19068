// Long polls (`GET /api/executions/{id}?wait=`, `GET /api/events?wait=`): a
// request held until what it waits for happens, its time runs out or the
// client goes. What is waited on has a key (an execution's id, an account's
// feed); whoever changes it wakes that key once the change is committed.
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
