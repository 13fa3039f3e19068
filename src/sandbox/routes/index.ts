// Every route the sandbox serves: one per operation of openapi/fas.yaml,
// grouped by resource.
import type { FaultInjector } from '../faults.js';
import type { Waiters } from '../http/long-poll.js';
import type { AnyRoute } from '../http/route.js';
import type { Service } from '../service/service.js';
import { bidRoutes } from './bids.js';
import { controlRoutes } from './control.js';
import { eventRoutes } from './events.js';
import { executionRoutes } from './executions.js';
import { marketRoutes } from './market.js';
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
  return [...executionRoutes(ctx), ...spotRoutes(ctx), ...marketRoutes(ctx), ...bidRoutes(ctx), ...eventRoutes(ctx), ...controlRoutes(ctx)];
}
