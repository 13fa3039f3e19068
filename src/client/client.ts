// The typed FaaSpot API client. It knows HTTP and the contract, nothing of
// terminals, and is what the `fas` CLI itself uses. Every call has one shape,
// `(input, options?)`: the input is the id, the body or the filter; the
// options are how to call (CallOptions and its extensions). Calls with no
// input take only the options. The resources know the client only as a
// Caller (call.ts); this class assembles them around the one request function.
import { FasError } from '../errors.js';
import { pathSegment } from './path.js';
import { BidsApi } from './resources/bids.js';
import { EventsApi } from './resources/events.js';
import { ExecutionsApi } from './resources/executions.js';
import { MarketApi } from './resources/market.js';
import { SandboxAdminApi } from './resources/sandbox.js';
import { SpotsApi } from './resources/spots.js';
import { HttpTransport, type TransportOptions } from './transport.js';
import type { ApiCall, CallOptions, Caller } from './call.js';

export type { CallOptions } from './call.js';
export type FasClientOptions = TransportOptions;

export class FasClient implements Caller {
  readonly http: HttpTransport;
  readonly executions: ExecutionsApi = new ExecutionsApi(this);
  readonly spots: SpotsApi = new SpotsApi(this, this.executions);
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
    const path = call.id === undefined ? call.endpoint.path : `${call.endpoint.path}/${pathSegment(call.id, call.endpoint.what)}`;
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
  async masked<T>(work: () => Promise<T> | T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw err instanceof FasError ? this.http.redactError(err) : err;
    }
  }
}
