// The pool: listing, adding, changing and removing spots.
import type { Execution } from '../../api/types.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { unknownMetro, unknownPlan } from './known.js';
import { listReply } from './pages.js';
import { findSpot } from '../service/refs.js';

const accepted = (e: Execution) => ({ status: 202, body: { execution_id: e.id } });

export function spotRoutes({ service }: RouteContext): AnyEndpoint[] {
  const { store, exchange } = service;
  return [
    endpoint({
      operationId: 'listSpots',
      method: 'GET',
      path: '/api/spots',
      handle: (req) =>
        listReply(req, 'spots', (limit, offset) => {
          const { total, items } = store.listSpots(req.account, req.query, limit, offset);
          return { total, items: exchange.presentAll(items) };
        }),
    }),
    endpoint({
      operationId: 'addSpot',
      method: 'PUT',
      path: '/api/spots',
      mutates: true,
      check(req, checks) {
        checks.on(['body.metro'], () => unknownMetro('metro', req.body?.metro, true));
        checks.on(['body.plan'], () => unknownPlan('plan', req.body?.plan, true));
      },
      handle: (req) => accepted(service.addSpot(req.account, req.body ?? {})),
    }),
    endpoint({
      operationId: 'removeNewestSpot',
      method: 'DELETE',
      path: '/api/spots',
      mutates: true,
      handle: (req) => accepted(service.removeSpot(req.account, undefined)),
    }),
    endpoint({
      operationId: 'getSpot',
      method: 'GET',
      path: '/api/spots/{id}',
      handle: (req) => ({ status: 200, body: exchange.present(findSpot(store, req.account, req.params.id)) }),
    }),
    endpoint({
      operationId: 'updateSpot',
      method: 'PUT',
      path: '/api/spots/{id}',
      mutates: true,
      handle: (req) => ({ status: 200, body: service.updateSpot(req.account, req.params.id, req.body) }),
    }),
    endpoint({
      operationId: 'removeSpot',
      method: 'DELETE',
      path: '/api/spots/{id}',
      mutates: true,
      handle: (req) => accepted(service.removeSpot(req.account, req.params.id)),
    }),
  ];
}
