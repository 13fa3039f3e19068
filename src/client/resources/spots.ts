import type { Execution, ExecutionRef, Spot, SpotAddRequest, SpotState, SpotUpdateRequest } from '../../api/types.js';
import type { ApiCall, CallOptions, Caller, Endpoint } from '../call.js';
import { RETRY_BUDGET_MS } from '../retry.js';
import * as shape from '../shapes.js';
import { deadlineOf, givenMs, reachedDeadline } from '../deadline.js';
import { executionResult, formatMs, pollUntil, type WaitOptions } from '../wait.js';
import { Collection } from './collection.js';
import type { ExecutionsApi } from './executions.js';

const SPOTS: Endpoint = { path: '/api/spots', what: 'spot id or IP' };

export interface SpotFilter {
  state?: SpotState | undefined;
  metro?: string | undefined;
  bid?: string | undefined;
  /** Tags the spots carry, every one (`role:web`). */
  tag?: readonly string[] | undefined;
}

/** The options of a call that starts an execution and may follow it to its end. */
export interface FollowOptions extends WaitOptions {
  /** Wait until the execution ends, and resolve with the spot rather than the execution. */
  wait?: boolean | undefined;
  /** Told the execution's id as soon as the server has accepted the work, before any waiting. */
  onAccepted?: ((executionId: string) => void) | undefined;
}

export class SpotsApi extends Collection<Spot, SpotFilter> {
  constructor(
    client: Caller,
    private readonly executions: ExecutionsApi,
  ) {
    super(client, SPOTS, 'spots', shape.spot, ['state', 'metro', 'bid', 'tag']);
  }

  /** By id or by IP address. */
  get(idOrIp: string, options: CallOptions = {}): Promise<Spot> {
    return this.client.request({ method: 'GET', endpoint: SPOTS, id: idOrIp, shape: shape.spot }, options);
  }

  /**
   * Adds one spot. Resolves with the execution that adds it, or with
   * `wait: true`, with the spot once it is active.
   */
  add(request: SpotAddRequest | undefined, options: FollowOptions & { wait: true }): Promise<Spot>;
  add(request?: SpotAddRequest, options?: FollowOptions & { wait?: false | undefined }): Promise<Execution>;
  add(request?: SpotAddRequest, options?: FollowOptions): Promise<Spot | Execution>;
  async add(request: SpotAddRequest = {}, options: FollowOptions = {}): Promise<Spot | Execution> {
    const body = Object.keys(request).length ? request : undefined;
    return this.start({ method: 'PUT', endpoint: SPOTS, body, shape: shape.executionRef }, options);
  }

  /**
   * Removes a spot (by id or IP), or the newest one when no id is given.
   * Resolves with the execution, or with `wait: true`, with the removed spot.
   */
  remove(idOrIp: string | undefined, options: FollowOptions & { wait: true }): Promise<Spot>;
  remove(idOrIp?: string, options?: FollowOptions & { wait?: false | undefined }): Promise<Execution>;
  remove(idOrIp?: string, options?: FollowOptions): Promise<Spot | Execution>;
  async remove(idOrIp?: string, options: FollowOptions = {}): Promise<Spot | Execution> {
    // Only no id at all means "the newest spot"; '' is refused like any id that is none.
    return this.start({ method: 'DELETE', endpoint: SPOTS, id: idOrIp, shape: shape.executionRef }, options);
  }

  /** The spot a completed spot execution produced. */
  async resultOf(execution: Execution, options: CallOptions = {}): Promise<Spot> {
    await this.client.masked(() => executionResult(execution));
    if (execution.result) return execution.result;
    if (!execution.resource_id) throw shape.malformed(`a completed execution ${execution.id} without its spot`);
    return this.get(execution.resource_id, options);
  }

  update(input: { id: string; changes: SpotUpdateRequest }, options: CallOptions = {}): Promise<Spot> {
    return this.client.request({ method: 'PUT', endpoint: SPOTS, id: input.id, body: input.changes, shape: shape.spot }, options);
  }

  /** Makes the spot on-demand: it then pays the plan's on-demand price and is never revoked. */
  convertToOnDemand(idOrIp: string, options: CallOptions = {}): Promise<Spot> {
    return this.update({ id: idOrIp, changes: { spot_instance: false } }, options);
  }

  private async start(call: ApiCall<ExecutionRef>, options: FollowOptions): Promise<Spot | Execution> {
    const deadline = deadlineOf(options);
    const ref = await this.client.request<ExecutionRef>(call, { ...options, deadline }).catch((err: unknown) => {
      // Said as a wait's end is said: the timeout given, not an instant.
      if (reachedDeadline(err)) err.message = `gave up after ${formatMs(givenMs(options))}: ${err.message}`;
      throw err;
    });
    return this.client.masked(() => this.follow(ref.execution_id, { ...options, deadline }));
  }

  // Once the work is accepted, a failure to read about it must not fail the
  // call: a caller who sees an error would try again and buy twice. It is
  // ridden out until the call's own deadline: its timeout with `wait`, else
  // the retry budget.
  private async follow(executionId: string, options: FollowOptions): Promise<Spot | Execution> {
    if (!options.wait) {
      const timeoutMs = options.timeoutMs ?? RETRY_BUDGET_MS;
      return ridingOut((s, d) => this.executions.get(executionId, { signal: s, deadline: d }), executionId, { ...options, timeoutMs });
    }
    options.onAccepted?.(executionId);
    const done = await this.executions.wait(executionId, options);
    return ridingOut((s, d) => this.resultOf(done, { signal: s, deadline: d }), executionId, options);
  }
}

/**
 * A read that follows accepted work: retried through transient failures until
 * the call's deadline (its timeout), so that a caller does not see an error,
 * try again, and buy twice.
 */
function ridingOut<T>(read: (signal: AbortSignal, deadline: number) => Promise<T>, executionId: string, wait: WaitOptions): Promise<T> {
  return pollUntil(read, () => true, {
    signal: wait.signal,
    timeoutMs: wait.timeoutMs,
    deadline: wait.deadline,
    what: `an answer about execution ${executionId}`,
    onTimeout: { code: 'execution_unread', executionId },
  });
}
