import type { Execution, ExecutionStatus, Operation } from '../../api/types.js';
import type { CallOptions, Caller, Endpoint } from '../call.js';
import * as shape from '../shapes.js';
import { waitForExecution, type WaitOptions } from '../wait.js';
import { Collection } from './collection.js';

const EXECUTIONS: Endpoint = { path: '/api/executions', what: 'execution id' };

export interface ExecutionFilter {
  status?: ExecutionStatus | undefined;
  operation?: Operation | undefined;
}

export class ExecutionsApi extends Collection<Execution, ExecutionFilter> {
  constructor(client: Caller) {
    super(client, EXECUTIONS, 'executions', shape.execution, ['status', 'operation']);
  }

  /** The execution; with `waitSeconds`, the server may hold the answer that long, until it is final (a long poll). */
  get(input: string | { id: string; waitSeconds?: number | undefined }, options: CallOptions = {}): Promise<Execution> {
    const { id, waitSeconds } = typeof input === 'string' ? { id: input, waitSeconds: undefined } : input;
    return this.client.request(
      {
        method: 'GET',
        endpoint: EXECUTIONS,
        id,
        query: waitSeconds === undefined ? undefined : { wait: waitSeconds },
        holdMs: waitSeconds === undefined ? undefined : waitSeconds * 1000,
        shape: shape.execution,
      },
      options,
    );
  }

  cancel(id: string, options: CallOptions = {}): Promise<Execution> {
    return this.client.request({ method: 'DELETE', endpoint: EXECUTIONS, id, shape: shape.execution }, options);
  }

  /**
   * Resolves with the completed execution; throws ExecutionFailedError when it
   * fails or is cancelled and TimeoutError past the deadline.
   */
  wait(id: string, options: WaitOptions = {}): Promise<Execution> {
    return this.client.masked(() =>
      waitForExecution((eid, waitSeconds, signal, deadline) => this.get({ id: eid, waitSeconds }, { signal, deadline }), id, options),
    );
  }

}
