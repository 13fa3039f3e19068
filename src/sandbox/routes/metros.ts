// /api/metros: every metro, from the catalog.
import { METROS } from '../market/catalog.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';

export function metroRoutes(): AnyEndpoint[] {
  return [
    endpoint({
      operationId: 'listMetros',
      method: 'GET',
      path: '/api/metros',
      handle: () => ({ status: 200, body: { metros: METROS } }),
    }),
  ];
}
