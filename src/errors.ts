// One class per kind of failure. The client throws them, the CLI throws them,
// and a single handler at the top of the CLI turns each into one line on
// stderr and the exit code of its kind (see EXIT_CODES).

export interface FasErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
}

export abstract class FasError extends Error {
  abstract readonly kind: ErrorKind;
  /** A second line telling the user what to do next. */
  readonly hint: string | undefined;
  /**
   * On a request that creates or removes something whose answer was lost (the
   * connection broke after it was sent, it timed out, or a 5xx came back): the
   * Idempotency-Key it carried. Sent again with the same key, the request is
   * answered with the first answer instead of being done twice.
   */
  readonly idempotencyKey?: string | undefined;
  /** True when the work may have been done although the call failed (see idempotencyKey). */
  readonly mayHaveSucceeded?: boolean | undefined;

  constructor(message: string, options: FasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

export type ErrorKind =
  | 'usage'
  | 'auth'
  | 'not_found'
  | 'conflict'
  | 'network'
  | 'server'
  | 'config'
  | 'execution_failed'
  | 'timeout'
  | 'interrupted';

/** The documented exit codes (README, `fas --help`). */
export const EXIT_CODES: Record<ErrorKind | 'ok', number> = {
  ok: 0,
  network: 1,
  server: 1,
  config: 1,
  usage: 2,
  auth: 3,
  not_found: 4,
  execution_failed: 5,
  timeout: 6,
  conflict: 7,
  interrupted: 130,
};

/** Bad flags or values, or a request the server rejected as invalid (422). */
export class UsageError extends FasError {
  readonly kind = 'usage';
}

/** Missing or wrong token (401). */
export class AuthError extends FasError {
  readonly kind = 'auth';
}

export class NotFoundError extends FasError {
  readonly kind = 'not_found';
}

/** The resource's state forbids the request (409). */
export class ConflictError extends FasError {
  readonly kind = 'conflict';
}

/** The server could not be reached, or the connection broke. */
export class NetworkError extends FasError {
  readonly kind = 'network';
  /**
   * False when trying again soon would not help: nothing has ever answered at
   * the API URL (connection refused before any answer), so waiting on it would
   * only hide that.
   */
  readonly transient: boolean;

  constructor(message: string, options: FasErrorOptions & { transient?: boolean } = {}) {
    super(message, options);
    this.transient = options.transient ?? true;
  }
}

/** The server answered with an error it gave no better kind to, or with something unreadable. */
export class ServerError extends FasError {
  readonly kind = 'server';
  /**
   * Set when the server asked (Retry-After) to wait longer than the call had
   * left: asking again sooner would go against its word, so a wait ends here.
   */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    readonly status: number | undefined,
    options: FasErrorOptions & { retryAfterMs?: number } = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The local configuration cannot be read or written. */
export class ConfigError extends FasError {
  readonly kind = 'config';
}

export class ExecutionFailedError extends FasError {
  readonly kind = 'execution_failed';
}

/** A wait ran past its deadline; the work itself may still finish. */
export class TimeoutError extends FasError {
  readonly kind = 'timeout';
}

export class InterruptedError extends FasError {
  readonly kind = 'interrupted';
}
