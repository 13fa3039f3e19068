// Executions: the work of adding or removing a spot, followed to its end.
import { isFinal } from '../../api/values.js';
import { HttpError } from '../http-error.js';
import { route, type AnyRoute } from '../http/route.js';
import type { RouteContext } from './index.js';
import { listAnswer } from './pages.js';

export function executionRoutes({ service, waiters }: RouteContext): AnyRoute[] {
  const { store } = service;
  const find = (account: string, id: string) => {
    const e = store.execution(account, id);
    if (!e) throw new HttpError(404, [`no execution '${id}'`]);
    return e;
  };
  return [
    route({
      operationId: 'listExecutions',
      method: 'GET',
      path: '/api/executions',
      handle: (req) => listAnswer(req, 'executions', (limit, offset) => store.listExecutions(req.account, req.query, limit, offset)),
    }),
    route({
      operationId: 'getExecution',
      method: 'GET',
      path: '/api/executions/{id}',
      async handle(req) {
        const { id } = req.params;
        let e = find(req.account, id);
        const wait = req.query.wait;
        if (wait && !isFinal(e)) {
          await waiters.until(e.id, wait, req.signal, () => isFinal(find(req.account, id)));
          e = find(req.account, id);
        }
        return { status: 200, body: e };
      },
    }),
    route({
      operationId: 'cancelExecution',
      method: 'DELETE',
      path: '/api/executions/{id}',
      mutates: true,
      handle: (req) => ({ status: 200, body: service.cancelExecution(req.account, req.params.id) }),
    }),
  ];
}
