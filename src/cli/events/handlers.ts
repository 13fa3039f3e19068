import { EVENT_TYPES, type EventType } from '../../api/types.js';
import { isCursor } from '../../api/values.js';
import { inOrder, type RejectedEvent } from '../../client/event-shapes.js';
import type { EventQuery } from '../../client/resources/events.js';
import { CursorExpiredError, EXIT_CODES, InterruptedError, UsageError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { eventView } from './views.js';
import { parseTime } from '../shared/parse.js';
import { Reported } from '../shared/report.js';
import { stopSignals } from '../shared/stop-signals.js';
import type { EventsFlags } from './commands.js';

/** Without --since or --after, a listing shows the last hour; a follow starts from now. */
const DEFAULT_SINCE = '1h';

export async function list(ctx: Context, flags: EventsFlags): Promise<void> {
  const { after, types } = parseFeedFlags(flags);
  const since = flags.since !== undefined ? parseTime(flags.since, '--since') : undefined;
  // Before anything is fetched: --columns is checked here.
  const rows = await ctx.out.stream(eventView, { empty: 'no events' });
  const client = ctx.client();
  // An event the contract does not allow is one line, and the rest is printed; a listing that lacks one then exits 1.
  let skipped = 0;
  const reject = (r: RejectedEvent) => {
    skipped += 1;
    ctx.out.error(`${r.error.message}; it is left out`);
  };
  const resume = (cursor: string) => ['fas events', ...(flags.follow ? ['--follow'] : []), '--after', cursor, ...types.flatMap((t) => ['--type', t])].join(' ');
  try {
    if (!flags.follow) {
      let query: EventQuery = after !== undefined ? { after } : { since: since ?? parseTime(DEFAULT_SINCE, '--since') };
      for (;;) {
        const page = await client.events.list({ ...query, types }, { signal: ctx.signal });
        for (const item of inOrder(page)) {
          if ('event' in item) await rows.write(item.event);
          else reject(item.rejected);
        }
        // Until an answer with none: a server may give fewer a page than it has.
        if (page.events.length + page.rejected.length === 0) {
          await rows.end();
          if (skipped) throw new Reported(EXIT_CODES.server);
          return;
        }
        query = { after: page.next };
      }
    }
    // SIGTERM and SIGHUP stop a follow as Ctrl-C does, so that it says where to resume.
    const stopper = stopSignals(ctx);
    const feed = client.events.follow(
      { after, since, types },
      {
        signal: stopper.signal,
        onRejected: reject,
        onInterruption: (err, ms) => ctx.out.warn(`${err.message}; asking again from cursor ${feed.cursor ?? after ?? 'now'} in ${(ms / 1000).toFixed(1)}s`),
      },
    );
    try {
      for await (const e of feed) await rows.write(e);
    } catch (err) {
      if (!(err instanceof InterruptedError)) throw err;
      const where = feed.cursor === undefined ? 'stopped following events' : `stopped following events at cursor ${feed.cursor}`;
      const hint = feed.cursor === undefined ? undefined : `resume with: ${resume(feed.cursor)}`;
      const by = stopper.stoppedBy();
      if (!by) throw feed.cursor === undefined ? err : new InterruptedError(where, { hint });
      ctx.out.error(`${where} (${by})`, hint);
      throw new Reported(stopper.exitCode());
    } finally {
      stopper.dispose();
    }
  } catch (err) {
    if (err instanceof CursorExpiredError && err.oldestCursor !== undefined) {
      err.hint = `the events before cursor ${err.oldestCursor} are lost; read on from there with: ${resume(err.oldestCursor)}`;
    }
    throw err;
  }
}

/** --after and --type, checked; --since and --after exclude each other. */
function parseFeedFlags(flags: Pick<EventsFlags, 'since' | 'after' | 'type'>): { after: string | undefined; types: EventType[] } {
  if (flags.since !== undefined && flags.after !== undefined) throw new UsageError('--since and --after exclude each other: give one');
  if (flags.after !== undefined && !isCursor(flags.after.trim())) {
    throw new UsageError(`invalid --after '${flags.after}': expected an event cursor (digits), as printed by fas events or given by its resume hint`);
  }
  const types: EventType[] = [];
  for (const given of (flags.type ?? []).flatMap((t) => t.split(','))) {
    const type = given.trim();
    if (!(EVENT_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`invalid --type '${given}': expected one of ${EVENT_TYPES.join(', ')}`);
    }
    if (!types.includes(type as EventType)) types.push(type as EventType);
  }
  return { after: flags.after?.trim(), types };
}
