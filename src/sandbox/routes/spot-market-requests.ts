// /api/spot-market-requests: bids, which the market fills over time.
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { unknownMetro, unknownPlan } from './known.js';
import { listReply } from './pages.js';
import { findBid } from '../service/refs.js';

// instance_parameters is stored and echoed as given; JSON.stringify recurses
// and overflows the stack on a deep enough value.
const MAX_NESTING = 32;

export function spotMarketRequestRoutes({ service }: RouteContext): AnyEndpoint[] {
  const { store, exchange } = service;
  return [
    endpoint({
      operationId: 'listBids',
      method: 'GET',
      path: '/api/spot-market-requests',
      handle: (req) => listReply(req, 'spot_market_requests', (limit, offset) => store.listBids(req.account, limit, offset)),
    }),
    endpoint({
      operationId: 'createBid',
      method: 'POST',
      path: '/api/spot-market-requests',
      mutates: true,
      check({ body }, checks) {
        checks.on(['body.devices_max', 'body.devices_min'], () =>
          body.devices_max < body.devices_min ? 'devices_max: must be at least devices_min' : undefined,
        );
        checks.on(['body.metro'], () => unknownMetro('metro', body.metro, true));
        checks.on(['body.instance_parameters.plan'], () => unknownPlan('instance_parameters.plan', body.instance_parameters.plan, true));
        checks.on(['body.instance_parameters'], () =>
          nestedDeeperThan(body.instance_parameters, MAX_NESTING) ? `instance_parameters: nested more than ${MAX_NESTING} levels deep` : undefined,
        );
        checks.on(['body.end_at'], () => {
          if (body.end_at === undefined) return undefined;
          const ms = Date.parse(body.end_at);
          // The format lets through a leap second (23:59:60), which JavaScript cannot read.
          if (Number.isNaN(ms)) return 'end_at: must be a time JavaScript can read; a leap second is not one';
          return ms <= service.now() ? 'end_at: must be in the future' : undefined;
        });
      },
      handle: (req) => ({ status: 201, body: exchange.createBid(req.account, req.body) }),
    }),
    endpoint({
      operationId: 'getBid',
      method: 'GET',
      path: '/api/spot-market-requests/{id}',
      handle: (req) => ({ status: 200, body: findBid(store, req.account, req.params.id) }),
    }),
    endpoint({
      operationId: 'deleteBid',
      method: 'DELETE',
      path: '/api/spot-market-requests/{id}',
      mutates: true,
      handle(req) {
        const force = req.query.force_termination === true || req.body?.force_termination === true;
        return { status: 200, body: exchange.cancelBid(req.account, req.params.id, force) };
      },
    }),
  ];
}

/** Looks no deeper than `limit`, so its own recursion stays shallow whatever the value. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => nestedDeeperThan(v, limit - 1));
}
