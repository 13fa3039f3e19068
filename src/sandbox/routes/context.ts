// What every module of routes/ is built from: the service, the long polls'
// waiters and how the sandbox runs.
import type { FaultInjector } from '../faults.js';
import type { Waiters } from '../http/long-poll.js';
import type { Service } from '../service/service.js';

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
  /** Every long poll: on an execution (executionKey) or an account's events (accountKey). */
  waiters: Waiters;
  sandbox: SandboxInfo;
}
