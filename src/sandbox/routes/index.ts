// Every route the sandbox serves: one per operation of openapi/fas.yaml,
// each module named for the URLs it serves (/api/spot-market-requests in
// spot-market-requests.ts, /_sandbox/* in sandbox.ts).
import type { AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { eventRoutes } from './events.js';
import { executionRoutes } from './executions.js';
import { marketRoutes } from './market.js';
import { metroRoutes } from './metros.js';
import { planRoutes } from './plans.js';
import { sandboxRoutes } from './sandbox.js';
import { spotMarketRequestRoutes } from './spot-market-requests.js';
import { spotRoutes } from './spots.js';

export function allRoutes(ctx: RouteContext): AnyEndpoint[] {
  return [
    ...executionRoutes(ctx),
    ...spotRoutes(ctx),
    ...marketRoutes(ctx),
    ...planRoutes(),
    ...metroRoutes(),
    ...spotMarketRequestRoutes(ctx),
    ...eventRoutes(ctx),
    ...sandboxRoutes(ctx),
  ];
}
