// /_sandbox/*: the sandbox's own routes: its health check, and (with --admin) the
// controls that tests and demos use to hold prices and move the clock.
import type { SandboxHealth } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { describeFaults } from '../faults.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { unknownMetro, unknownPlan } from './known.js';

// Times are written as ISO 8601 with 4-digit years, and the sandbox writes
// some up to a day ahead of its clock (provisioning, termination notices).
const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31);

export function sandboxRoutes({ service, sandbox }: RouteContext): AnyEndpoint[] {
  const clock = () => {
    const now = service.now();
    return { status: 200, body: { now: isoSeconds(now), offset_seconds: (now - Date.now()) / 1000 } };
  };
  return [
    endpoint({
      operationId: 'sandboxHealth',
      method: 'GET',
      path: '/_sandbox/health',
      public: true,
      // Anyone may ask whether it is up; what it is and where (pid, data directory, faults) is for its token holders.
      handle(req) {
        if (!req.account) return { status: 200, body: { status: 'ok' } satisfies SandboxHealth };
        const body: SandboxHealth = { status: 'ok', version: sandbox.version, pid: process.pid, data_dir: sandbox.dataDir, admin: sandbox.admin };
        if (sandbox.rateLimit) body.rate_limit = sandbox.rateLimit;
        const { faults } = sandbox;
        if (faults) body.faults = { spec: describeFaults(faults.spec), requests: faults.requests, injected: { ...faults.injected } };
        return { status: 200, body };
      },
    }),
    endpoint({
      operationId: 'sandboxSetPrice',
      method: 'PUT',
      path: '/_sandbox/prices',
      admin: true,
      mutates: true,
      check({ body }, checks) {
        checks.on(['body.metro'], () => unknownMetro('metro', body.metro));
        checks.on(['body.plan'], () => unknownPlan('plan', body.plan));
      },
      handle({ body: { metro, plan, price } }) {
        service.exchange.setPrice(metro, plan, price);
        return { status: 200, body: { spot_market_prices: { [metro]: { [plan]: { price: service.exchange.price(metro, plan) } } } } };
      },
    }),
    endpoint({
      operationId: 'sandboxGetClock',
      method: 'GET',
      path: '/_sandbox/clock',
      admin: true,
      handle: clock,
    }),
    endpoint({
      operationId: 'sandboxAdvanceClock',
      method: 'POST',
      path: '/_sandbox/clock',
      admin: true,
      mutates: true,
      // The offset is stored: a clock past what a Date can hold would fail every later request, and every restart.
      check({ body }, checks) {
        checks.on(['body.advance_seconds'], () => {
          const room = Math.floor((LATEST_CLOCK_MS - service.now()) / 1000);
          if (body.advance_seconds <= room) return undefined;
          return `advance_seconds: at most ${Math.max(0, room)} now, so that the clock stays before ${new Date(LATEST_CLOCK_MS).toISOString()}`;
        });
      },
      handle({ body }) {
        service.advanceClock(body.advance_seconds);
        return clock();
      },
    }),
  ];
}
