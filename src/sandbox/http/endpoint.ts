// What an endpoint is: an operation of openapi/fas.yaml at its method and
// path, and the handler that answers it, with the request typed as its
// schema says once validated (a ValidRequest).
import type { Reply } from './reply.js';
import type { BodyOf, OperationId, PathOf, QueryOf } from '../../api/operations.js';
import type { Checks } from './validate.js';

export interface ValidRequest<I extends OperationId> {
  /** The token's account; on a public endpoint asked without a valid token, ''. */
  account: string;
  params: PathOf<I>;
  /** With the document's defaults filled in (page, per_page). */
  query: QueryOf<I>;
  body: BodyOf<I>;
  /** The path and query as asked: what a page's links are made from. */
  url: { path: string; search: URLSearchParams };
  /** Fires when the client goes away. */
  signal: AbortSignal;
}

interface Common<I extends OperationId> {
  operationId: I;
  /** The method and path of the operation in the document; checked against it when the sandbox starts. */
  method: string;
  path: string;
  /** Answers without a token too (the health check): no 401, no rate limit. */
  public?: boolean;
  /** Exists only in a sandbox started with --admin; elsewhere 404. */
  admin?: boolean;
  /** The rules of a valid request that its schema cannot state (see Checks). */
  check?(req: ValidRequest<I>, checks: Checks): void;
}

/**
 * An endpoint that changes something answers synchronously: it runs inside one
 * transaction with its Idempotency-Key record, which an await would escape.
 */
export type Endpoint<I extends OperationId> = Common<I> &
  ({ mutates: true; handle(req: ValidRequest<I>): Reply } | { mutates?: false; handle(req: ValidRequest<I>): Reply | Promise<Reply> });

/** Declares an endpoint; the operationId types its request. */
export function endpoint<I extends OperationId>(r: Endpoint<I>): AnyEndpoint {
  return r;
}

/**
 * An endpoint of any operation, as the routes' list holds them: each was typed by
 * its own operationId where it was declared, and the handler gives it the
 * request validated against that operation.
 */
export type AnyEndpoint = Endpoint<any>;
