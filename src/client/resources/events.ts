// The account's feed of changes: a page of events after a cursor, and a
// follower that long-polls it for as long as it is read, resumes from its
// last cursor after any transient failure, and gives each event once.
import { MAX_WAIT_SECONDS, type Event, type EventType } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { InterruptedError, type FasError } from '../../errors.js';
import type { CallOptions, Caller, Endpoint } from '../call.js';
import { checkEventPage, cursorAfter, inOrder, type CheckedEventPage, type RejectedEvent } from '../event-shapes.js';
import { sleep } from '../timer.js';
import { waitRidesOut } from '../wait.js';

const EVENTS: Endpoint = { path: '/api/events', what: 'event cursor' };

export interface EventQuery {
  /** The `next` of an earlier page (or an event's id). Without it and `since`: from now, no events and the latest cursor. */
  after?: string | undefined;
  /** Instead of `after`: the events from this time on. */
  since?: Date | undefined;
  /** Only these types. */
  types?: readonly EventType[] | undefined;
  /** At most this many (the server's default, and most, is 1000). */
  limit?: number | undefined;
  /** When there is no event to give, the server may hold the answer this long (at most 60) for one. */
  waitSeconds?: number | undefined;
}

export interface FollowEventsOptions {
  signal?: AbortSignal | undefined;
  /** How often to ask a server that does not hold requests (`?wait=`). Default 2 s. */
  pollIntervalMs?: number | undefined;
  /** Told of each failure the follower rides out, and how long it waits before it asks again from its cursor. */
  onInterruption?: ((error: FasError, retryInMs: number) => void) | undefined;
  /**
   * Told of each event whose content the contract does not allow, which is
   * then passed over; without it, such an event ends the follow (its error).
   */
  onRejected?: ((rejected: RejectedEvent) => void) | undefined;
}

const DEFAULT_POLL_MS = 2_000;
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;

export class EventsApi {
  constructor(private readonly client: Caller) {}

  /**
   * One page: the events after the cursor (or since a time), oldest first,
   * and `next`, the cursor to ask with next. Throws CursorExpiredError (410)
   * when they are no longer kept; its `oldestCursor` is where to resume.
   * Events whose content breaks the contract are in `rejected`, not in
   * `events`; ids that do not go up, or a `next` behind them, are a ServerError.
   */
  list(query: EventQuery = {}, options: CallOptions = {}): Promise<CheckedEventPage> {
    return this.client.request(
      {
        method: 'GET',
        endpoint: EVENTS,
        query: {
          after: query.after,
          since: query.since && isoSeconds(query.since),
          types: query.types?.length ? query.types.join(',') : undefined,
          limit: query.limit,
          wait: query.waitSeconds,
        },
        holdMs: query.waitSeconds === undefined ? undefined : query.waitSeconds * 1000,
        shape: (value) => checkEventPage(value, query.after),
      },
      options,
    );
  }

  /**
   * Every event after `after` (or since `since`, or from now), as an async
   * iterator that never ends of itself: `for await (const e of
   * client.events.follow({}, { signal }))`. It long-polls (polls, when the
   * server does not hold requests), rides out transient failures by asking
   * again from its cursor, and gives each event once, in order. `cursor` is
   * where a later follower resumes without a gap. It throws what it cannot
   * ride out: CursorExpiredError (the events are no longer kept), an
   * InterruptedError once `signal` aborts, any other refusal.
   */
  follow(input: Omit<EventQuery, 'limit' | 'waitSeconds'> = {}, options: FollowEventsOptions = {}): EventFeed {
    return new EventFeed(this, input, options);
  }
}

export class EventFeed implements AsyncIterable<Event> {
  private current: string | undefined;
  private started = false;

  constructor(
    private readonly api: EventsApi,
    private readonly input: Omit<EventQuery, 'limit' | 'waitSeconds'>,
    private readonly options: FollowEventsOptions,
  ) {
    this.current = input.after;
  }

  /**
   * The cursor after the last event read from the iterator (once the next
   * is asked for, the one given is counted as read), or the latest cursor
   * heard while there was none. Undefined until the first answer when
   * neither `after` nor `since` was given.
   */
  get cursor(): string | undefined {
    return this.current;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Event> {
    if (this.started) throw new Error('an event feed is read once; follow again from its cursor');
    this.started = true;
    const { signal } = this.options;
    const pollMs = this.options.pollIntervalMs ?? DEFAULT_POLL_MS;
    let longPoll = true;
    let failures = 0;
    for (;;) {
      if (signal?.aborted) throw new InterruptedError('interrupted');
      // The first ask takes a cursor at once (from now, or since a time); only then are answers held.
      const holdSeconds = this.current !== undefined && longPoll ? MAX_WAIT_SECONDS : undefined;
      const query: EventQuery =
        this.current !== undefined ? { after: this.current } : this.input.since !== undefined ? { since: this.input.since } : {};
      const asked = Date.now();
      let page: CheckedEventPage;
      try {
        page = await this.api.list({ ...query, types: this.input.types, waitSeconds: holdSeconds }, { signal });
        failures = 0;
      } catch (err) {
        if (!waitRidesOut(err)) throw err;
        const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures++);
        this.options.onInterruption?.(err as FasError, delay);
        await sleep(delay, signal);
        continue;
      }
      // In the order of their ids, the events passed over too: each moves the cursor on.
      for (const item of inOrder(page)) {
        if ('event' in item) yield item.event;
        else if (this.options.onRejected) this.options.onRejected(item.rejected);
        else throw item.rejected.error;
        this.current = item.id;
      }
      if (this.current === undefined || cursorAfter(page.next, this.current)) this.current = page.next;
      if (page.events.length + page.rejected.length > 0) continue;
      // A server that holds requests answers early only with an event.
      if (holdSeconds !== undefined && Date.now() - asked < holdSeconds * 500) longPoll = false;
      if (!longPoll) await sleep(pollMs, signal);
    }
  }
}
