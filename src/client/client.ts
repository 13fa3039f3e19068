// The typed FaaSpot API client. It knows HTTP and the contract, nothing of
// terminals, and is what the `fas` CLI itself uses. Every call has one shape,
// `(input, options?)`: the input is the id, the body or the filter; the
// options are how to call (CallOptions and its extensions). Calls with no
// input take only the options. The resources know the client only as a
// Caller (call.ts); this class assembles them around the one request function.
import { AmbiguousIdError, FasError } from '../errors.js';
import { redact } from '../redact.js';
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
  private readonly token: string | undefined;
  /** The errors already masked on their way out (see mask). */
  private readonly maskedErrors = new WeakSet<FasError>();
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
    this.token = options.token;
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
    }).catch((err: unknown) => {
      throw this.mask(err);
    });
  }

  /**
   * @internal Runs work that builds errors from what the server said outside
   * one answer (an execution's error, the id it gave): they leave masked too.
   */
  async masked<T>(work: () => Promise<T> | T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw this.mask(err);
    }
  }

  /**
   * The one place the token is masked in an error, as it leaves the client: a
   * server may quote the request back in its answer, and what it said ends up
   * in the message (and in an ambiguous id's matches). The errors are built
   * from the server's words as they are; each is masked once, on its way out
   * of request() or of a call that waits (a request's error passing out
   * through a wait is not masked again). The CLI masks what it prints once
   * more (src/cli/report.ts, mcp/tool.ts): that pass is for text the client
   * never saw, which the CLI builds itself (from data the client returns as
   * it came, such as an execution's error, and in its hints).
   */
  private mask(err: unknown): unknown {
    if (!(err instanceof FasError) || this.maskedErrors.has(err)) return err;
    this.maskedErrors.add(err);
    const hide = (text: string) => redact(text, this.token);
    err.message = hide(err.message);
    if (err instanceof AmbiguousIdError) {
      const matches = err.matches.map((m) => (m.hostname === undefined ? { id: hide(m.id) } : { id: hide(m.id), hostname: hide(m.hostname) }));
      Object.assign(err, { matches });
    }
    return err;
  }
}
