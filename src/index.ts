// The library: a typed client for the FaaSpot API, the one the `fas` CLI uses.
export { FasClient } from './client/client.js';
export type { FasClientOptions, CallOptions } from './client/client.js';
export type { SpotFilter, FollowOptions } from './client/resources/spots.js';
export type { ExecutionFilter } from './client/resources/executions.js';
export type { PriceFilter, HistoryQuery, BacktestQuery } from './client/resources/market.js';
export type { HeldPrice } from './client/resources/sandbox.js';
export type { EventQuery, FollowEventsOptions, EventFeed } from './client/resources/events.js';
export type { CheckedEventPage, RejectedEvent } from './client/event-shapes.js';
export type { Page, PageQuery, ListAllOptions } from './client/pagination.js';
export type { WaitOptions } from './client/wait.js';
export type { RetryInfo } from './client/transport.js';
export { chooseBidPrice, backtestChoice, BID_STRATEGIES } from './client/bid-strategy.js';
export type { BidStrategy, BidPriceChoice } from './client/bid-strategy.js';
export { backtest, priceForAvailability } from './client/backtest.js';
export type { BacktestOptions, BacktestResult, MarketBacktest, PriceForAvailability } from './client/backtest.js';
export { planFleet } from './fleet/plan.js';
export type { FleetPlan, PlanFigures } from './fleet/plan.js';
export { fleetSpec, FLEET_DEFAULTS } from './fleet/spec.js';
export type { FleetSpec, FleetPrice, Fallback } from './fleet/spec.js';
export { reconcile, targetMet } from './fleet/policy.js';
export type { Action, Decision, Member, MarketView, ReconcileInput, Waiting } from './fleet/policy.js';
export { fleetMarkets } from './fleet/history.js';
export { keepFleet } from './fleet/keep.js';
export type { KeepOptions, FleetState } from './fleet/keep.js';
export { fleetSpots, fleetTag } from './fleet/live.js';
export type { Done } from './fleet/live.js';
export type { ReplayMarket, ReplayOptions } from './fleet/replay.js';
export * from './errors.js';
export type * from './api/types.js';
export {
  BID_STATES,
  EVENT_TYPES,
  EXECUTION_STATUSES,
  FINAL_EXECUTION_STATUSES,
  OPERATIONS,
  SPOT_EVENT_TYPES,
  SPOT_STATES,
  TERMINATION_NOTICE_SECONDS,
} from './api/types.js';
