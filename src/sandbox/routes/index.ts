// Every route the sandbox serves: one per operation of openapi/fas.yaml,
// each module named for the URLs it serves (/api/spot-market-requests in
// spot-market-requests.ts, /_sandbox/* in sandbox.ts).
import type { FaultInjector } from '../faults.js';
import type { Waiters } from '../http/long-poll.js';
import type { AnyRoute } from '../http/route.js';
import type { Service } from '../service/service.js';
import { eventRoutes } from './events.js';
import { executionRoutes } from './executions.js';
import { marketRoutes } from './market.js';
import { metroRoutes } from './metros.js';
import { planRoutes } from './plans.js';
import { sandboxRoutes } from './sandbox.js';
import { spotMarketRequestRoutes } from './spot-market-requests.js';
import { spotRoutes } from './spots.js';

/** What the health check tells the token's holders, and how the sandbox runs. */
export interface SandboxInfo {
  admin: boolean;
  version: string;
  dataDir: string;
  faults?: FaultInjector | undefined;
  /** Requests per second per token; 0 or absent for no limit. */
  rateLimit?: number | undefined;
}

export interface RouteContext {
  service: Service;
  /** Long polls on executions, by id. */
  waiters: Waiters;
  sandbox: SandboxInfo;
}

export function allRoutes(ctx: RouteContext): AnyRoute[] {
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
