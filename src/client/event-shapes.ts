// What a page of the event feed must hold before anything reads it: the
// page itself (its events, its `next`), the order of its cursors, and each
// event's data as the contract gives it for its type. A page that breaks the
// order, or an event without a cursor for an id, is a ServerError: nothing
// after it can be trusted. An event that has its cursor but not its data is
// set apart, with the error that says what is wrong with it, so that one bad
// event costs that event alone and the reader goes on from its cursor.
import { BID_STATES, EVENT_TYPES, EXECUTION_STATUSES, OPERATIONS, SPOT_STATES, type Event, type EventPage } from '../api/types.js';
import { isCursor } from '../api/values.js';
import { ServerError } from '../errors.js';
import { isPathSafe } from './path.js';
import { malformed } from './shapes.js';

/** An event the page held whose content the contract does not allow. */
export interface RejectedEvent {
  id: string;
  error: ServerError;
}

/** A page of the feed as checked: the events fit to read, those set apart, and the cursor after them all. */
export interface CheckedEventPage extends EventPage {
  rejected: RejectedEvent[];
}

type Json = Record<string, unknown>;
/** A field's expected value: a kind, or one of some words; `?` after a kind: null too. */
type Spec = 'string' | 'string?' | 'number' | 'number?' | 'boolean' | 'time' | 'time?' | 'id' | 'id?' | 'ids' | readonly string[];

const SPOT_DATA: Record<string, Spec> = {
  state: SPOT_STATES,
  ip: 'string',
  hostname: 'string',
  metro: 'string',
  plan: 'string',
  bid_id: 'id?',
  spot_instance: 'boolean',
  spot_price_max: 'number?',
  termination_time: 'time?',
};
const BID_DATA: Record<string, Spec> = {
  state: BID_STATES,
  metro: 'string',
  plan: 'string',
  max_bid_price: 'number',
  devices_min: 'number',
  devices_max: 'number',
  spots: 'ids',
};
const EXECUTION_DATA: Record<string, Spec> = { operation: OPERATIONS, status: EXECUTION_STATUSES, spot_id: 'id?', error: 'string?' };
const DATA: Record<string, Record<string, Spec>> = { spot: SPOT_DATA, bid: BID_DATA, execution: EXECUTION_DATA };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fits(value: unknown, spec: Spec): boolean {
  if (typeof spec !== 'string') return typeof value === 'string' && spec.includes(value);
  if (spec.endsWith('?') && value === null) return true;
  switch (spec.replace(/\?$/, '')) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'time':
      return typeof value === 'string' && Number.isFinite(Date.parse(value));
    case 'id':
      return typeof value === 'string' && isPathSafe(value);
    default:
      return Array.isArray(value) && value.every((id) => typeof id === 'string' && isPathSafe(id));
  }
}

/** What is wrong with the event, in words; undefined when nothing is. Its id has been checked already. */
function problem(e: Json): string | undefined {
  if (typeof e.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(e.type)) return 'whose type is not one of the contract';
  const resource = e.type.slice(0, e.type.indexOf('.'));
  if (e.resource_type !== resource) return `whose resource_type is not ${resource}, as its type says`;
  if (!fits(e.resource_id, 'id')) return 'whose resource_id is not a valid id';
  if (!fits(e.time, 'time')) return 'whose time is not a time';
  if (!isObject(e.data)) return 'without its data';
  for (const [field, spec] of Object.entries(DATA[resource]!)) {
    if (!fits(e.data[field], spec)) return `whose data.${field} is not ${typeof spec === 'string' ? words(spec) : `one of ${spec.join(', ')}`}`;
  }
  if (resource === 'spot' && e.data.price !== undefined && !fits(e.data.price, 'number')) return 'whose data.price is not a number';
  return undefined;
}

function words(spec: string): string {
  const base = spec.replace(/\?$/, '');
  const kind = { string: 'a string', number: 'a number', boolean: 'true or false', time: 'a time', id: 'a valid id', ids: 'a list of ids' }[base] ?? base;
  return spec.endsWith('?') ? `${kind} or null` : kind;
}

/** Cursor `a` after cursor `b`: both are digits (at most 15), so whole numbers compared exactly. */
export function cursorAfter(a: string, b: string): boolean {
  return Number(a) > Number(b);
}

/**
 * The page, checked as an answer to a request after cursor `after` (when
 * one was given): every event's id after the one before it, the first after
 * `after`, and `next` not before the last of them nor before `after`. A
 * server that breaks this would have the same events given again, or asked
 * for again, without end.
 */
export function checkEventPage(value: unknown, after: string | undefined): CheckedEventPage {
  if (!isObject(value)) throw new ServerError('the server answered without the object that was asked for', undefined, { code: 'not_the_api' });
  if (!Array.isArray(value.events)) throw malformed('a page of events whose events is not an array');
  if (typeof value.next !== 'string' || !isCursor(value.next)) throw malformed('a page of events whose next is not a cursor (digits)');
  const events: Event[] = [];
  const rejected: RejectedEvent[] = [];
  let last = after;
  for (const e of value.events as unknown[]) {
    if (!isObject(e) || typeof e.id !== 'string' || !isCursor(e.id)) throw malformed('an event whose id is not a cursor (digits)');
    if (last !== undefined && !cursorAfter(e.id, last)) {
      throw malformed(`event ${e.id} ${last === after && e === value.events[0] ? `after cursor ${last}` : `after event ${last}`}: its ids must only go up`);
    }
    last = e.id;
    const wrong = problem(e);
    if (wrong) rejected.push({ id: e.id, error: malformed(`event ${e.id} ${wrong}`) });
    else events.push(e as unknown as Event);
  }
  if (last !== undefined && cursorAfter(last, value.next)) throw malformed(`a page of events whose next (${value.next}) is before its own cursor ${last}: the same events would come again`);
  return { events, next: value.next, rejected };
}

/** The page's events and those set apart, in the order of their ids, as the feed gave them. */
export function inOrder(page: CheckedEventPage): ({ event: Event; id: string } | { rejected: RejectedEvent; id: string })[] {
  const all = [...page.events.map((event) => ({ event, id: event.id })), ...page.rejected.map((rejected) => ({ rejected, id: rejected.id }))];
  return all.sort((a, b) => (cursorAfter(a.id, b.id) ? 1 : -1));
}
