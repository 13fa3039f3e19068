// The typed FaaSpot API client. It knows HTTP and the contract, nothing of
// terminals, and is what the `fas` CLI itself uses.
import type {
  Bid,
  SandboxClock,
  SandboxHealth,
  BidCreateRequest,
  BidList,
  Execution,
  ExecutionList,
  ExecutionRef,
  ExecutionStatus,
  Metro,
  Operation,
  Plan,
  PricePoint,
  Spot,
  SpotAddRequest,
  SpotList,
  SpotMarketPrices,
  SpotPriceHistory,
  SpotState,
  SpotUpdateRequest,
} from '../api/types.js';
import { ExecutionFailedError, ServerError } from '../errors.js';
import { HttpTransport, type Query, type TransportOptions } from './http.js';
import { collectAll, type ListAllOptions, type ListOptions, type Page } from './pagination.js';
import { pollUntil, settle, waitForExecution, type WaitOptions } from './wait.js';

/** A read that follows accepted work: retried through transient failures for up to a minute. */
function ridingOut<T>(read: (signal: AbortSignal) => Promise<T>, executionId: string, signal: AbortSignal | undefined): Promise<T> {
  return pollUntil(read, () => true, {
    timeoutMs: 60_000,
    signal,
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
  async get<T>(path: string, query?: Query, signal?: AbortSignal, holdMs?: number): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path, query, signal, holdMs })).body;
  }
}

function pageOf<T>(items: T[] | undefined, meta: Page<T>['meta'] | undefined): Page<T> {
  if (!Array.isArray(items) || !meta) throw malformed('a list without its items or meta');
  return { items, meta };
}

function malformed(what: string): ServerError {
  return new ServerError(`the server answered ${what}`, undefined);
}

function pathId(id: string): string {
  return encodeURIComponent(id);
}

class SpotsApi {
  constructor(private readonly c: FasClient) {}

  async list(filter: SpotFilter & ListOptions = {}): Promise<Page<Spot>> {
    const body = await this.c.get<SpotList>('/api/spots', this.query(filter, filter.page, filter.perPage), filter.signal);
    return pageOf(body?.spots, body?.meta);
  }

  listAll(filter: SpotFilter = {}, options: ListAllOptions = {}): Promise<Spot[]> {
    return collectAll((q) => this.list({ ...filter, page: Number(q.page), perPage: Number(q.per_page), signal: options.signal }), options);
  }

  /** By id or by IP address. */
  get(idOrIp: string, options: CallOptions = {}): Promise<Spot> {
    return this.c.get<Spot>(`/api/spots/${pathId(idOrIp)}`, undefined, options.signal);
  }

  /**
   * Adds one spot. Resolves with the execution that adds it, or with
   * `wait: true`, with the spot once it is active.
   */
  add(request: SpotAddRequest & WaitingCall & { wait: true }): Promise<Spot>;
  add(request?: SpotAddRequest & CallOptions & { wait?: false | undefined }): Promise<Execution>;
  async add(request: SpotAddRequest & WaitingCall & { wait?: boolean | undefined } = {}): Promise<Spot | Execution> {
    const { signal, idempotencyKey, wait, timeoutMs, onProgress, onAccepted, ...body } = request;
    const ref = await this.c.http.request<ExecutionRef>({
      method: 'PUT',
      path: '/api/spots',
      body: Object.keys(body).length ? body : undefined,
      idempotencyKey,
      signal,
    });
    return this.follow(executionIdOf(ref.body), wait ? { signal, timeoutMs, onProgress, onAccepted } : undefined, signal);
  }

  /**
   * Removes a spot (by id or IP), or the newest one when no id is given.
   * Resolves with the execution, or with `wait: true`, with the removed spot.
   */
  remove(idOrIp: string | undefined, options: WaitingCall & { wait: true }): Promise<Spot>;
  remove(idOrIp?: string, options?: CallOptions & { wait?: false | undefined }): Promise<Execution>;
  async remove(idOrIp?: string, options: WaitingCall & { wait?: boolean | undefined } = {}): Promise<Spot | Execution> {
    const { signal, idempotencyKey, wait, timeoutMs, onProgress, onAccepted } = options;
    const ref = await this.c.http.request<ExecutionRef>({
      method: 'DELETE',
      path: idOrIp ? `/api/spots/${pathId(idOrIp)}` : '/api/spots',
      idempotencyKey,
      signal,
    });
    return this.follow(executionIdOf(ref.body), wait ? { signal, timeoutMs, onProgress, onAccepted } : undefined, signal);
  }

  // Once the work is accepted, a failure to read about it must not fail the
  // call: a caller who sees an error would try again and buy twice.
  private async follow(executionId: string, wait: WaitingCall | undefined, signal: AbortSignal | undefined): Promise<Spot | Execution> {
    if (!wait) return ridingOut((s) => this.c.executions.get(executionId, { signal: s }), executionId, signal);
    wait.onAccepted?.(executionId);
    const done = await this.c.executions.wait(executionId, wait);
    return ridingOut((s) => this.c.executions.resultSpot(done, s), executionId, signal);
  }

  async update(idOrIp: string, changes: SpotUpdateRequest, options: CallOptions = {}): Promise<Spot> {
    const res = await this.c.http.request<Spot>({
      method: 'PUT',
      path: `/api/spots/${pathId(idOrIp)}`,
      body: changes,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
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
  get(id: string, options: CallOptions & { waitSeconds?: number | undefined } = {}): Promise<Execution> {
    const hold = options.waitSeconds;
    return this.c.get<Execution>(
      `/api/executions/${pathId(id)}`,
      hold === undefined ? undefined : { wait: hold },
      options.signal,
      hold === undefined ? undefined : hold * 1000,
    );
  }

  async list(filter: ExecutionFilter & ListOptions = {}): Promise<Page<Execution>> {
    const body = await this.c.get<ExecutionList>(
      '/api/executions',
      { status: filter.status, operation: filter.operation, page: filter.page, per_page: filter.perPage },
      filter.signal,
    );
    return pageOf(body?.executions, body?.meta);
  }

  listAll(filter: ExecutionFilter = {}, options: ListAllOptions = {}): Promise<Execution[]> {
    return collectAll((q) => this.list({ ...filter, page: Number(q.page), perPage: Number(q.per_page), signal: options.signal }), options);
  }

  async cancel(id: string, options: CallOptions = {}): Promise<Execution> {
    const res = await this.c.http.request<Execution>({
      method: 'DELETE',
      path: `/api/executions/${pathId(id)}`,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
    return res.body;
  }

  /**
   * Resolves with the completed execution; throws ExecutionFailedError when it
   * fails or is cancelled and TimeoutError past the deadline.
   */
  wait(id: string, options: WaitOptions = {}): Promise<Execution> {
    return waitForExecution((eid, waitSeconds, signal) => this.get(eid, { waitSeconds, signal }), id, options);
  }

  /** The spot a completed spot execution produced. */
  async resultSpot(execution: Execution, signal?: AbortSignal): Promise<Spot> {
    settle(execution);
    if (execution.result) return execution.result;
    if (!execution.resource_id) throw malformed(`a completed execution ${execution.id} without its spot`);
    return this.c.spots.get(execution.resource_id, { signal });
  }
}

class MarketApi {
  constructor(private readonly c: FasClient) {}

  prices(filter: { metro?: string | undefined; plan?: string | undefined } = {}, options: CallOptions = {}): Promise<SpotMarketPrices> {
    return this.c.get<SpotMarketPrices>('/api/market/spot/prices', { metro: filter.metro, plan: filter.plan }, options.signal);
  }

  /** Points oldest first. `from`/`until` are Dates, ISO strings or Unix seconds. */
  async history(
    query: { metro: string; plan: string; from?: Date | string | number | undefined; until?: Date | string | number | undefined },
    options: CallOptions = {},
  ): Promise<PricePoint[]> {
    const body = await this.c.get<SpotPriceHistory>(
      '/api/market/spot/prices/history',
      { metro: query.metro, plan: query.plan, from: timeParam(query.from), until: timeParam(query.until) },
      options.signal,
    );
    if (!Array.isArray(body?.prices)) throw malformed('a price history without its prices');
    return body.prices;
  }

  async plans(options: CallOptions = {}): Promise<Plan[]> {
    const body = await this.c.get<{ plans: Plan[] }>('/api/plans', undefined, options.signal);
    if (!Array.isArray(body?.plans)) throw malformed('a plan list without its plans');
    return body.plans;
  }

  async metros(options: CallOptions = {}): Promise<Metro[]> {
    const body = await this.c.get<{ metros: Metro[] }>('/api/metros', undefined, options.signal);
    if (!Array.isArray(body?.metros)) throw malformed('a metro list without its metros');
    return body.metros;
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
    });
    return res.body;
  }

  get(id: string, options: CallOptions = {}): Promise<Bid> {
    return this.c.get<Bid>(`/api/spot-market-requests/${pathId(id)}`, undefined, options.signal);
  }

  async list(options: ListOptions = {}): Promise<Page<Bid>> {
    const body = await this.c.get<BidList>(
      '/api/spot-market-requests',
      { page: options.page, per_page: options.perPage },
      options.signal,
    );
    return pageOf(body?.spot_market_requests, body?.meta);
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
    return pollUntil(
      (signal) => this.get(id, { signal }),
      (bid) => {
        options.onProgress?.(bid);
        if (bid.spots.length >= bid.devices_min) return true;
        if (bid.state === 'expired' || bid.state === 'cancelled') {
          throw new ExecutionFailedError(`bid ${bid.id} ${bid.state} with ${bid.spots.length} of at least ${bid.devices_min} spots`);
        }
        return false;
      },
      { ...options, what: `bid ${id} to be filled`, resumeHint: `fas bids get ${id}` },
    );
  }

  /** Cancels the bid; with `forceTermination` its spots are removed too. */
  async delete(id: string, options: CallOptions & { forceTermination?: boolean | undefined } = {}): Promise<Bid> {
    const res = await this.c.http.request<Bid>({
      method: 'DELETE',
      path: `/api/spot-market-requests/${pathId(id)}`,
      query: options.forceTermination ? { force_termination: true } : undefined,
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
    return res.body;
  }
}

class SandboxAdminApi {
  constructor(private readonly c: FasClient) {}

  health(options: CallOptions = {}): Promise<SandboxHealth> {
    return this.c.get<SandboxHealth>('/_sandbox/health', undefined, options.signal);
  }

  /** Holds a market at `price` until set again; `null` hands it back to the simulation. */
  async setPrice(metro: string, plan: string, price: number | null, options: CallOptions = {}): Promise<SpotMarketPrices> {
    const res = await this.c.http.request<SpotMarketPrices>({
      method: 'PUT',
      path: '/_sandbox/prices',
      body: { metro, plan, price },
      signal: options.signal,
    });
    return res.body;
  }

  clock(options: CallOptions = {}): Promise<SandboxClock> {
    return this.c.get<SandboxClock>('/_sandbox/clock', undefined, options.signal);
  }

  async advanceClock(seconds: number, options: CallOptions = {}): Promise<SandboxClock> {
    const res = await this.c.http.request<SandboxClock>({
      method: 'POST',
      path: '/_sandbox/clock',
      body: { advance_seconds: seconds },
      signal: options.signal,
    });
    return res.body;
  }
}

function executionIdOf(ref: ExecutionRef | undefined): string {
  if (!ref || typeof ref.execution_id !== 'string') throw malformed('an accepted request without its execution_id');
  return ref.execution_id;
}

function timeParam(t: Date | string | number | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t instanceof Date) return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return String(t);
}
