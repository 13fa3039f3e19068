// One class per kind of failure, each with the exit code of its kind (see
// EXIT_CODES). The client throws them with structured fields saying what
// went wrong (`code`, `status`, `executionId`, ...) and never a word about
// a command line; the CLI's one handler turns each into a line on stderr,
// adds what to do next from those fields, and exits with the kind's code.

/** What went wrong, more precisely than the kind: set by the client where a program may act on it. */
export type ErrorCode =
  /** Nothing listens at the API URL. */
  | 'connection_refused'
  | 'connect_timeout'
  /** The connection broke after the request went out, before the answer came. */
  | 'connection_closed'
  /** One attempt took longer than its time limit (requestTimeoutMs). */
  | 'request_timeout'
  /** The call's own deadline (a wait's timeout) came before the server's answer. */
  | 'deadline_reached'
  | 'host_not_found'
  | 'connection_failed'
  /** 429 after the last retry. */
  | 'rate_limited'
  /** The server asked (Retry-After) to wait longer than the call had left. */
  | 'retry_after'
  /** What answered is not the API: an HTML page, a 404 that is not JSON, a 1xx or 3xx, no object. */
  | 'not_the_api'
  /** A redirect, which is never followed (the token would go with it). */
  | 'redirect'
  /** 401 or 403. */
  | 'token_rejected'
  /** The same Idempotency-Key was sent before with another request. */
  | 'idempotency_key_reused'
  /** The API URL is not http(s), or is not a URL at all. */
  | 'invalid_url'
  /** The API URL carries a user name or password. */
  | 'url_credentials'
  /** Plain http:// to a host that is not loopback, without `insecure`. */
  | 'insecure_url'
  /** A wait ended before its execution did (`executionId`): it may still finish. */
  | 'execution_unfinished'
  /** Work was accepted (`executionId`), but reading about it failed until the deadline: it goes on. */
  | 'execution_unread'
  /** A wait for a bid (`resourceId`) to be filled ended first. */
  | 'bid_unfilled'
  /** No token to call the API with. */
  | 'no_token'
  /** A market's price history has no point in the window asked for: nothing to replay. */
  | 'no_price_history'
  /** An id prefix (or a spot's hostname) names several resources: see AmbiguousIdError. */
  | 'ambiguous_id'
  /** The events asked for are no longer kept, or the cursor is not one the server gave (410); see CursorExpiredError. */
  | 'cursor_expired';

export type ResourceType = 'spot' | 'execution' | 'bid';

export interface FasErrorOptions {
  cause?: unknown;
  /** A second line telling a person what to do next; the client never sets one (see FasError.hint). */
  hint?: string | undefined;
  code?: ErrorCode | undefined;
  /** The HTTP status of the answer that failed. */
  status?: number | undefined;
  /** The API URL the request went to. */
  url?: string | undefined;
  executionId?: string | undefined;
  /** The resource the failure is about, with `resourceType`. */
  resourceId?: string | undefined;
  resourceType?: ResourceType | undefined;
  retryAfterMs?: number | undefined;
}

export abstract class FasError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: ErrorCode | undefined;
  /**
   * A second line telling a person what to do next. The client leaves it
   * unset: its errors say what happened in their fields, and a program
   * decides what to advise (fas's CLI does so in src/cli/hints.ts).
   */
  hint: string | undefined;
  readonly status: number | undefined;
  readonly url: string | undefined;
  readonly executionId: string | undefined;
  readonly resourceId: string | undefined;
  readonly resourceType: ResourceType | undefined;
  /**
   * Set when the server asked (Retry-After) to wait longer than the call had
   * left: asking again sooner would go against its word, so a wait ends here.
   */
  readonly retryAfterMs: number | undefined;
  /**
   * On a request that creates or removes something whose answer was lost (the
   * connection broke after it was sent, it timed out, or a 5xx came back): the
   * Idempotency-Key it carried. Sent again with the same key, the request is
   * answered with the first answer instead of being done twice. Also set with
   * the code `idempotency_key_reused`.
   */
  idempotencyKey: string | undefined;
  /** True when the work may have been done although the call failed (see idempotencyKey). */
  mayHaveSucceeded: boolean | undefined;

  constructor(message: string, options: FasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.code = options.code;
    this.status = options.status;
    this.url = options.url;
    this.executionId = options.executionId;
    this.resourceId = options.resourceId;
    this.resourceType = options.resourceType;
    this.retryAfterMs = options.retryAfterMs;
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

/** One of the resources an ambiguous name stands for. */
export interface IdMatch {
  id: string;
  /** A spot's hostname. */
  hostname?: string | undefined;
}

/**
 * An id prefix (or a spot's hostname) that names several resources (409
 * with `matches`): nothing was done. A longer prefix, or the full id, names one.
 */
export class AmbiguousIdError extends UsageError {
  constructor(
    message: string,
    /** The first of them (the API lists up to 10), by id. */
    readonly matches: readonly IdMatch[],
    /** How many it names in all. */
    readonly total: number,
    options: FasErrorOptions = {},
  ) {
    super(message, { ...options, code: 'ambiguous_id' });
  }
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

  constructor(message: string, status: number | undefined, options: FasErrorOptions = {}) {
    super(message, { ...options, status: status ?? options.status });
  }
}

/**
 * The events asked for (after a cursor, or since a time) are no longer
 * kept, or the cursor is not one the server gave (410). Reading can resume
 * from `oldestCursor` without a gap from there on; what came before it is lost.
 */
export class CursorExpiredError extends ServerError {
  readonly oldestCursor: string | undefined;

  constructor(message: string, status: number, options: FasErrorOptions & { oldestCursor?: string | undefined } = {}) {
    super(message, status, { ...options, code: 'cursor_expired' });
    this.oldestCursor = options.oldestCursor;
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
