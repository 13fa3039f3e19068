// What the client checks of every successful answer before it uses it: the
// least it relies on, one function per resource. A proxy, a wrong API URL
// or a broken server can answer 2xx with anything; printing "spot undefined
// at $undefined/h" as a success would be a lie, so such an answer is a
// ServerError naming what was missing.
import type { Bid, Execution, ExecutionRef, Metro, Plan, PricePoint, SandboxClock, SandboxHealth, Spot, SpotMarketPrices } from '../api/types.js';
import { ServerError } from '../errors.js';
import type { Page } from './pagination.js';
import { isPathSafe } from './path.js';

type Json = Record<string, unknown>;
/** An `id` is a string that can be put back into a URL as it is (see path.ts). */
type Kind = 'id' | 'string' | 'number' | 'array' | 'object';

const CHECK_API_URL = 'check the API URL: --api-url, FAS_API_URL, or fas config get api_url';

export function malformed(what: string): ServerError {
  return new ServerError(`the server answered ${what}`, undefined);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function is(value: unknown, kind: Kind): boolean {
  if (kind === 'id') return typeof value === 'string' && isPathSafe(value);
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object') return isObject(value);
  return typeof value === kind && (kind !== 'number' || Number.isFinite(value));
}

function object(value: unknown): Json {
  if (!isObject(value)) {
    // A proxy or a wrong API URL can answer 200 with null, a list or nothing at all.
    throw new ServerError('the server answered without the object that was asked for', undefined, { hint: CHECK_API_URL });
  }
  return value;
}

function need(body: Json, field: string, kind: Kind, what: string, { nullable = false } = {}): void {
  const value = body[field];
  if (nullable && (value === null || value === undefined)) return;
  if (!is(value, kind)) {
    const expected = kind === 'id' ? 'a valid id' : `${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`;
    throw malformed(`${what} whose ${field} is not ${expected}`);
  }
}

export function spot(value: unknown): Spot {
  const body = object(value);
  need(body, 'id', 'id', 'a spot');
  need(body, 'price', 'number', 'a spot');
  need(body, 'spot_price_max', 'number', 'a spot', { nullable: true });
  return body as unknown as Spot;
}

export function execution(value: unknown): Execution {
  const body = object(value);
  need(body, 'id', 'id', 'an execution');
  need(body, 'status', 'string', 'an execution');
  need(body, 'resource_id', 'id', 'an execution', { nullable: true });
  if (body.result !== null && body.result !== undefined) spot(body.result);
  return body as unknown as Execution;
}

export function executionRef(value: unknown): ExecutionRef {
  const body = object(value);
  need(body, 'execution_id', 'id', 'an accepted request');
  return body as unknown as ExecutionRef;
}

export function bid(value: unknown): Bid {
  const body = object(value);
  need(body, 'id', 'id', 'a bid');
  need(body, 'max_bid_price', 'number', 'a bid');
  need(body, 'devices_min', 'number', 'a bid');
  need(body, 'spots', 'array', 'a bid');
  return body as unknown as Bid;
}

/** A page of a list: its items (each checked) under `key`, and its meta. */
export function page<T>(value: unknown, key: string, item: (value: unknown) => T): Page<T> {
  const body = object(value);
  need(body, key, 'array', 'a list');
  need(body, 'meta', 'object', 'a list');
  return { items: (body[key] as unknown[]).map(item), meta: body.meta as Page<T>['meta'] };
}

export function marketPrices(value: unknown): SpotMarketPrices {
  const body = object(value);
  need(body, 'spot_market_prices', 'object', 'market prices');
  for (const [metro, plans] of Object.entries(body.spot_market_prices as Json)) {
    if (!isObject(plans)) throw malformed(`market prices whose ${metro} is not an object`);
    for (const [plan, price] of Object.entries(plans)) {
      if (!isObject(price) || !is(price.price, 'number')) throw malformed(`market prices whose ${metro} ${plan} price is not a number`);
    }
  }
  return body as unknown as SpotMarketPrices;
}

export function priceHistory(value: unknown): PricePoint[] {
  const body = object(value);
  need(body, 'prices', 'array', 'a price history');
  for (const point of body.prices as unknown[]) {
    const p = object(point);
    need(p, 'price', 'number', 'a price history point');
    need(p, 'timestamp', 'number', 'a price history point');
  }
  return body.prices as PricePoint[];
}

export function plans(value: unknown): Plan[] {
  const body = object(value);
  need(body, 'plans', 'array', 'a plan list');
  for (const item of body.plans as unknown[]) {
    const plan = object(item);
    need(plan, 'slug', 'string', 'a plan');
    need(plan, 'pricing', 'object', 'a plan');
    need(plan.pricing as Json, 'hour', 'number', 'a plan pricing');
  }
  return body.plans as Plan[];
}

export function metros(value: unknown): Metro[] {
  const body = object(value);
  need(body, 'metros', 'array', 'a metro list');
  for (const item of body.metros as unknown[]) need(object(item), 'code', 'string', 'a metro');
  return body.metros as Metro[];
}

export function sandboxHealth(value: unknown): SandboxHealth {
  const body = object(value);
  need(body, 'status', 'string', 'a sandbox health check');
  return body as unknown as SandboxHealth;
}

export function sandboxClock(value: unknown): SandboxClock {
  const body = object(value);
  need(body, 'now', 'string', 'a sandbox clock');
  return body as unknown as SandboxClock;
}
