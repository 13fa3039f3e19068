// keepFleet: the live loop. Each reconcile reads the fleet's spots and the
// market from the API, asks the policy, and acts; the event feed wakes it at
// once on any change of a spot, and a periodic look catches what an event
// would have told, so a missed event costs at most one period.
import { SPOT_EVENT_TYPES, type Event, type Spot } from '../api/types.js';
import type { FasClient } from '../client/client.js';
import { sleep } from '../client/timer.js';
import { AuthError, FasError, InterruptedError, NotFoundError } from '../errors.js';
import { fleetMarkets } from './history.js';
import { act, fleetSpots, memberOf, ON_DEMAND_TAG, type Done } from './live.js';
import { marketView } from './markets.js';
import { costBound, reconcile, targetMet, type Member, type MarketView, type Waiting } from './policy.js';
import type { ReplayMarket } from './replay.js';
import { marketKey, type FleetSpec } from './spec.js';

export interface KeepOptions {
  signal?: AbortSignal | undefined;
  /** One reconcile, then return. */
  once?: boolean | undefined;
  /** Milliseconds between reconciles when no event comes; default 30 s. */
  periodMs?: number | undefined;
  /** Milliseconds between full looks at the markets' histories (bids and ranks); default 5 minutes. */
  lookMs?: number | undefined;
  /** Each action, once done (or refused). */
  onAction?: ((done: Done) => void) | undefined;
  /** A fleet spot under a termination notice, told once per spot: the drain hook's moment. */
  onNotice?: ((spot: Spot, event: Event | undefined) => void) | undefined;
  /** A fleet spot is gone. */
  onRemoved?: ((spotId: string) => void) | undefined;
  /** After each reconcile. */
  onState?: ((state: FleetState) => void) | undefined;
  /** A failure the loop rides out (the API unreachable, a 5xx), and when it tries again. */
  onTrouble?: ((error: Error, retryInMs: number) => void) | undefined;
}

export interface FleetState {
  spec: FleetSpec;
  members: Member[];
  markets: MarketView[];
  waiting: Waiting[];
  /** USD per hour the fleet may cost at most now: each spot at its bid, each on-demand at its price. */
  spend: number;
  met: boolean;
  /** Spots this reconcile bought (not in `members`, which it read before). */
  bought: number;
  /** Unix seconds, on the API's clock. */
  at: number;
}

const DEFAULT_PERIOD_MS = 30_000;
const DEFAULT_LOOK_MS = 5 * 60_000;

/**
 * Keeps the fleet until `signal` aborts (then resolves with the last state,
 * the spots kept), or for one reconcile with `once`. Throws what cannot be
 * ridden out: a wrong token, a refusal of the spec itself.
 */
export async function keepFleet(client: FasClient, spec: FleetSpec, options: KeepOptions = {}): Promise<FleetState> {
  const { signal } = options;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let wake: (() => void) | undefined;
  let dirty = false;
  const noticed = new Set<string>();
  const events = new Map<string, Event>();
  let known = new Set<string>();
  let feed: Promise<void> | undefined;
  if (!options.once) {
    feed = (async () => {
      try {
        for await (const e of client.events.follow({ types: SPOT_EVENT_TYPES }, { signal: stop.signal })) {
          if (e.type === 'spot.termination_notice') events.set(e.resource_id, e);
          if (e.type === 'spot.removed' && known.has(e.resource_id)) options.onRemoved?.(e.resource_id);
          dirty = true;
          wake?.();
        }
      } catch {
        // The periodic look carries on without the feed.
      }
    })();
  }

  let histories: ReplayMarket[] | undefined;
  // When each market was last seen above its bid (a price read, a notice): the history is sampled, this is not.
  const seenAbove = new Map<string, number>();
  const generations = new Map<number, number>();
  let lookedAt = Number.NEGATIVE_INFINITY;
  let last: FleetState | undefined;
  let failures = 0;
  try {
    for (;;) {
      if (stop.signal.aborted) break;
      dirty = false;
      try {
        const now = () => (Date.now() + (client.serverTimeOffsetMs ?? 0)) / 1000;
        // The removed spots (a list that only grows) are read at the full looks; between them, what they told is kept.
        const full = histories === undefined || Date.now() - lookedAt >= (options.lookMs ?? DEFAULT_LOOK_MS);
        const [fleet, prices] = await Promise.all([fleetSpots(client, spec.name, { signal: stop.signal, removed: full }), client.market.prices({}, { signal: stop.signal })]);
        for (const [slot, gen] of fleet.generations) generations.set(slot, Math.max(generations.get(slot) ?? 0, gen));
        if (full || histories === undefined) {
          const t = Math.floor(now());
          histories = await fleetMarkets(client, spec, t - spec.lookbackSeconds, t, { signal: stop.signal });
          lookedAt = Date.now();
        }
        const at = now();
        // A notice says its market passed a bid, whatever the history shows; a restarted controller reads it from the spots.
        for (const [key, t] of fleet.revoked) seenAbove.set(key, Math.max(seenAbove.get(key) ?? Number.NEGATIVE_INFINITY, t));
        const markets = histories.map((m) => {
          const price = prices.spot_market_prices[m.metro]?.[m.plan]?.price;
          const view = marketView(spec, { metro: m.metro, plan: m.plan, onDemand: m.onDemand, history: m.points, price });
          const key = marketKey(m.metro, m.plan);
          if (view.bid !== null && view.price > view.bid) seenAbove.set(key, at);
          view.lastAbove = Math.max(view.lastAbove, seenAbove.get(key) ?? Number.NEGATIVE_INFINITY);
          return view;
        });
        known = new Set(fleet.live.map((s) => s.id));
        for (const spot of fleet.live) {
          if (spot.termination_time !== null && !noticed.has(spot.id)) {
            noticed.add(spot.id);
            options.onNotice?.(spot, events.get(spot.id));
          }
        }
        // Bought to be on-demand and not yet converted: made so first, and counted as such.
        const members = fleet.live.map(memberOf);
        for (const spot of fleet.live) {
          if (spot.tags?.includes(ON_DEMAND_TAG) && spot.spot_instance && spot.termination_time === null) {
            const m = members.find((x) => x.id === spot.id)!;
            const done = await act(client, spec.name, { kind: 'convert', id: spot.id, slot: m.slot }, { signal: stop.signal });
            options.onAction?.(done);
            if (!done.error) m.onDemand = true;
          }
        }
        const decision = reconcile({ spec, markets, members, generations, now: at });
        const done = await Promise.all(decision.actions.map((a) => act(client, spec.name, a, { signal: stop.signal })));
        for (const d of done) {
          if (d.error instanceof AuthError) throw d.error;
          // A purchase tried takes its generation, whatever came of it: its key is not to be used for another.
          if (d.action.kind === 'buy') generations.set(d.action.slot, Math.max(generations.get(d.action.slot) ?? 0, d.action.gen));
          options.onAction?.(d);
        }
        const byKey = new Map(markets.map((m) => [marketKey(m.metro, m.plan), m]));
        const spend = members.reduce((s, m) => s + costBound(m, byKey.get(marketKey(m.metro, m.plan))?.onDemand ?? m.bid), 0);
        last = { spec, members, markets, waiting: decision.waiting, spend, met: targetMet(spec, members), bought: done.filter((d) => d.action.kind === 'buy' && !d.error).length, at };
        options.onState?.(last);
        failures = 0;
        if (options.once) break;
        // Something was done: look again at once, to see it take effect.
        if (done.some((d) => !d.error)) dirty = true;
      } catch (err) {
        if (stop.signal.aborted || err instanceof InterruptedError) break;
        if (err instanceof AuthError || err instanceof NotFoundError || (err instanceof FasError && err.kind === 'usage')) throw err;
        failures++;
        const retryIn = Math.min(5_000, 250 * 2 ** Math.min(failures, 5));
        options.onTrouble?.(err as Error, retryIn);
        if (options.once && failures > 3) throw err;
        await sleep(retryIn, stop.signal).catch(() => undefined);
        continue;
      }
      if (dirty) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stop.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, options.periodMs ?? DEFAULT_PERIOD_MS);
        wake = done;
        stop.signal.addEventListener('abort', done, { once: true });
        if (dirty) done();
      });
      wake = undefined;
    }
  } finally {
    stop.abort();
    signal?.removeEventListener('abort', onAbort);
    await feed;
  }
  return last ?? { spec, members: [], markets: [], waiting: [], spend: 0, met: false, bought: 0, at: Date.now() / 1000 };
}
