// The typed FaaSpot API client. It knows HTTP and the contract, nothing of
// terminals, and is what the `fas` CLI itself uses. Every call has one shape,
// `(input, options?)`: the input is the id, the body or the filter; the
// options are how to call (CallOptions and its extensions). Calls with no
// input take only the options.
import { FasError } from '../errors.js';
import { pathSegment } from './path.js';
import { BidsApi } from './resources/bids.js';
import { EventsApi } from './resources/events.js';
import { ExecutionsApi } from './resources/executions.js';
import { MarketApi } from './resources/market.js';
import { SandboxAdminApi } from './resources/sandbox.js';
import { SpotsApi } from './resources/spots.js';
import { HttpTransport, type Method, type Query, type TransportOptions } from './transport.js';

export type FasClientOptions = TransportOptions;

/** How to make a call; every call takes these. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** For calls that create or remove something: one key per logical operation, sent by every retry. Made up when absent. */
  idempotencyKey?: string | undefined;
  /** An instant (epoch ms) past which no retry waits; for calls that wait, when the wait ends too. */
  deadline?: number | undefined;
}

/** A collection of the API and how its ids are named in messages. */
export interface Route {
  path: string;
  /** e.g. "spot id or IP", for the message about an id that cannot be one. */
  what: string;
}

/** What a resource asks of the API: everything of a request but how to call it. */
export interface ApiCall<T> {
  method: Method;
  route: Route;
  /** One item of the collection: checked and encoded as one path segment. */
  id?: string | undefined;
  query?: Query | undefined;
  body?: unknown;
  /** Checks the answer's shape and gives it its type (see shapes.ts). */
  shape: (body: unknown) => T;
  /** The server may hold the answer this long (a long poll). */
  holdMs?: number | undefined;
}

export class FasClient {
  readonly http: HttpTransport;
  readonly spots: SpotsApi = new SpotsApi(this);
  readonly executions: ExecutionsApi = new ExecutionsApi(this);
  readonly market: MarketApi = new MarketApi(this);
  readonly bids: BidsApi = new BidsApi(this);
  /** The account's feed of changes. */
  readonly events: EventsApi = new EventsApi(this);
  /** Routes only a sandbox started with --admin serves. */
  readonly sandbox: SandboxAdminApi = new SandboxAdminApi(this);

  constructor(options: FasClientOptions) {
    this.http = new HttpTransport(options);
  }

  get apiUrl(): string {
    return this.http.apiUrl;
  }

  /**
   * How far the API's clock is ahead of this machine's (negative: behind),
   * in ms, as its last answer's Date header said; undefined before any
   * answer had one. Times the API sets (a spot's termination_time) are on
   * its clock: "in 2 minutes" is measured from `Date.now() + serverTimeOffsetMs`.
   */
  get serverTimeOffsetMs(): number | undefined {
    return this.http.serverTimeOffsetMs;
  }

  /** Ends idle keep-alive connections so the process can exit. */
  close(): Promise<void> {
    return this.http.close();
  }

  /** @internal The one way every resource calls the API: path, query, key and shape check. */
  request<T>(call: ApiCall<T>, options: CallOptions = {}): Promise<T> {
    const path = call.id === undefined ? call.route.path : `${call.route.path}/${pathSegment(call.id, call.route.what)}`;
    return this.http.request<T>({
      method: call.method,
      path,
      query: call.query,
      body: call.body,
      shape: call.shape,
      holdMs: call.holdMs,
      idempotencyKey: call.method === 'GET' ? undefined : options.idempotencyKey,
      signal: options.signal,
      deadline: options.deadline,
    });
  }

  /**
   * @internal Masks the token in an error built from what the server said
   * outside the HTTP layer (an execution's error, say).
   */
  async redacted<T>(work: () => Promise<T> | T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw err instanceof FasError ? this.http.redactError(err) : err;
    }
  }
}
