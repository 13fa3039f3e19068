// What a route is: an operation of openapi/fas.yaml and the handler that
// answers it, with the request typed as its schema says once validated.
import type { Reply } from './reply.js';
import type { BodyOf, OperationId, PathOf, QueryOf } from '../../api/operations.js';
import type { Checks } from './validate.js';

export interface Request<I extends OperationId> {
  /** The token's account; on a public route asked without a valid token, ''. */
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
  check?(req: Request<I>, checks: Checks): void;
}

/**
 * A route that changes something answers synchronously: it runs inside one
 * transaction with its Idempotency-Key record, which an await would escape.
 */
export type Route<I extends OperationId> = Common<I> &
  ({ mutates: true; handle(req: Request<I>): Reply } | { mutates?: false; handle(req: Request<I>): Reply | Promise<Reply> });

/** Declares a route; the operationId types its request. */
export function route<I extends OperationId>(r: Route<I>): AnyRoute {
  return r;
}

/**
 * A route of any operation, as the routes' list holds them: each was typed by
 * its own operationId where it was declared, and the handler gives it the
 * request validated against that operation.
 */
export type AnyRoute = Route<any>;
