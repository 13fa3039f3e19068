// When a failed attempt is tried again, and after how long: exponential
// backoff with jitter, or the server's own Retry-After; never past the retry
// budget, the caller's deadline, or (for a server never heard from) a second.
import { NetworkError, ServerError, type FasError } from '../errors.js';

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
/**
 * The retry budget: the retries of one request end this long after its first
 * failure, whatever the retry count allows, so no server (Retry-After: 999999)
 * and no network can keep a call silent for minutes.
 */
export const RETRY_BUDGET_MS = 60_000;
/**
 * A refused connection before anything has ever listened at the API URL for
 * this client means nothing is there: retried for this long only (a server
 * that is just starting), so that the caller hears of it at once.
 */
const REFUSED_GRACE_MS = 1_000;

/** An attempt that failed, as the retry policy sees it. */
export interface Failure {
  error: FasError;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  /** The request may have been done although its answer did not come through. */
  lost: boolean;
}

export interface RetryClock {
  /** When the request's first attempt started (epoch ms). */
  started: number;
  /** When its first failure came (epoch ms). */
  firstFailure: number;
  /** The caller's own deadline (epoch ms), if any. */
  deadline: number | undefined;
}

/** Wait `delayMs`, then try again; or give up with `error` (and why, for a trace). */
export type RetryDecision = { delayMs: number; retryAfter: boolean } | { error: FasError; why?: string };

/** What to do after `failure`, the failure of attempt number `attempt` (0 for the first) of at most `retries` + 1. */
export function decideRetry(failure: Failure, attempt: number, retries: number, clock: RetryClock): RetryDecision {
  if (!failure.retryable || attempt >= retries) return { error: failure.error };
  const delayMs = failure.retryAfterMs ?? backoff(attempt);
  const neverHeard = failure.error instanceof NetworkError && !failure.error.transient;
  const budgetEnd = clock.firstFailure + RETRY_BUDGET_MS;
  const limit = Math.min(budgetEnd, clock.deadline ?? Infinity, neverHeard ? clock.started + REFUSED_GRACE_MS : Infinity);
  const left = limit - Date.now();
  if (delayMs <= left) return { delayMs, retryAfter: failure.retryAfterMs !== undefined };
  const why = `${delayMs} ms to wait, ${Math.max(0, Math.round(left))} ms left`;
  if (failure.retryAfterMs === undefined) return { error: failure.error, why };
  const status = failure.error instanceof ServerError ? failure.error.status : undefined;
  const room =
    limit === clock.deadline
      ? `the ${seconds(Math.max(0, left))} s left before the deadline`
      : `the ${seconds(RETRY_BUDGET_MS)} s that fas spends retrying one request`;
  const error = new ServerError(`the server asked to wait ${seconds(delayMs)} s (Retry-After), more than ${room}`, status, {
    code: 'retry_after',
    retryAfterMs: delayMs,
  });
  return { error, why };
}

function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  // "Equal jitter": never less than half the ceiling, so retries still back off.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  // Not capped here: one longer than the call can wait ends the call (see decideRetry).
  return Math.max(0, Math.round(ms));
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
