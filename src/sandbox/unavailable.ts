// When the database cannot be written just now (another process holds a
// lock, the disk is full, the file turned read-only), the sandbox keeps
// serving: a request that needs it is told to come back (503), and the
// work in the background tries again on its next round.

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
 * Runs background work and says, once, when it starts failing and when it
 * works again; a failure never escapes to end the process.
 */
export class Background {
  private failing: string | undefined;

  constructor(private readonly log: (line: string) => void) {}

  /** True when `work` ran through. */
  run(work: () => void): boolean {
    try {
      work();
    } catch (err) {
      this.failed(err);
      return false;
    }
    if (this.failing !== undefined) {
      this.failing = undefined;
      this.log('sandbox: background work runs again');
    }
    return true;
  }

  failed(err: unknown): void {
    const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
    const reason = `${typeof message === 'string' ? message : String(err)}${typeof code === 'string' ? ` (${code})` : ''}`;
    if (reason === this.failing) return;
    this.failing = reason;
    this.log(`sandbox: background work failed: ${reason}; retrying every second`);
  }
}
