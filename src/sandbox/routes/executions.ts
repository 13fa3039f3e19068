// Executions: the work of adding or removing a spot, followed to its end.
import { isFinal } from '../../api/values.js';
import { executionKey } from '../http/long-poll.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { listReply } from './pages.js';
import { findExecution } from '../service/refs.js';

export function executionRoutes({ service, waiters }: RouteContext): AnyEndpoint[] {
  const { store } = service;
  return [
    endpoint({
      operationId: 'listExecutions',
      method: 'GET',
      path: '/api/executions',
      handle: (req) => listReply(req, 'executions', (limit, offset) => store.listExecutions(req.account, req.query, limit, offset)),
    }),
    endpoint({
      operationId: 'getExecution',
      method: 'GET',
      path: '/api/executions/{id}',
      async handle(req) {
        let e = findExecution(store, req.account, req.params.id);
        const wait = req.query.wait;
        if (wait && !isFinal(e)) {
          // By its full id from here: a prefix may match another execution made meanwhile.
          const { id } = e;
          await waiters.until(executionKey(id), wait, req.signal, () => isFinal(store.execution(req.account, id)!));
          e = store.execution(req.account, id)!;
        }
        return { status: 200, body: e };
      },
    }),
    endpoint({
      operationId: 'cancelExecution',
      method: 'DELETE',
      path: '/api/executions/{id}',
      mutates: true,
      handle: (req) => ({ status: 200, body: service.cancelExecution(req.account, req.params.id) }),
    }),
  ];
}
