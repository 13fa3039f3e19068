// The names the client and the sandbox use for the contract's shapes. Both
// import from here, and this file only renames what `schema.ts` generates
// from openapi/fas.yaml, so neither side can drift from the document.
import type { components } from './schema.js';
import {
  bidEventTypeValues,
  bidStateValues,
  executionEventTypeValues,
  executionStatusValues,
  operationValues,
  spotEventTypeValues,
  spotStateValues,
} from './schema.js';

type S = components['schemas'];

export type ApiError = S['Error'];
export type Meta = S['Meta'];
export type Href = S['Href'];
export type ExecutionStatus = S['ExecutionStatus'];
export type Operation = S['Operation'];
export type ExecutionRef = S['ExecutionRef'];
export type Execution = S['Execution'];
export type ExecutionList = S['ExecutionList'];
export type SpotState = S['SpotState'];
export type Spot = S['Spot'];
export type SpotList = S['SpotList'];
export type SpotAddRequest = S['SpotAddRequest'];
export type SpotUpdateRequest = S['SpotUpdateRequest'];
export type SpotMarketPrices = S['SpotMarketPrices'];
export type PricePoint = S['PricePoint'];
export type SpotPriceHistory = S['SpotPriceHistory'];
export type Plan = S['Plan'];
export type Metro = S['Metro'];
export type BidState = S['BidState'];
export type InstanceParameters = S['InstanceParameters'];
export type BidCreateRequest = S['BidCreateRequest'];
export type Bid = S['Bid'];
export type BidList = S['BidList'];
export type SandboxHealth = S['SandboxHealth'];
export type SandboxClock = S['SandboxClock'];
export type Event = S['Event'];
export type SpotEvent = S['SpotEvent'];
export type BidEvent = S['BidEvent'];
export type ExecutionEvent = S['ExecutionEvent'];
export type SpotEventType = S['SpotEventType'];
export type BidEventType = S['BidEventType'];
export type ExecutionEventType = S['ExecutionEventType'];
export type EventType = SpotEventType | BidEventType | ExecutionEventType;
export type SpotEventData = S['SpotEventData'];
export type BidEventData = S['BidEventData'];
export type ExecutionEventData = S['ExecutionEventData'];
export type SpotRemovedReason = S['SpotRemovedReason'];
export type EventPage = S['EventPage'];
export type EventsGone = S['EventsGone'];

// Every value of each enum, in the document's order: the CLI's choices and the
// sandbox's checks come from here, so a state added to the document reaches both.
export const SPOT_STATES: readonly SpotState[] = spotStateValues;
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = executionStatusValues;
export const OPERATIONS: readonly Operation[] = operationValues;
export const BID_STATES: readonly BidState[] = bidStateValues;
export const SPOT_EVENT_TYPES: readonly SpotEventType[] = spotEventTypeValues;
export const EVENT_TYPES: readonly EventType[] = [...spotEventTypeValues, ...bidEventTypeValues, ...executionEventTypeValues];

export const FINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = ['completed', 'failed', 'cancelled'];

/** Seconds a spot marked for revocation has left: the market's two-minute warning. */
export const TERMINATION_NOTICE_SECONDS = 120;

/** Longest `?wait=` a server honours on `GET /api/executions/{id}`. */
export const MAX_WAIT_SECONDS = 60;

/** How long the API keeps events: a cursor older than this is answered 410. */
export const EVENT_RETENTION_DAYS = 7;

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;
/**
 * The most spots one bid may ask for (devices_min and devices_max): a bid's
 * spots are all made inside the request that fills it, and a bid for a
 * billion would hold a server for hours.
 */
export const MAX_BID_DEVICES = 1000;

/** A market whose spot price reaches this multiple of the plan's on-demand price is out of spot capacity. */
export const OUT_OF_CAPACITY_FACTOR = 10;

/** The oldest price history the API keeps. */
export const HISTORY_DAYS = 90;
