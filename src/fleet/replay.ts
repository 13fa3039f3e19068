// Replays the policy over a window of price history: the events come from
// the history (each price step, each activation and revocation they cause)
// and a simulated pool acts, where the live loop has the feed and the API.
import type { PricePoint } from '../api/types.js';
import { outOfCapacityPrice } from '../client/backtest.js';
import { marketView, type MarketInput } from './markets.js';
import { reconcile, type Action, type MarketView } from './policy.js';
import { SimPool } from './pool.js';
import { marketKey, type FleetSpec } from './spec.js';

export interface ReplayMarket {
  metro: string;
  plan: string;
  onDemand: number;
  /** Oldest first, covering the look-back before `from` as well as the window. */
  points: readonly PricePoint[];
}

export interface ReplayOptions {
  /** Unix seconds; default: the first point plus the look-back (or the first point when the history is shorter). */
  from?: number;
  /** Unix seconds; default: the last point plus one step. */
  until?: number;
  /** Seconds from purchase to active; default 60. */
  provisionSeconds?: number;
  /** Seconds between looks at each market's bid; default 3600. */
  refreshSeconds?: number;
  /** Seconds between rankings of the markets (a backtest of each over the look-back); default 6 hours. */
  rankSeconds?: number;
}

export interface MarketTally {
  metro: string;
  plan: string;
  spotHours: number;
  onDemandHours: number;
  cost: number;
  revocations: number;
  purchases: number;
}

export interface ReplayTally {
  from: number;
  until: number;
  /** Hours a member was active, each instant capped at N. */
  keptHours: number;
  spotKeptHours: number;
  targetHours: number;
  cost: number;
  replacements: number;
  revocations: number;
  purchases: number;
  maxHeld: number;
  /** The highest hourly cost at any instant, at the prices then. */
  maxSpendRate: number;
  /** Per clock hour (from `from`), the share of the target kept. */
  hourly: number[];
  markets: MarketTally[];
  actions: (Action & { at: number })[];
}

const STEP = 300;

export function replay(spec: FleetSpec, markets: readonly ReplayMarket[], options: ReplayOptions = {}): ReplayTally {
  if (markets.length === 0) throw new RangeError('no markets to replay');
  const first = Math.min(...markets.map((m) => m.points[0]?.timestamp ?? Number.POSITIVE_INFINITY));
  const last = Math.max(...markets.map((m) => m.points.at(-1)?.timestamp ?? Number.NEGATIVE_INFINITY));
  if (!Number.isFinite(first) || !Number.isFinite(last)) throw new RangeError('no price history to replay');
  const from = options.from ?? Math.min(first + spec.lookbackSeconds, last);
  const until = options.until ?? last + STEP;
  const refresh = options.refreshSeconds ?? 3600;
  const rankEvery = options.rankSeconds ?? 6 * 3600;
  let rankedAt = Number.NEGATIVE_INFINITY;
  const pool = new SimPool(options.provisionSeconds ?? 60);
  const cursor = markets.map(() => 0);
  const priceAt = (i: number, t: number): number => {
    const pts = markets[i]!.points;
    while (cursor[i]! + 1 < pts.length && pts[cursor[i]! + 1]!.timestamp <= t) cursor[i]!++;
    return pts[cursor[i]!]!.price;
  };
  const index = new Map(markets.map((m, i) => [marketKey(m.metro, m.plan), i]));
  const tallies: MarketTally[] = markets.map((m) => ({ metro: m.metro, plan: m.plan, spotHours: 0, onDemandHours: 0, cost: 0, revocations: 0, purchases: 0 }));
  const views: MarketView[] = [];
  let refreshedAt = Number.NEGATIVE_INFINITY;

  const look = (t: number) => {
    const rank = t - rankedAt >= rankEvery;
    markets.forEach((m, i) => {
      const input: MarketInput = { metro: m.metro, plan: m.plan, onDemand: m.onDemand, history: window(m.points, t - spec.lookbackSeconds, t) };
      const kept = views[i];
      views[i] = marketView(spec, rank || kept === undefined ? input : { ...input, score: kept.score });
    });
    if (rank) rankedAt = t;
    refreshedAt = t;
  };
  const tally: ReplayTally = {
    from, until, keptHours: 0, spotKeptHours: 0, targetHours: (spec.count * (until - from)) / 3600, cost: 0,
    replacements: 0, revocations: 0, purchases: 0, maxHeld: 0, maxSpendRate: 0,
    hourly: new Array<number>(Math.ceil((until - from) / 3600)).fill(0), markets: tallies, actions: [],
  };

  let t = from;
  let nextStep = Math.ceil(from / STEP) * STEP;
  while (t < until) {
    pool.advance(t);
    if (t - refreshedAt >= refresh) look(t);
    markets.forEach((_, i) => {
      const v = views[i]!;
      v.price = priceAt(i, t);
      if (v.bid !== null && v.price > v.bid) v.lastAbove = t;
      v.outOfCapacity = v.price >= outOfCapacityPrice(v.onDemand);
    });
    for (const m of pool.notice((metro, plan) => views[index.get(marketKey(metro, plan))!]!.price, t)) {
      tally.revocations++;
      tallies[index.get(marketKey(m.metro, m.plan))!]!.revocations++;
    }
    const decision = reconcile({ spec, markets: views, members: pool.list(), generations: pool.generations, now: t });
    for (const action of decision.actions) {
      pool.apply(action, t);
      tally.actions.push({ ...action, at: t });
      if (action.kind === 'buy') {
        tally.purchases++;
        tallies[index.get(marketKey(action.metro, action.plan))!]!.purchases++;
        if (action.replaces !== undefined) tally.replacements++;
      }
    }
    while (nextStep <= t) nextStep += STEP;
    const next = Math.min(nextStep, pool.nextDue(t), until);
    account(tally, pool, views, index, spec.count, t, next);
    t = next;
  }
  return tally;
}

function account(tally: ReplayTally, pool: SimPool, views: readonly MarketView[], index: Map<string, number>, n: number, t: number, next: number): void {
  const hours = (next - t) / 3600;
  let active = 0;
  let spotActive = 0;
  let rate = 0;
  for (const m of pool.members.values()) {
    const i = index.get(marketKey(m.metro, m.plan))!;
    const v = views[i]!;
    // A spot never pays above its bid: past it, it is under notice and paid at the bid until it goes.
    const price = m.onDemand ? v.onDemand : Math.min(v.price, m.bid);
    rate += price;
    const mt = tally.markets[i]!;
    mt.cost += price * hours;
    if (m.state !== 'provisioning') {
      active++;
      if (!m.onDemand) spotActive++;
      if (m.onDemand) mt.onDemandHours += hours;
      else mt.spotHours += hours;
    }
  }
  const kept = Math.min(n, active);
  tally.keptHours += kept * hours;
  tally.spotKeptHours += Math.min(kept, spotActive) * hours;
  tally.cost += rate * hours;
  tally.maxHeld = Math.max(tally.maxHeld, pool.members.size);
  tally.maxSpendRate = Math.max(tally.maxSpendRate, rate);
  // Spread the interval over the clock hours it covers.
  let s = t;
  while (s < next) {
    const h = Math.floor((s - tally.from) / 3600);
    const end = Math.min(next, tally.from + (h + 1) * 3600);
    if (h >= 0 && h < tally.hourly.length) tally.hourly[h]! += (kept / n) * ((end - s) / 3600);
    s = end;
  }
}

/** The points in (from, until], by binary search. */
export function window(points: readonly PricePoint[], from: number, until: number): PricePoint[] {
  const lo = lowerBound(points, from + 1e-9);
  const hi = lowerBound(points, until + 1e-9);
  return points.slice(lo, hi);
}

function lowerBound(points: readonly PricePoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.timestamp < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
