// Starting again after the feed answered 410 (the events after the cursor
// are no longer kept). Once is what a watch away for days needs; a server
// that answers 410 to every cursor it gave a moment ago would have the
// watch (or a wait) start again without end, thousands of times a second.
// So each start again waits longer than the last, and after a few in a row
// with nothing read in between, the 410 is the error.
import type { CursorExpiredError } from '../../../errors.js';
import { sleep } from '../../../client/timer.js';

/** Starts again in a row, with no event read in between, before giving up. */
export const MAX_RESYNCS = 5;
const FIRST_DELAY_MS = 500;

export class Resyncs {
  private inARow = 0;

  /** An event came: the feed works, and the next 410 is the first again. */
  progressed(): void {
    this.inARow = 0;
  }

  /**
   * After a 410: waits before starting again (nothing the first time), or
   * throws `err` once that has happened too often in a row, saying so.
   */
  async next(err: CursorExpiredError, signal: AbortSignal): Promise<void> {
    this.inARow += 1;
    if (this.inARow > MAX_RESYNCS) {
      err.message = `${err.message}; gave up after starting again ${MAX_RESYNCS} times in a row with nothing read`;
      throw err;
    }
    if (this.inARow > 1) await sleep(FIRST_DELAY_MS * 2 ** (this.inARow - 2), signal);
  }
}
