// /api/plans: every plan with its on-demand price, from the catalog.
import { PLANS } from '../market/catalog.js';
import { route, type AnyRoute } from '../http/route.js';

export function planRoutes(): AnyRoute[] {
  return [
    route({
      operationId: 'listPlans',
      method: 'GET',
      path: '/api/plans',
      handle: () => ({ status: 200, body: { plans: PLANS } }),
    }),
  ];
}
