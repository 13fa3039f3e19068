// When the database cannot be written just now (another process holds a
// lock, the disk is full, the file turned read-only), the sandbox keeps
// serving: a request that needs to write is told to come back (503), a read
// is answered from what is written, and the work in the background tries
// again on its next round.

// Failures of the database's surroundings, which can clear without the
// sandbox doing anything; any other error is a fault in the request or the sandbox.
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOMEM)(_|$)/;

/** The SQLite code when `err` says the database is unusable for now, else undefined. */
export function databaseUnavailable(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code) ? code : undefined;
}

/** Seconds a client is asked to wait when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Runs the jobs of the background (moving executions, moving the market)
 * and says once when they start failing and once when they all work again;
 * a failure never escapes to end the process. Each job is followed on its
 * own: on a full disk a job with nothing to write still runs through while
 * another fails, which must not read as the sandbox recovering, nor a
 * reason worded otherwise (SQLITE_FULL, then SQLITE_IOERR) as a new failure.
 */
export class Background {
  /** The jobs failing now, each with the reason it first gave. */
  private readonly failing = new Map<string, string>();

  constructor(private readonly log: (line: string) => void) {}

  /** True when `work` ran through. */
  run(job: string, work: () => void): boolean {
    try {
      work();
    } catch (err) {
      this.failed(job, err);
      return false;
    }
    if (this.failing.delete(job) && this.failing.size === 0) this.log('sandbox: background work runs again');
    return true;
  }

  failed(job: string, err: unknown): void {
    if (this.failing.has(job)) return;
    const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
    const reason = `${typeof message === 'string' ? message : String(err)}${typeof code === 'string' ? ` (${code})` : ''}`;
    this.failing.set(job, reason);
    if (this.failing.size === 1) this.log(`sandbox: background work failed: ${reason}; retrying every second`);
  }
}
