// What a request gets back, a Reply, and how any failure becomes the contract's
// `{"errors": [...]}` reply.
import type { ServerResponse } from 'node:http';
import { Ambiguous, ServiceError } from '../service/errors.js';
import { HttpError } from './http-error.js';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from '../unavailable.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

export function errorReply(err: unknown): Reply {
  if (err instanceof HttpError) return { status: err.status, body: { errors: err.messages, ...err.fields }, headers: err.headers };
  if (err instanceof ServiceError) return refusalReply(err);
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
function refusalReply(err: ServiceError): Reply {
  const errors = [err.message];
  const status = REFUSAL_STATUS[err.kind];
  if (err instanceof Ambiguous) return { status, body: { errors, matches: err.found.matches, total: err.found.total } };
  return { status, body: { errors } };
}

/**
 * Writes the reply. Its Date is the sandbox's clock (`nowMs`), not the
 * machine's, which Node would write: a client measures the API's time by it,
 * and a clock moved by `sandbox clock advance` must show there too.
 */
export function send(res: ServerResponse, reply: Reply, nowMs: number): void {
  if (res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    date: new Date(nowMs).toUTCString(),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}
