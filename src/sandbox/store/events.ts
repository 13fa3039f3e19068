// The account's feed of changes (`GET /api/events`). changes.ts appends an
// event beside each write it describes, inside the same transaction, so an
// event exists exactly when its change does: a rolled-back change leaves
// none, and a committed one is never without its event. Those who wait for
// events hear of them from the notifier (notifier.ts), once committed.
import type { Event, EventType } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { Db } from './db.js';
import type { Notifier } from './notifier.js';

export interface NewEvent {
  account: string;
  type: EventType;
  resourceType: Event['resource_type'];
  resourceId: string;
  data: Event['data'];
  nowMs: number;
}

/** Where the kept events start: every event after `cursor`, and none before `fromMs`, is still there. */
export interface Kept {
  cursor: number;
  fromMs: number;
}

interface EventRow {
  id: number;
  type: EventType;
  time_ms: number;
  resource_type: Event['resource_type'];
  resource_id: string;
  data: string;
}

const PRUNED_THROUGH = 'events_pruned_through';
const KEPT_FROM_MS = 'events_kept_from_ms';

export class EventLog {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
  ) {}

  append(e: NewEvent): void {
    this.db
      .prepare('INSERT INTO events (account_id, type, time_ms, resource_type, resource_id, data) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.account, e.type, e.nowMs, e.resourceType, e.resourceId, JSON.stringify(e.data));
    this.notifier.eventAppended(e.account);
  }

  /** The account's events after `cursor`, oldest first, of `types` only when given. */
  list(account: string, cursor: number, types: readonly string[] | undefined, limit: number): Event[] {
    const rows = (
      types
        ? this.db
            .prepare('SELECT * FROM events WHERE account_id = ? AND id > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?')
            .all(account, cursor, JSON.stringify(types), limit)
        : this.db.prepare('SELECT * FROM events WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?').all(account, cursor, limit)
    ) as EventRow[];
    return rows.map(toEvent);
  }

  /** The newest cursor: the last id given, pruned or not. */
  latest(): number {
    const { id } = this.db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number | null };
    return Math.max(id ?? 0, this.kept().cursor);
  }

  /** The cursor of the last event before `timeMs`; the events from `timeMs` on come after it. */
  cursorBefore(timeMs: number): number {
    return Math.max(this.lastIdBefore(timeMs) ?? 0, this.kept().cursor);
  }

  kept(): Kept {
    return { cursor: Number(this.db.meta(PRUNED_THROUGH) ?? 0), fromMs: Number(this.db.meta(KEPT_FROM_MS) ?? 0) };
  }

  /**
   * Forgets the events before `beforeMs`. Pruned by id, up to the newest of
   * them, so that every event after the oldest cursor is still there, and a
   * cursor before it can be told apart (410) from one with nothing new.
   */
  prune(beforeMs: number): void {
    const id = this.lastIdBefore(beforeMs);
    if (id === null) return;
    this.db.prepare('DELETE FROM events WHERE id <= ?').run(id);
    this.db.setMeta(PRUNED_THROUGH, String(id));
    this.db.setMeta(KEPT_FROM_MS, String(beforeMs));
  }

  /** The id of the newest event still kept from before `timeMs`; null when there is none. */
  private lastIdBefore(timeMs: number): number | null {
    return (this.db.prepare('SELECT MAX(id) AS id FROM events WHERE time_ms < ?').get(timeMs) as { id: number | null }).id;
  }
}

function toEvent(r: EventRow): Event {
  return {
    id: String(r.id),
    type: r.type,
    time: isoSeconds(r.time_ms),
    resource_type: r.resource_type,
    resource_id: r.resource_id,
    data: JSON.parse(r.data) as Event['data'],
  } as Event;
}
