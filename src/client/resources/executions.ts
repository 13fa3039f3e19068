import type { Execution, ExecutionStatus, Operation, Spot } from '../../api/types.js';
import type { CallOptions, FasClient, Route } from '../client.js';
import * as shape from '../shapes.js';
import { settle, waitForExecution, type WaitOptions } from '../wait.js';
import { Collection } from './collection.js';

const EXECUTIONS: Route = { path: '/api/executions', what: 'execution id' };

export interface ExecutionFilter {
  status?: ExecutionStatus | undefined;
  operation?: Operation | undefined;
}

export class ExecutionsApi extends Collection<Execution, ExecutionFilter> {
  constructor(c: FasClient) {
    super(c, EXECUTIONS, 'executions', shape.execution, ['status', 'operation']);
  }

  /** The execution; with `waitSeconds`, the server may hold the answer that long, until it is final (a long poll). */
  get(input: string | { id: string; waitSeconds?: number | undefined }, options: CallOptions = {}): Promise<Execution> {
    const { id, waitSeconds } = typeof input === 'string' ? { id: input, waitSeconds: undefined } : input;
    return this.client.request(
      {
        method: 'GET',
        route: EXECUTIONS,
        id,
        query: waitSeconds === undefined ? undefined : { wait: waitSeconds },
        holdMs: waitSeconds === undefined ? undefined : waitSeconds * 1000,
        shape: shape.execution,
      },
      options,
    );
  }

  cancel(id: string, options: CallOptions = {}): Promise<Execution> {
    return this.client.request({ method: 'DELETE', route: EXECUTIONS, id, shape: shape.execution }, options);
  }

  /**
   * Resolves with the completed execution; throws ExecutionFailedError when it
   * fails or is cancelled and TimeoutError past the deadline.
   */
  wait(id: string, options: WaitOptions = {}): Promise<Execution> {
    return this.client.redacted(() =>
      waitForExecution((eid, waitSeconds, signal, deadline) => this.get({ id: eid, waitSeconds }, { signal, deadline }), id, options),
    );
  }

  /** The spot a completed spot execution produced. */
  async resultSpot(execution: Execution, options: CallOptions = {}): Promise<Spot> {
    await this.client.redacted(() => settle(execution));
    if (execution.result) return execution.result;
    if (!execution.resource_id) throw shape.malformed(`a completed execution ${execution.id} without its spot`);
    return this.client.spots.get(execution.resource_id, options);
  }
}
