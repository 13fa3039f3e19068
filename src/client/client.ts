// The typed FaaSpot API client. It knows HTTP and the contract, nothing of
// terminals, and is what the `fas` CLI itself uses.
import type {
  Bid,
  SandboxClock,
  SandboxHealth,
  BidCreateRequest,
  Execution,
  ExecutionRef,
  ExecutionStatus,
  Metro,
  Operation,
  Plan,
  PricePoint,
  Spot,
  SpotAddRequest,
  SpotMarketPrices,
  SpotState,
  SpotUpdateRequest,
} from '../api/types.js';
import { ExecutionFailedError, FasError } from '../errors.js';
import { HttpTransport, RETRY_BUDGET_MS, type Query, type TransportOptions } from './http.js';
import { collectAll, type ListAllOptions, type ListOptions, type Page } from './pagination.js';
import { pathSegment } from './path.js';
import * as shape from './shapes.js';
import { deadlineOf, pollUntil, settle, waitForExecution, type WaitOptions } from './wait.js';
import { isoSeconds } from '../api/values.js';

/**
 * A read that follows accepted work: retried through transient failures until
 * the call's deadline (its timeout), so that a caller does not see an error,
 * try again, and buy twice.
 */
function ridingOut<T>(read: (signal: AbortSignal, deadline: number) => Promise<T>, executionId: string, wait: WaitOptions): Promise<T> {
  return pollUntil(read, () => true, {
    ...wait,
    what: `an answer about execution ${executionId}`,
    resumeHint: `the work goes on: fas executions get ${executionId}`,
  });
}

export type FasClientOptions = TransportOptions;

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** One key per logical operation; made up when absent. */
  idempotencyKey?: string | undefined;
}

export interface SpotFilter {
  state?: SpotState | undefined;
  metro?: string | undefined;
  bid?: string | undefined;
}

export interface ExecutionFilter {
  status?: ExecutionStatus | undefined;
  operation?: Operation | undefined;
}

export type WaitingCall = CallOptions &
  WaitOptions & {
    /** Told the execution's id as soon as the server has accepted the work, before any waiting. */
    onAccepted?: ((executionId: string) => void) | undefined;
  };

export class FasClient {
  readonly http: HttpTransport;
  readonly spots = new SpotsApi(this);
  readonly executions = new ExecutionsApi(this);
  readonly market = new MarketApi(this);
  readonly bids = new BidsApi(this);
  /** Routes only a sandbox started with --admin serves. */
  readonly sandbox = new SandboxAdminApi(this);

  constructor(options: FasClientOptions) {
    this.http = new HttpTransport(options);
  }

  get apiUrl(): string {
    return this.http.apiUrl;
  }

  /** Ends idle keep-alive connections so the process can exit. */
  close(): Promise<void> {
    return this.http.close();
  }

  /** @internal */
  async get<T>(path: string, check: (body: unknown) => T, options: { query?: Query; signal?: AbortSignal | undefined; holdMs?: number; deadline?: number } = {}): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path, shape: check, ...options })).body;
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

const SPOT = 'spot id or IP';
const EXECUTION = 'execution id';
const BID = 'bid id';

class SpotsApi {
  constructor(private readonly c: FasClient) {}

  list(filter: SpotFilter & ListOptions = {}): Promise<Page<Spot>> {
    return this.c.get('/api/spots', (body) => shape.page(body, 'spots', shape.spot), {
      query: this.query(filter, filter.page, filter.perPage),
      signal: filter.signal,
    });
  }

  listAll(filter: SpotFilter = {}, options: ListAllOptions = {}): Promise<Spot[]> {
    return collectAll((q) => this.list({ ...filter, page: Number(q.page), perPage: Number(q.per_page), signal: options.signal }), options);
  }

  /** By id or by IP address. */
  get(idOrIp: string, options: CallOptions = {}): Promise<Spot> {
    return this.c.get(`/api/spots/${pathSegment(idOrIp, SPOT)}`, shape.spot, { signal: options.signal });
  }

  /**
   * Adds one spot. Resolves with the execution that adds it, or with
   * `wait: true`, with the spot once it is active.
   */
  add(request: SpotAddRequest & WaitingCall & { wait: true }): Promise<Spot>;
  add(request?: SpotAddRequest & CallOptions & { wait?: false | undefined }): Promise<Execution>;
  async add(request: SpotAddRequest & WaitingCall & { wait?: boolean | undefined } = {}): Promise<Spot | Execution> {
    const { signal, idempotencyKey, wait, timeoutMs, deadline, onProgress, onAccepted, ...body } = request;
    const until = callDeadline(wait, timeoutMs, deadline);
    const ref = await this.c.http.request<ExecutionRef>({
      method: 'PUT',
      path: '/api/spots',
      body: Object.keys(body).length ? body : undefined,
      idempotencyKey,
      signal,
      deadline: until,
      shape: shape.executionRef,
    });
    return this.c.redacted(() => this.follow(ref.body.execution_id, { signal, timeoutMs, deadline: until, onProgress, onAccepted }, wait === true));
  }

  /**
   * Removes a spot (by id or IP), or the newest one when no id is given.
   * Resolves with the execution, or with `wait: true`, with the removed spot.
   */
  remove(idOrIp: string | undefined, options: WaitingCall & { wait: true }): Promise<Spot>;
  remove(idOrIp?: string, options?: CallOptions & { wait?: false | undefined }): Promise<Execution>;
  async remove(idOrIp?: string, options: WaitingCall & { wait?: boolean | undefined } = {}): Promise<Spot | Execution> {
    const { signal, idempotencyKey, wait, timeoutMs, deadline, onProgress, onAccepted } = options;
    // Only no id at all means "the newest spot"; '' is refused like any id that is none.
    const path = idOrIp === undefined ? '/api/spots' : `/api/spots/${pathSegment(idOrIp, SPOT)}`;
    const until = callDeadline(wait, timeoutMs, deadline);
    const ref = await this.c.http.request<ExecutionRef>({
      method: 'DELETE',
      path,
      idempotencyKey,
      signal,
      deadline: until,
      shape: shape.executionRef,
    });
    return this.c.redacted(() => this.follow(ref.body.execution_id, { signal, timeoutMs, deadline: until, onProgress, onAccepted }, wait === true));
  }

  // Once the work is accepted, a failure to read about it must not fail the
  // call: a caller who sees an error would try again and buy twice. It is
  // ridden out until the call's own deadline: its timeout with `wait`, else
  // the retry budget.
  private async follow(executionId: string, call: WaitingCall, wait: boolean): Promise<Spot | Execution> {
    const { signal } = call;
    if (!wait) {
      const timeoutMs = call.timeoutMs ?? RETRY_BUDGET_MS;
      const deadline = call.deadline ?? deadlineOf({ timeoutMs });
      return ridingOut((s, d) => this.c.executions.get(executionId, { signal: s, deadline: d }), executionId, { signal, timeoutMs, deadline });
    }
    call.onAccepted?.(executionId);
    const done = await this.c.executions.wait(executionId, call);
    return ridingOut((s, d) => this.c.executions.resultSpot(done, s, d), executionId, { signal, timeoutMs: call.timeoutMs, deadline: call.deadline });
  }

  async update(idOrIp: string, changes: SpotUpdateRequest, options: CallOptions = {}): Promise<Spot> {
    const res = await this.c.http.request<Spot>({
      method: 'PUT',
      path: `/api/spots/${pathSegment(idOrIp, SPOT)}`,
      body: changes,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
      shape: shape.spot,
    });
    return res.body;
  }

  /** Makes the spot on-demand: it then pays the plan's on-demand price and is never revoked. */
  convertToOnDemand(idOrIp: string, options: CallOptions = {}): Promise<Spot> {
    return this.update(idOrIp, { spot_instance: false }, options);
  }

  private query(filter: SpotFilter, page?: number, perPage?: number): Query {
    return { state: filter.state, metro: filter.metro, bid: filter.bid, page, per_page: perPage };
  }
}

class ExecutionsApi {
  constructor(private readonly c: FasClient) {}

  /** `waitSeconds` asks the server to hold the answer until the execution is final. */
  get(id: string, options: CallOptions & { waitSeconds?: number | undefined; deadline?: number | undefined } = {}): Promise<Execution> {
    const hold = options.waitSeconds;
    return this.c.get(`/api/executions/${pathSegment(id, EXECUTION)}`, shape.execution, {
      query: hold === undefined ? undefined : { wait: hold },
      signal: options.signal,
      holdMs: hold === undefined ? undefined : hold * 1000,
      deadline: options.deadline,
    });
  }

  list(filter: ExecutionFilter & ListOptions = {}): Promise<Page<Execution>> {
    return this.c.get('/api/executions', (body) => shape.page(body, 'executions', shape.execution), {
      query: { status: filter.status, operation: filter.operation, page: filter.page, per_page: filter.perPage },
      signal: filter.signal,
    });
  }

  listAll(filter: ExecutionFilter = {}, options: ListAllOptions = {}): Promise<Execution[]> {
    return collectAll((q) => this.list({ ...filter, page: Number(q.page), perPage: Number(q.per_page), signal: options.signal }), options);
  }

  async cancel(id: string, options: CallOptions = {}): Promise<Execution> {
    const res = await this.c.http.request<Execution>({
      method: 'DELETE',
      path: `/api/executions/${pathSegment(id, EXECUTION)}`,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
      shape: shape.execution,
    });
    return res.body;
  }

  /**
   * Resolves with the completed execution; throws ExecutionFailedError when it
   * fails or is cancelled and TimeoutError past the deadline.
   */
  wait(id: string, options: WaitOptions = {}): Promise<Execution> {
    return this.c.redacted(() =>
      waitForExecution((eid, waitSeconds, signal, deadline) => this.get(eid, { waitSeconds, signal, deadline }), id, options),
    );
  }

  /** The spot a completed spot execution produced. */
  async resultSpot(execution: Execution, signal?: AbortSignal, deadline?: number): Promise<Spot> {
    await this.c.redacted(() => settle(execution));
    if (execution.result) return execution.result;
    if (!execution.resource_id) throw shape.malformed(`a completed execution ${execution.id} without its spot`);
    return this.c.get(`/api/spots/${pathSegment(execution.resource_id, SPOT)}`, shape.spot, { signal, deadline });
  }
}

class MarketApi {
  constructor(private readonly c: FasClient) {}

  prices(filter: { metro?: string | undefined; plan?: string | undefined } = {}, options: CallOptions = {}): Promise<SpotMarketPrices> {
    return this.c.get('/api/market/spot/prices', shape.marketPrices, { query: { metro: filter.metro, plan: filter.plan }, signal: options.signal });
  }

  /** Points oldest first. `from`/`until` are Dates, ISO strings or Unix seconds. */
  async history(
    query: { metro: string; plan: string; from?: Date | string | number | undefined; until?: Date | string | number | undefined },
    options: CallOptions = {},
  ): Promise<PricePoint[]> {
    return this.c.get('/api/market/spot/prices/history', shape.priceHistory, {
      query: { metro: query.metro, plan: query.plan, from: timeParam(query.from), until: timeParam(query.until) },
      signal: options.signal,
    });
  }

  plans(options: CallOptions = {}): Promise<Plan[]> {
    return this.c.get('/api/plans', shape.plans, { signal: options.signal });
  }

  metros(options: CallOptions = {}): Promise<Metro[]> {
    return this.c.get('/api/metros', shape.metros, { signal: options.signal });
  }
}

class BidsApi {
  constructor(private readonly c: FasClient) {}

  async create(request: BidCreateRequest, options: CallOptions = {}): Promise<Bid> {
    const res = await this.c.http.request<Bid>({
      method: 'POST',
      path: '/api/spot-market-requests',
      body: request,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
      shape: shape.bid,
    });
    return res.body;
  }

  get(id: string, options: CallOptions & { deadline?: number | undefined } = {}): Promise<Bid> {
    return this.c.get(`/api/spot-market-requests/${pathSegment(id, BID)}`, shape.bid, { signal: options.signal, deadline: options.deadline });
  }

  list(options: ListOptions = {}): Promise<Page<Bid>> {
    return this.c.get('/api/spot-market-requests', (body) => shape.page(body, 'spot_market_requests', shape.bid), {
      query: { page: options.page, per_page: options.perPage },
      signal: options.signal,
    });
  }

  listAll(options: ListAllOptions = {}): Promise<Bid[]> {
    return collectAll((q) => this.list({ page: Number(q.page), perPage: Number(q.per_page), signal: options.signal }), options);
  }

  /**
   * Waits until the market has filled the bid with at least `devices_min`
   * spots. Throws ExecutionFailedError when the bid expires or is cancelled
   * first, TimeoutError past the deadline.
   */
  async waitUntilFilled(id: string, options: Omit<WaitOptions, 'onProgress'> & { onProgress?: (bid: Bid) => void } = {}): Promise<Bid> {
    return this.c.redacted(() => pollUntil(
      (signal, deadline) => this.get(id, { signal, deadline }),
      (bid) => {
        options.onProgress?.(bid);
        if (bid.spots.length >= bid.devices_min) return true;
        if (bid.state === 'expired' || bid.state === 'cancelled') {
          throw new ExecutionFailedError(`bid ${bid.id} ${bid.state} with ${bid.spots.length} of at least ${bid.devices_min} spots`);
        }
        return false;
      },
      { ...options, what: `bid ${id} to be filled`, resumeHint: `fas bids get ${id}` },
    ));
  }

  /** Cancels the bid; with `forceTermination` its spots are removed too. */
  async delete(id: string, options: CallOptions & { forceTermination?: boolean | undefined } = {}): Promise<Bid> {
    const res = await this.c.http.request<Bid>({
      method: 'DELETE',
      path: `/api/spot-market-requests/${pathSegment(id, BID)}`,
      query: options.forceTermination ? { force_termination: true } : undefined,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
      shape: shape.bid,
    });
    return res.body;
  }
}

class SandboxAdminApi {
  constructor(private readonly c: FasClient) {}

  health(options: CallOptions = {}): Promise<SandboxHealth> {
    return this.c.get('/_sandbox/health', shape.sandboxHealth, { signal: options.signal });
  }

  /** Holds a market at `price` until set again; `null` hands it back to the simulation. */
  async setPrice(metro: string, plan: string, price: number | null, options: CallOptions = {}): Promise<SpotMarketPrices> {
    const res = await this.c.http.request<SpotMarketPrices>({
      method: 'PUT',
      path: '/_sandbox/prices',
      body: { metro, plan, price },
      signal: options.signal,
      shape: shape.marketPrices,
    });
    return res.body;
  }

  clock(options: CallOptions = {}): Promise<SandboxClock> {
    return this.c.get('/_sandbox/clock', shape.sandboxClock, { signal: options.signal });
  }

  async advanceClock(seconds: number, options: CallOptions = {}): Promise<SandboxClock> {
    const res = await this.c.http.request<SandboxClock>({
      method: 'POST',
      path: '/_sandbox/clock',
      body: { advance_seconds: seconds },
      signal: options.signal,
      shape: shape.sandboxClock,
    });
    return res.body;
  }
}

/** The instant a call that may wait ends: set by `wait`, or by a timeout or deadline given. */
function callDeadline(wait: boolean | undefined, timeoutMs: number | undefined, deadline: number | undefined): number | undefined {
  return wait || timeoutMs !== undefined || deadline !== undefined ? deadlineOf({ timeoutMs, deadline }) : undefined;
}

function timeParam(t: Date | string | number | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t instanceof Date) return isoSeconds(t);
  return String(t);
}
