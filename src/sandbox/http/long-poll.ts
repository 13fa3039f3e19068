// Long polls (`GET /api/executions/{id}?wait=`): a request held until the
// execution ends, its time runs out or the client goes.
import type { Service } from '../service/service.js';

export class Waiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(service: Service) {
    // Told once each change is committed, so an end that is rolled back is never heard of.
    service.onChange((changed) => {
      for (const id of changed) for (const wake of this.waiting.get(id) ?? []) wake();
    });
  }

  /** Resolves when `isOver()` says so (asked at each change of the execution), after `seconds`, or on `signal`. */
  until(id: string, seconds: number, signal: AbortSignal, isOver: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      this.waiting.set(id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) this.waiting.delete(id);
        signal.removeEventListener('abort', done);
        resolve();
      };
      // Woken by every change (pending -> started too); only the end counts.
      const wake = () => {
        if (isOver()) done();
      };
      const timer = setTimeout(done, seconds * 1000);
      set.add(wake);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
