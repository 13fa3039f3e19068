// What the client checks of every successful answer before it uses it: the
// least it relies on, one function per resource. A proxy, a wrong API URL
// or a broken server can answer 2xx with anything; printing "spot undefined
// at $undefined/h" as a success would be a lie, so such an answer is a
// ServerError naming what was missing.
import { SPOT_STATES, type Bid, type Execution, type ExecutionRef, type Metro, type Plan, type PricePoint, type SandboxClock, type SandboxHealth, type Spot, type SpotMarketPrices } from '../api/types.js';
import { ServerError } from '../errors.js';
import type { Page } from './pagination.js';
import { isPathSafe } from './path.js';

type Json = Record<string, unknown>;
/** An `id` is a string that can be put back into a URL as it is (see path.ts). */
type Kind = 'id' | 'string' | 'number' | 'boolean' | 'array' | 'object';

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
    throw new ServerError('the server answered without the object that was asked for', undefined, { code: 'not_the_api' });
  }
  return value;
}

/** A field's kind; `?` after it: it may be null or absent. */
type Field = Kind | `${Kind}?`;

function need(body: Json, field: string, spec: Field, what: string): void {
  const value = body[field];
  const kind = spec.replace(/\?$/, '') as Kind;
  if (spec.endsWith('?') && (value === null || value === undefined)) return;
  if (!is(value, kind)) {
    const expected = kind === 'id' ? 'a valid id' : `${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`;
    throw malformed(`${what} whose ${field} is not ${expected}`);
  }
}

/** A check of an object with these fields, called `what` in messages; `more` checks what fields alone cannot. */
function shaped<T>(what: string, fields: Record<string, Field>, more?: (body: Json) => void): (value: unknown) => T {
  return (value) => {
    const body = object(value);
    for (const [field, spec] of Object.entries(fields)) need(body, field, spec, what);
    more?.(body);
    return body as unknown as T;
  };
}

/** A check of a list under `key` of an object, each item checked. */
function listOf<T>(key: string, what: string, item: (value: unknown) => unknown): (value: unknown) => T[] {
  return (value) => {
    const body = object(value);
    need(body, key, 'array', what);
    for (const each of body[key] as unknown[]) item(each);
    return body[key] as T[];
  };
}

/** A spot as every view and a watch's hooks read it: its state one of the contract's. */
export const spot = shaped<Spot>(
  'a spot',
  { id: 'id', hostname: 'string', ip: 'string', metro: 'string', plan: 'string', state: 'string', price: 'number', spot_instance: 'boolean', spot_price_max: 'number?', termination_time: 'string?' },
  (body) => {
    if (!(SPOT_STATES as readonly unknown[]).includes(body.state)) throw malformed(`a spot whose state is not one of ${SPOT_STATES.join(', ')}`);
  },
);

export const execution = shaped<Execution>('an execution', { id: 'id', status: 'string', resource_id: 'id?' }, (body) => {
  if (body.result !== null && body.result !== undefined) spot(body.result);
});

export const executionRef = shaped<ExecutionRef>('an accepted request', { execution_id: 'id' });

export const bid = shaped<Bid>('a bid', { id: 'id', max_bid_price: 'number', devices_min: 'number', spots: 'array' });

/** A page of a list: its items (each checked) under `key`, and its meta. */
export function page<T>(value: unknown, key: string, item: (value: unknown) => T): Page<T> {
  const body = object(value);
  need(body, key, 'array', 'a list');
  need(body, 'meta', 'object', 'a list');
  return { items: (body[key] as unknown[]).map(item), meta: body.meta as Page<T>['meta'] };
}

export const marketPrices = shaped<SpotMarketPrices>('market prices', { spot_market_prices: 'object' }, (body) => {
  for (const [metro, plans] of Object.entries(body.spot_market_prices as Json)) {
    if (!isObject(plans)) throw malformed(`market prices whose ${metro} is not an object`);
    for (const [plan, price] of Object.entries(plans)) {
      if (!isObject(price) || !is(price.price, 'number')) throw malformed(`market prices whose ${metro} ${plan} price is not a number`);
    }
  }
});

const pricePoint = shaped<PricePoint>('a price history point', { price: 'number', timestamp: 'number' });

/**
 * Points oldest first and prices of at least zero, as the contract says and
 * a replay (backtest.ts) needs. 90 days are 25,920 points a market: each is
 * checked in one test, and only one that fails it goes through the check
 * that names what is wrong.
 */
export function priceHistory(value: unknown): PricePoint[] {
  const body = object(value);
  need(body, 'prices', 'array', 'a price history');
  const points = body.prices as PricePoint[];
  let last = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (typeof p === 'object' && p !== null && is(p.price, 'number') && p.price >= 0 && is(p.timestamp, 'number') && p.timestamp > last) {
      last = p.timestamp;
      continue;
    }
    pricePoint(p);
    if (p.price < 0) throw malformed(`a price history whose point ${i} has a negative price`);
    throw malformed(`a price history whose point ${i} is not after the one before it`);
  }
  return points;
}

const planPricing = shaped('a plan pricing', { hour: 'number' });
export const plans = listOf<Plan>('plans', 'a plan list', shaped('a plan', { slug: 'string', pricing: 'object' }, (plan) => planPricing(plan.pricing)));

export const metros = listOf<Metro>('metros', 'a metro list', shaped('a metro', { code: 'string' }));

export const sandboxHealth = shaped<SandboxHealth>('a sandbox health check', { status: 'string' });

export const sandboxClock = shaped<SandboxClock>('a sandbox clock', { now: 'string' });
