// What a request gets back, and how any failure becomes the contract's
// `{"errors": [...]}` answer.
import type { ServerResponse } from 'node:http';
import { Ambiguous, ServiceError } from '../service/errors.js';
import { HttpError } from './http-error.js';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from '../unavailable.js';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

export function errorAnswer(err: unknown): Answer {
  if (err instanceof HttpError) return { status: err.status, body: { errors: err.messages, ...err.fields }, headers: err.headers };
  if (err instanceof ServiceError) return refusalAnswer(err);
  const unavailable = databaseUnavailable(err);
  if (unavailable) {
    return {
      status: 503,
      body: { errors: [`the sandbox's database is unavailable just now (${unavailable}); nothing was done, try again`] },
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { errors: [`internal error: ${message}`] } };
}

/** The status of each kind of refusal of the service. */
const REFUSAL_STATUS: Record<ServiceError['kind'], number> = { 'not-found': 404, conflict: 409, unreadable: 422 };

/** What the service refuses, as the contract answers it: the message is the one line of `errors`. */
function refusalAnswer(err: ServiceError): Answer {
  const errors = [err.message];
  const status = REFUSAL_STATUS[err.kind];
  if (err instanceof Ambiguous) return { status, body: { errors, matches: err.found.matches, total: err.found.total } };
  return { status, body: { errors } };
}

/**
 * Writes the answer. Its Date is the sandbox's clock (`nowMs`), not the
 * machine's, which Node would write: a client measures the API's time by it,
 * and a clock moved by `sandbox clock advance` must show there too.
 */
export function send(res: ServerResponse, answer: Answer, nowMs: number): void {
  if (res.destroyed) return;
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    date: new Date(nowMs).toUTCString(),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}
