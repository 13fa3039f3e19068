// /api/plans: every plan with its on-demand price, from the catalog.
import { PLANS } from '../market/catalog.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';

export function planRoutes(): AnyEndpoint[] {
  return [
    endpoint({
      operationId: 'listPlans',
      method: 'GET',
      path: '/api/plans',
      handle: () => ({ status: 200, body: { plans: PLANS } }),
    }),
  ];
}
