// What a resource asks of the client: one request, described without saying
// how it is sent. The resources depend on this and nothing else of the client;
// client.ts assembles them around the one implementation (FasClient.request).
import type { Method, Query } from './transport.js';

/** How to make a call; every call takes these. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** For calls that create or remove something: one key per logical operation, sent by every retry. Made up when absent. */
  idempotencyKey?: string | undefined;
  /** An instant (epoch ms) past which no retry waits; for calls that wait, when the wait ends too. */
  deadline?: number | undefined;
}

/** A collection of the API and how its ids are named in messages. */
export interface Endpoint {
  path: string;
  /** e.g. "spot id or IP", for the message about an id that cannot be one. */
  what: string;
}

/** What a resource asks of the API: everything of a request but how to call it. */
export interface ApiCall<T> {
  method: Method;
  endpoint: Endpoint;
  /** One item of the collection: checked and encoded as one path segment. */
  id?: string | undefined;
  query?: Query | undefined;
  body?: unknown;
  /** Checks the answer's shape and gives it its type (see shapes.ts). */
  shape: (body: unknown) => T;
  /** The server may hold the answer this long (a long poll). */
  holdMs?: number | undefined;
}

/** The one way every resource calls the API. */
export interface Caller {
  /** The answer's body, shape-checked; any error it throws leaves the client, the token masked. */
  request<T>(call: ApiCall<T>, options?: CallOptions): Promise<T>;
  /**
   * Runs work that builds errors from what the server said outside one
   * answer (an execution's error, an id it gave): they too leave the client
   * with the token masked.
   */
  masked<T>(work: () => Promise<T> | T): Promise<T>;
}
