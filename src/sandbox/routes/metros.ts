// /api/metros: every metro, from the catalog.
import { METROS } from '../market/catalog.js';
import { route, type AnyRoute } from '../http/route.js';

export function metroRoutes(): AnyRoute[] {
  return [
    route({
      operationId: 'listMetros',
      method: 'GET',
      path: '/api/metros',
      handle: () => ({ status: 200, body: { metros: METROS } }),
    }),
  ];
}
