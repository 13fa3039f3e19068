// `fas spots watch` and `fas spots wait`: both built on the event feed, one
// request held open at a time whatever the size of the pool, never a poll
// of each spot. Each starts from the pool's state, read after a cursor was
// taken, and then reads the events after that cursor: what changed between
// the two is seen, and what the list already shows is not told again.
import { SPOT_EVENT_TYPES, type Event, type SpotState } from '../../../api/types.js';
import type { RejectedEvent } from '../../../client/event-shapes.js';
import { ConflictError, CursorExpiredError, ExecutionFailedError, InterruptedError, TimeoutError } from '../../../errors.js';
import type { Context } from '../../shared/context.js';
import { eventView } from '../../events/views.js';
import { spotView } from '../views.js';
import { parsePositiveDuration } from '../../shared/parse.js';
import { startProgress, type Progress } from '../../shared/progress.js';
import { Hooks } from './hooks.js';
import { LiveView } from './live.js';
import { Pool, type WatchedSpot } from './pool.js';
import { Reported } from '../../shared/report.js';
import { Resyncs } from './resync.js';
import { stopSignals } from '../../shared/stop-signals.js';
import { catchUp, noticesOf, startFromPool } from './start.js';
import type { WaitFlags, WatchFlags } from '../commands.js';
import type { WaitTarget } from './targets.js';
import { EventsView, LinesView, type WatchView } from './views.js';

/** How often a watch on a terminal reads the market's prices again. */
const PRICE_REFRESH_MS = 30_000;



export async function watch(ctx: Context, ids: string[], flags: WatchFlags): Promise<void> {
  const client = ctx.client();
  const stopper = stopSignals(ctx);
  const { signal } = stopper;
  // The server's clock, for the countdowns and FAS_SECONDS_LEFT: each answer's Date, from the first on;
  // without one, an event's time against when it came (the largest estimate is the truest).
  let skewMs: number | undefined;
  const serverNow = () => Date.now() + (client.serverTimeOffsetMs ?? skewMs ?? 0);
  // For people, the watch's own view; in any other format, the events it passes on, as fas events prints them.
  const ownView = ctx.out.ownView(`a watch's ${ctx.io.stdoutIsTTY ? 'live view' : 'lines'} (-o wide prints its events as rows)`);
  const live = ownView && ctx.io.stdoutIsTTY;
  // Before anything is fetched: --columns is checked here.
  const events = ownView ? undefined : await ctx.out.stream(eventView);
  const view: WatchView = events ? new EventsView(ctx.out, events) : live ? new LiveView(ctx.out, serverNow) : new LinesView(ctx.out);
  const hooks = new Hooks({
    onTermination: flags.onTermination,
    onEvent: flags.onEvent,
    env: ctx.env,
    apiUrl: ctx.settings.apiUrl,
    log: (line) => view.message(line),
    output: (line, spotId) => view.hookOutput(line, spotId),
    secondsLeft: (time) => Math.max(0, Math.round((Date.parse(time) - serverNow()) / 1000)),
  });
  // The cursor back on the first Ctrl-C itself: a second one ends the process at once.
  const onAbort = () => view.close();
  signal.addEventListener('abort', onAbort, { once: true });
  // Bids and executions matter only to those who see every event.
  const types = events || flags.onEvent !== undefined ? undefined : SPOT_EVENT_TYPES;
  /** One event the contract does not allow: one line, and the watch goes on past it. */
  const reject = (r: RejectedEvent) => view.error(`${r.error.message}; it is passed over`);
  let pool: Pool | undefined;
  /** Spots whose notice has been passed on: a resync or a notice found at the start never tells it twice, nor runs its hook again. */
  const announced = new Set<string>();
  const resyncs = new Resyncs();

  /** An event printed, and its hooks; `spot` is the watched spot it is about, if any. */
  const passOn = async (e: Event, spot: WatchedSpot | undefined): Promise<void> => {
    if (e.type === 'spot.termination_notice') announced.add(e.resource_id);
    // The hooks start without waiting for stdout's reader: a notice's two minutes are theirs.
    const shown = view.event(e);
    hooks.event(e, spot);
    if (e.type === 'spot.termination_notice' && spot) hooks.termination(spot, e);
    if (e.type === 'spot.removed') hooks.spotRemoved(e.resource_id);
    await shown;
  };

  /** One event the watch passes on; false once the watch is done (--exit-when-empty). */
  const deliver = async (e: Event): Promise<boolean> => {
    if (!pool!.concerns(e)) return true;
    // Marked as told only once passed on: a notice the list already shows is told from the list's side, below.
    if (e.type === 'spot.termination_notice' && announced.has(e.resource_id)) return true;
    let spot = e.resource_type === 'spot' ? undefined : pool!.get(e.resource_type === 'execution' ? (e.data.spot_id ?? '') : '');
    if (e.resource_type === 'spot') {
      const joins = !pool!.get(e.resource_id);
      spot = pool!.apply(e);
      if (!spot) return true;
      // A spot new to the pool shows a price at once: the market's, read now if none was yet.
      if (joins && live && spot.price === undefined) void refreshPrices();
      view.changed(e);
    }
    await passOn(e, spot);
    return !(flags.exitWhenEmpty && pool!.empty());
  };

  // Prices move without events: a person watching sees them read again now and then.
  const prices = live ? setInterval(() => void refreshPrices(), PRICE_REFRESH_MS) : undefined;
  const refreshPrices = async () => {
    try {
      pool?.setPrices(await client.market.prices({}, { signal }));
      if (pool) view.show(pool);
    } catch {
      // The feed says when the API cannot be reached; a missed price is read next time.
    }
  };

  try {
    for (;;) {
      const start = await startFromPool(client, ids, signal);
      pool ??= new Pool(start.only);
      for (const id of pool.load(start.spots)) hooks.spotRemoved(id);
      view.show(pool);
      // The market's prices at once, for the spots that join before the next reading.
      if (live && prices) void refreshPrices();
      const caught = await catchUp(client, start.cursor, types, reject, signal);
      // Of the events between the cursor and the list, a spot's last tells its state now; the list may show it already.
      const last = new Map<string, Event>();
      for (const e of caught.events) if (e.resource_type === 'spot') last.set(e.resource_id, e);
      let going = true;
      for (const e of caught.events) if (going && (e.resource_type !== 'spot' || last.get(e.resource_id) === e)) going = await deliver(e);
      if (going) {
        const under = pool.all().filter((s) => s.state === 'terminating' && s.termination_time && !announced.has(s.id));
        // Each the notice of a spot of the pool, which holds only the spots watched.
        const notices = await noticesOf(client, under, caught.events, (line) => view.message(line), reject, signal);
        for (const e of notices) await passOn(e, pool.get(e.resource_id));
      }
      if (!going || (flags.exitWhenEmpty && pool.empty())) break;

      const feed = client.events.follow(
        { after: caught.next, types },
        {
          signal,
          onRejected: reject,
          onInterruption: (err, ms) => view.message(`${err.message}; asking again from cursor ${feed.cursor} in ${(ms / 1000).toFixed(1)}s`),
        },
      );
      try {
        for await (const e of feed) {
          resyncs.progressed();
          skewMs = Math.max(skewMs ?? -Infinity, Date.parse(e.time) + 500 - Date.now());
          if (!(await deliver(e))) break;
        }
        break;
      } catch (err) {
        if (!(err instanceof CursorExpiredError)) throw err;
        await resyncs.next(err, signal);
        view.message(`${err.message}; starting again from the pool as it is now`);
      }
    }
    view.message(ids.length ? 'every spot watched is removed' : 'the pool is empty');
    await events?.end();
    await hooks.idle();
    const drains = hooks.drainOutcome;
    if (drains.failed.length) {
      // Each was said as it ended; the last line names a few, for a log that keeps only it.
      const named = drains.failed.slice(0, 3).join('; ') + (drains.failed.length > 3 ? `; and ${drains.failed.length - 3} more` : '');
      throw new ExecutionFailedError(`${drains.failed.length} of ${drains.ran} termination hooks did not end well: ${named}`);
    }
  } catch (err) {
    if (err instanceof InterruptedError) {
      await hooks.stopAll();
      const by = stopper.stoppedBy();
      if (!by) throw new InterruptedError('stopped watching');
      view.close();
      ctx.out.error(`stopped watching (${by})`);
      throw new Reported(stopper.exitCode());
    }
    throw err;
  } finally {
    clearInterval(prices);
    signal.removeEventListener('abort', onAbort);
    stopper.dispose();
    view.close();
  }
}

export async function wait(ctx: Context, idOrIp: string, flags: WaitFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  ctx.out.willShow(spotView);
  const target = flags.for;
  const client = ctx.client();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new InterruptedError('deadline reached')), timeoutMs);
  // SIGTERM and SIGHUP stop a wait as Ctrl-C does, and say so.
  const stopper = stopSignals(ctx);
  const stop = () => controller.abort(stopper.signal.reason);
  stopper.signal.addEventListener('abort', stop, { once: true });
  // A person at a terminal sees what it waits on, and for how long; a script's stderr stays quiet.
  let progress: Progress | undefined;
  const waiting = () => `Waiting for spot ${id} to be ${target} (it is ${state})`;
  const { signal } = controller;
  let state: SpotState | undefined;
  let id = idOrIp;
  const resyncs = new Resyncs();
  try {
    for (;;) {
      const { next } = await client.events.list({}, { signal });
      const spot = await client.spots.get(idOrIp, { signal });
      id = spot.id;
      state = spot.state;
      if (reached(spot, target)) return await ctx.out.item(spotView, spot);
      const onRejected = (r: RejectedEvent) => ctx.out.error(`${r.error.message}; it is passed over`);
      if (ctx.io.stderrIsTTY) progress ??= await startProgress(ctx.out, waiting(), ctx.settings.color);
      const feed = client.events.follow({ after: next, types: SPOT_EVENT_TYPES }, { signal, onRejected });
      try {
        for await (const e of feed) {
          resyncs.progressed();
          if (e.resource_id !== id || e.resource_type !== 'spot') continue;
          state = e.data.state;
          progress?.update(waiting());
          if (reached({ id, ...e.data }, target)) return await ctx.out.item(spotView, await client.spots.get(id, { signal }));
        }
      } catch (err) {
        if (!(err instanceof CursorExpiredError)) throw err;
        await resyncs.next(err, signal);
        ctx.out.warn(`${err.message}; reading the spot again`);
      }
    }
  } catch (err) {
    if (err instanceof InterruptedError && !stopper.signal.aborted && signal.aborted) {
      throw new TimeoutError(`gave up waiting for spot ${id} to be ${target} after ${flags.timeout}${state ? ` (it is ${state})` : ''}`, {
        resourceId: id,
        resourceType: 'spot',
        hint: `fas spots get ${id}`,
      });
    }
    if (!(err instanceof InterruptedError)) throw err;
    const stopped = `stopped waiting for spot ${id} to be ${target}`;
    const by = stopper.stoppedBy();
    if (!by) throw new InterruptedError(stopped, { resourceId: id, resourceType: 'spot' });
    progress?.stop();
    ctx.out.error(`${stopped} (${by})`);
    throw new Reported(stopper.exitCode());
  } finally {
    clearTimeout(timer);
    progress?.stop();
    stopper.signal.removeEventListener('abort', stop);
    stopper.dispose();
  }
}

/**
 * Whether the spot is in the state waited for; a ConflictError once it never
 * can be: removed is final, and a termination notice is never withdrawn.
 */
function reached(spot: { id: string; state: SpotState; termination_time: string | null }, target: WaitTarget): boolean {
  const { id, state } = spot;
  if (state === target) return true;
  const never = (why: string) => new ConflictError(`spot ${id} ${why}: it will never be ${target}`, { resourceId: id, resourceType: 'spot' });
  if (state === 'removed') throw never('was removed');
  if (target === 'active' && spot.termination_time) throw never(`is under termination notice (terminates at ${spot.termination_time})`);
  return false;
}
