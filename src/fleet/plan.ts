// planFleet: what a policy would have done over a window of history, beside
// one bid at the balanced strategy in the cheapest market and beside all
// on-demand, so its cost is known before it runs.
import { backtest } from '../client/backtest.js';
import { chooseBidPrice } from '../client/bid-strategy.js';
import { replay, window, type ReplayMarket, type ReplayOptions, type ReplayTally } from './replay.js';
import type { FleetSpec } from './spec.js';
import { isoSeconds } from '../api/values.js';

export interface PlanFigures {
  /** What was replayed: 'fleet', 'single balanced bid' or 'all on-demand'. */
  policy: string;
  /** The share of the target's spot-hours held by an active spot or its on-demand fallback. */
  kept: number;
  /** The share of the target's spot-hours held by spots (not on-demand). */
  kept_on_spot: number;
  cost_per_hour: number;
  /** cost_per_hour over what the same spots (their plans, their hours) would have cost on-demand. */
  vs_on_demand: number;
  replacements: number;
  revocations: number;
  /** The clock hour that kept the least of the target, and what it kept. */
  worst_hour: { at: string; kept: number };
  /** The most spots held at once. */
  max_held: number;
  /** The highest hourly cost at any instant. */
  max_spend_rate: number;
  markets: { metro: string; plan: string; spot_hours: number; on_demand_hours: number; cost: number; revocations: number; purchases: number }[];
}

export interface FleetPlan {
  from: string;
  until: string;
  count: number;
  fleet: PlanFigures;
  single: PlanFigures & { metro: string; plan: string; bid: number };
  on_demand: PlanFigures;
}

/** Replays `spec` over the markets' histories, and the two baselines over the same window. */
export function planFleet(spec: FleetSpec, markets: readonly ReplayMarket[], options: ReplayOptions = {}): FleetPlan {
  const tally = replay(spec, markets, options);
  const hours = (tally.until - tally.from) / 3600;
  // All on-demand is the fleet's own mix of plans at their on-demand prices.
  const onDemandOf = new Map(markets.map((m) => [`${m.metro}/${m.plan}`, m.onDemand]));
  const heldHours = tally.markets.reduce((s, m) => s + m.spotHours + m.onDemandHours, 0);
  const meanOnDemand =
    heldHours > 0
      ? tally.markets.reduce((s, m) => s + (m.spotHours + m.onDemandHours) * onDemandOf.get(`${m.metro}/${m.plan}`)!, 0) / heldHours
      : Math.min(...markets.map((m) => m.onDemand));
  const onDemandRate = spec.count * meanOnDemand;
  const fleet = fleetFigures(tally, hours, onDemandRate);
  return {
    from: isoSeconds(tally.from * 1000),
    until: isoSeconds(tally.until * 1000),
    count: spec.count,
    fleet,
    single: singleBid(spec, markets, tally.from, tally.until),
    on_demand: {
      policy: 'all on-demand',
      kept: 1,
      kept_on_spot: 0,
      cost_per_hour: onDemandRate,
      vs_on_demand: 1,
      replacements: 0,
      revocations: 0,
      worst_hour: { at: isoSeconds(tally.from * 1000), kept: 1 },
      max_held: spec.count,
      max_spend_rate: onDemandRate,
      markets: [],
    },
  };
}

function fleetFigures(t: ReplayTally, hours: number, onDemandRate: number): PlanFigures {
  const cost = t.cost / hours;
  // The last hour may be short: each hour's share is of its own length.
  const lastHour = (t.until - t.from) / 3600 - (t.hourly.length - 1);
  const shares = t.hourly.map((kept, h) => (h === t.hourly.length - 1 ? kept / lastHour : kept));
  let worst = 0;
  shares.forEach((kept, h) => {
    if (kept < shares[worst]! - 1e-12) worst = h;
  });
  const worstKept = shares[worst]!;
  return {
    policy: 'fleet',
    kept: t.keptHours / t.targetHours,
    kept_on_spot: t.spotKeptHours / t.targetHours,
    cost_per_hour: cost,
    vs_on_demand: cost / onDemandRate,
    replacements: t.replacements,
    revocations: t.revocations,
    worst_hour: { at: isoSeconds((t.from + worst * 3600) * 1000), kept: Math.min(1, worstKept) },
    max_held: t.maxHeld,
    max_spend_rate: t.maxSpendRate,
    markets: t.markets.map((m) => ({
      metro: m.metro,
      plan: m.plan,
      spot_hours: m.spotHours,
      on_demand_hours: m.onDemandHours,
      cost: m.cost,
      revocations: m.revocations,
      purchases: m.purchases,
    })),
  };
}

/**
 * N spots on one bid at the balanced strategy, placed at the window's start
 * (from the look-back before it, else from its first day) in the market
 * whose look-back was cheapest: they run while the price is at
 * or below the bid, and are all revoked together when it is not.
 */
function singleBid(spec: FleetSpec, markets: readonly ReplayMarket[], from: number, until: number): FleetPlan['single'] {
  let best: { m: ReplayMarket; bid: number; mean: number } | undefined;
  for (const m of markets) {
    // With no history before the window (the API keeps 90 days), the bid is placed from its first day.
    let lookback = window(m.points, from - spec.lookbackSeconds, from);
    if (lookback.length < 2) lookback = window(m.points, from - 1, from + 86_400);
    if (lookback.length === 0) continue;
    let bid: number;
    try {
      bid = chooseBidPrice('balanced', lookback, m.onDemand, 'look-back').price;
    } catch {
      continue;
    }
    const mean = lookback.reduce((s, p) => s + p.price, 0) / lookback.length;
    if (!best || mean < best.mean) best = { m, bid, mean };
  }
  if (!best) throw new RangeError('no market has a look-back to place a balanced bid from');
  const points = window(best.m.points, from - 1, until - 1);
  const r = backtest(points, best.bid, { onDemandPrice: best.m.onDemand });
  const hourly = new Map<number, { run: number; all: number }>();
  points.forEach((p, i) => {
    const next = points[i + 1]?.timestamp ?? until;
    const h = Math.floor((p.timestamp - from) / 3600);
    const cell = hourly.get(h) ?? { run: 0, all: 0 };
    cell.all += next - p.timestamp;
    if (p.price <= best!.bid) cell.run += next - p.timestamp;
    hourly.set(h, cell);
  });
  let worst = { h: 0, kept: 1 };
  for (const [h, c] of hourly) if (c.run / c.all < worst.kept) worst = { h, kept: c.run / c.all };
  const cost = spec.count * (r.avg_price ?? 0) * r.availability;
  return {
    policy: 'single balanced bid',
    metro: best.m.metro,
    plan: best.m.plan,
    bid: best.bid,
    kept: r.availability,
    kept_on_spot: r.availability,
    cost_per_hour: cost,
    vs_on_demand: cost / (spec.count * best.m.onDemand * r.availability),
    replacements: 0,
    revocations: r.revocations * spec.count,
    worst_hour: { at: isoSeconds((from + worst.h * 3600) * 1000), kept: worst.kept },
    max_held: spec.count,
    max_spend_rate: spec.count * best.bid,
    markets: [{ metro: best.m.metro, plan: best.m.plan, spot_hours: r.availability * spec.count * ((until - from) / 3600), on_demand_hours: 0, cost: cost * ((until - from) / 3600), revocations: r.revocations * spec.count, purchases: spec.count }],
  };
}
