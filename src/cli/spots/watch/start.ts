// Where a watch starts: a cursor of the feed, the pool read after it, the
// events between the two, and the notices of spots already under notice.
// Each reads the feed page by page from a server it cannot vouch for: the
// client refuses ids that do not go up and a `next` that goes back, and here
// what is gathered has a bound, so that a feed that never comes to an end is
// an error rather than a process that grows without end.
import type { Event, Spot, SpotEvent } from '../../../api/types.js';
import type { FasClient } from '../../../client/client.js';
import { inOrder, type RejectedEvent } from '../../../client/event-shapes.js';
import { ServerError } from '../../../errors.js';
import type { WatchedSpot } from './pool.js';

/**
 * The most events a catch-up gathers: those written between a cursor and
 * the list read after it, a second or two of the account's feed. A feed
 * with more than this is a server that never says "that is all".
 */
export const MAX_CATCH_UP_EVENTS = 10_000;

export interface Start {
  cursor: string;
  spots: Spot[];
  /** The ids watched; undefined for the whole pool. */
  only: Set<string> | undefined;
}

/** A cursor, then the pool: each id given as listed, or read alone (a removed spot is not listed; an unknown one is a 404). */
export async function startFromPool(client: FasClient, ids: readonly string[], signal: AbortSignal): Promise<Start> {
  const { next } = await client.events.list({}, { signal });
  const listed = await client.spots.listAll({}, { signal });
  if (ids.length === 0) return { cursor: next, spots: listed, only: undefined };
  const spots: Spot[] = [];
  for (const wanted of ids) {
    const spot = listed.find((s) => s.id === wanted || s.ip === wanted) ?? (await client.spots.get(wanted, { signal }));
    if (!spots.some((s) => s.id === spot.id)) spots.push(spot);
  }
  return { cursor: next, spots, only: new Set(spots.map((s) => s.id)) };
}

/** Every event after the cursor up to now, and the cursor after them; events the contract does not allow go to `reject`. */
export async function catchUp(
  client: FasClient,
  cursor: string,
  types: readonly SpotEvent['type'][] | undefined,
  reject: (r: RejectedEvent) => void,
  signal: AbortSignal,
): Promise<{ events: Event[]; next: string }> {
  const events: Event[] = [];
  let next = cursor;
  let read = 0;
  for (;;) {
    const page = await client.events.list({ after: next, types }, { signal });
    for (const item of inOrder(page)) {
      if ('event' in item) events.push(item.event);
      else reject(item.rejected);
    }
    read += page.events.length + page.rejected.length;
    next = page.next;
    if (page.events.length + page.rejected.length === 0) return { events, next };
    if (read > MAX_CATCH_UP_EVENTS) throw endless(`after cursor ${cursor}`, read);
  }
}

function endless(from: string, read: number): ServerError {
  return new ServerError(`the server's event feed did not come to an end: ${read} events ${from} and more to come, while the watch caught up`, undefined);
}

/**
 * The notices of spots already under notice when the watch starts, to be
 * told of as if they came now (their termination hook runs, once): each
 * spot's own event, from those read already or else back from the feed.
 */
export async function noticesOf(
  client: FasClient,
  noticed: readonly WatchedSpot[],
  seen: readonly Event[],
  warn: (line: string) => void,
  reject: (r: RejectedEvent) => void,
  signal: AbortSignal,
): Promise<Event[]> {
  if (noticed.length === 0) return [];
  const notices = new Map<string, Event>();
  for (const e of seen) if (e.type === 'spot.termination_notice') notices.set(e.resource_id, e);
  const missing = noticed.filter((s) => !notices.has(s.id));
  if (missing.length) {
    // A notice comes 120 s before its termination time: the earliest of them bounds where to look.
    const earliest = Math.min(...missing.map((s) => Date.parse(s.termination_time!))) - 125_000;
    let query: { since?: Date; after?: string } = { since: new Date(earliest) };
    let read = 0;
    for (;;) {
      const page = await client.events.list({ ...query, types: ['spot.termination_notice'] }, { signal });
      for (const e of page.events) notices.set(e.resource_id, e);
      for (const r of page.rejected) reject(r);
      read += page.events.length + page.rejected.length;
      if (page.events.length + page.rejected.length === 0 || missing.every((s) => notices.has(s.id))) break;
      if (read > MAX_CATCH_UP_EVENTS) throw endless(`since ${new Date(earliest).toISOString()}`, read);
      query = { after: page.next };
    }
  }
  const found: Event[] = [];
  for (const spot of noticed) {
    const e = notices.get(spot.id);
    if (e) found.push(e);
    else warn(`spot ${spot.id} is under notice, but its notice is not in the feed: no hook runs for it`);
  }
  return found;
}
