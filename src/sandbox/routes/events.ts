// The account's feed of changes: its events after a cursor, or held (a long
// poll) until the next one is committed.
import { EVENT_RETENTION_DAYS, EVENT_TYPES, type Event, type EventPage } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { Reply } from '../http/reply.js';
import { accountKey } from '../http/long-poll.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { seconds } from './market.js';

const KNOWN = new Set<string>(EVENT_TYPES);

export function eventRoutes({ service, waiters }: RouteContext): AnyEndpoint[] {
  const { events } = service.store;
  return [
    endpoint({
      operationId: 'listEvents',
      method: 'GET',
      path: '/api/events',
      check({ query }, checks) {
        checks.on(['query.types'], () => {
          const unknown = typesOf(query.types)?.filter((t) => !KNOWN.has(t));
          if (!unknown?.length) return undefined;
          return `types: unknown event type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `'${t}'`).join(', ')} (known: ${EVENT_TYPES.join(', ')})`;
        });
        checks.on(['query.after', 'query.since'], () =>
          query.after !== undefined && query.since !== undefined ? 'since: give after or since, not both' : undefined,
        );
      },
      async handle(req) {
        const { query } = req;
        const types = typesOf(query.types);
        const limit = query.limit!;
        const start = startingCursor(query);
        if ('gone' in start) return start.gone;
        const cursor = start.cursor;
        const page = (): EventPage => {
          const found = events.list(req.account, cursor, types, limit);
          // A full answer goes on from its last event; any other has looked at everything up to the latest id.
          const next = found.length === limit ? Number(found.at(-1)!.id) : Math.max(cursor, events.latest());
          return { events: found, next: String(next) };
        };
        let answer = page();
        if (answer.events.length === 0 && query.wait) {
          const account = req.account;
          // Any event of the account wakes its held requests, which look again.
          await waiters.until(accountKey(account), query.wait, req.signal, () => events.list(account, cursor, types, 1).length > 0);
          answer = page();
        }
        return { status: 200, body: answer };
      },
    }),
  ];

  /** The cursor the answer reads after, or the 410 when what it asks for is no longer kept. */
  function startingCursor(query: { after?: string; since?: string }): { cursor: number } | { gone: Reply } {
    const kept = events.kept();
    if (query.since !== undefined) {
      const sinceMs = seconds(query.since) * 1000;
      if (sinceMs < kept.fromMs) {
        return { gone: gone(kept.cursor, `events before ${isoSeconds(kept.fromMs)} are gone (the sandbox keeps ${EVENT_RETENTION_DAYS} days)`) };
      }
      return { cursor: events.cursorBefore(sinceMs) };
    }
    if (query.after === undefined) return { cursor: events.latest() };
    const cursor = Number(query.after);
    if (cursor < kept.cursor) {
      return { gone: gone(kept.cursor, `events after cursor ${query.after} are gone (the sandbox keeps ${EVENT_RETENTION_DAYS} days)`) };
    }
    if (cursor > events.latest()) return { gone: gone(kept.cursor, `cursor ${query.after} is not one this server gave`) };
    return { cursor };
  }
}

/** 410, with the oldest cursor from which every event is still there. */
function gone(oldest: number, why: string): Reply {
  return { status: 410, body: { errors: [`${why}; the oldest cursor is ${oldest}`], oldest: String(oldest) } };
}

function typesOf(text: string | undefined): Event['type'][] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((t) => t.trim()) as Event['type'][];
}
