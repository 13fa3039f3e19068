// Replays a price history as if a spot had been held at a maximum bid price:
// how much of the time it would have run, how often it would have been
// revoked, and what it would have paid. Pure: the caller fetches the history.
import { OUT_OF_CAPACITY_FACTOR } from '../api/types.js';
import type { PricePoint } from '../api/types.js';
import { isoSeconds } from '../api/values.js';

export interface BacktestOptions {
  /**
   * The plan's on-demand price. With it, points at 10x on-demand (an
   * out-of-capacity spell) count as unavailable at any bid, and `savings`
   * is known; without it, every point is compared with the bid alone.
   */
  onDemandPrice?: number;
  /**
   * Seconds one point's price holds. Default: the most common interval
   * between the points, or 300 (the API's step) for a single point.
   */
  stepSeconds?: number;
}

export interface BacktestResult {
  /** Share of the window's time the market was at or below the price (0..1). */
  availability: number;
  /** Rises from at or below the price to above it: each a termination notice for a running spot. */
  revocations: number;
  revocations_per_day: number;
  /** Mean length of the uninterrupted spells at or below the price; 0 when none. */
  mean_run_seconds: number;
  longest_run_seconds: number;
  /** Time-weighted mean market price while running; null when never running. */
  avg_price: number | null;
  on_demand_price: number | null;
  /** 1 - avg_price / on_demand_price; null when never running or on-demand is unknown. */
  savings: number | null;
  max_bid_price: number;
  /** The first and the last point's time, ISO 8601 to the second. */
  from: string;
  until: string;
  points: number;
}

/** A backtest of one market, as the callers that name it report it. */
export type MarketBacktest = BacktestResult & { metro: string; plan: string };

/** The result with its market named, its fields in the order `fas market backtest --json` prints them. */
export function marketBacktest(metro: string, plan: string, r: BacktestResult): MarketBacktest {
  return {
    availability: r.availability,
    revocations: r.revocations,
    revocations_per_day: r.revocations_per_day,
    mean_run_seconds: r.mean_run_seconds,
    longest_run_seconds: r.longest_run_seconds,
    avg_price: r.avg_price,
    on_demand_price: r.on_demand_price,
    savings: r.savings,
    max_bid_price: r.max_bid_price,
    metro,
    plan,
    from: r.from,
    until: r.until,
    points: r.points,
  };
}

export interface PriceForAvailability {
  /** The lowest price in the window whose backtest reaches the target; null when the target is out of reach. */
  price: number | null;
  /** The highest availability any bid reaches: the share of time outside out-of-capacity spells. */
  reachable: number;
}

/**
 * A silence longer than this many steps is a gap in the data: the price
 * before it counts for one step, and the rest of it is left out of every
 * figure (neither available nor not). A single missing point is bridged.
 */
const GAP_STEPS = 2;

const DEFAULT_STEP_SECONDS = 300;

/**
 * Replays `points` (oldest first) against `maxPrice` in O(n). Each point's
 * price holds until the next point, or for one step when the next is more
 * than two steps away or there is none. Throws a RangeError on no points,
 * timestamps out of order, or prices and times that are not numbers.
 */
export function backtest(points: readonly PricePoint[], maxPrice: number, options: BacktestOptions = {}): BacktestResult {
  if (!Number.isFinite(maxPrice) || maxPrice <= 0) throw new RangeError(`the max bid price must be a positive number, got ${maxPrice}`);
  const { onDemand, step, outage } = replayTerms(points, options);

  let known = 0;
  let running = 0;
  let paid = 0;
  let revocations = 0;
  let runs = 0;
  let run = 0;
  let longest = 0;
  let wasRunning = false;
  for (let i = 0; i < points.length; i++) {
    const { price } = points[i]!;
    const weight = weightOf(points, i, step);
    known += weight;
    const held = price <= maxPrice && price < outage;
    if (held) {
      if (!wasRunning) {
        runs++;
        run = 0;
      }
      run += weight;
      running += weight;
      paid += price * weight;
      if (run > longest) longest = run;
    } else if (wasRunning) {
      revocations++;
    }
    wasRunning = held;
  }

  const avg = running > 0 ? paid / running : null;
  return {
    availability: running / known,
    revocations,
    revocations_per_day: revocations / (known / 86_400),
    mean_run_seconds: runs > 0 ? running / runs : 0,
    longest_run_seconds: longest,
    avg_price: avg,
    on_demand_price: onDemand ?? null,
    savings: avg === null || onDemand === undefined ? null : 1 - avg / onDemand,
    max_bid_price: maxPrice,
    from: isoSeconds(points[0]!.timestamp * 1000),
    until: isoSeconds(points.at(-1)!.timestamp * 1000),
    points: points.length,
  };
}

/**
 * The lowest price among the window's own prices whose backtest reaches
 * `target` availability, in O(n log n), and the highest availability any
 * price reaches. Exact: the price's backtest reaches the target and the
 * next lower price in the window does not.
 */
export function priceForAvailability(
  points: readonly PricePoint[],
  target: number,
  options: BacktestOptions & { onDemandPrice: number },
): PriceForAvailability {
  if (!(target > 0 && target <= 1)) throw new RangeError(`the target availability must be above 0 and at most 1, got ${target}`);
  const { step, outage } = replayTerms(points, options);

  // The time at each distinct price outside spells: markets repeat prices,
  // so sorting these is far cheaper than sorting every point.
  let known = 0;
  const timeAt = new Map<number, number>();
  for (let i = 0; i < points.length; i++) {
    const weight = weightOf(points, i, step);
    known += weight;
    const { price } = points[i]!;
    if (price < outage) timeAt.set(price, (timeAt.get(price) ?? 0) + weight);
  }
  let filled = 0;
  for (const weight of timeAt.values()) filled += weight;
  const reachable = filled / known;
  if (timeAt.size === 0) return { price: null, reachable };

  const prices = Float64Array.from(timeAt.keys()).sort();
  let index = prices.length - 1;
  let cumulative = 0;
  for (let i = 0; i < prices.length; i++) {
    cumulative += timeAt.get(prices[i]!)!;
    if (cumulative / known >= target) {
      index = i;
      break;
    }
  }
  // Sums taken in price order may round differently from the backtest's,
  // taken in time order: the backtest itself has the last word.
  const reaches = (i: number) => backtest(points, prices[i]!, options).availability >= target;
  while (index < prices.length && !reaches(index)) index++;
  if (index === prices.length) return { price: null, reachable };
  while (index > 0 && reaches(index - 1)) index--;
  return { price: prices[index]!, reachable };
}

/** The price at and above which a market is out of capacity: 10x on-demand, less half the last rounded digit. */
export function outOfCapacityPrice(onDemandPrice: number): number {
  return onDemandPrice * OUT_OF_CAPACITY_FACTOR - 0.00005;
}

/**
 * What a replay of `points` goes by, once they and the options are checked
 * (a RangeError otherwise): the on-demand price, the step (seconds a point
 * holds at most), and the price at which the market is out of capacity.
 */
function replayTerms(points: readonly PricePoint[], options: BacktestOptions): { onDemand: number | undefined; step: number; outage: number } {
  if (points.length === 0) throw new RangeError('no price points to backtest');
  for (let i = 0; i < points.length; i++) {
    const { price, timestamp } = points[i]!;
    if (!(Number.isFinite(price) && price >= 0) || !Number.isFinite(timestamp)) {
      throw new RangeError(`price point ${i} is not a price and a time: price ${price} at ${timestamp}`);
    }
    if (i > 0 && timestamp <= points[i - 1]!.timestamp) {
      throw new RangeError(`price points must be oldest first: point ${i} at ${timestamp} is not after ${points[i - 1]!.timestamp}`);
    }
  }
  const onDemand = options.onDemandPrice;
  if (onDemand !== undefined && !(Number.isFinite(onDemand) && onDemand > 0)) {
    throw new RangeError(`the on-demand price must be a positive number, got ${onDemand}`);
  }
  const step = options.stepSeconds ?? commonInterval(points);
  if (!(Number.isFinite(step) && step > 0)) throw new RangeError(`the step must be a positive number of seconds, got ${step}`);
  return { onDemand, step, outage: onDemand === undefined ? Number.POSITIVE_INFINITY : outOfCapacityPrice(onDemand) };
}

/** Seconds point i's price holds. */
function weightOf(points: readonly PricePoint[], i: number, step: number): number {
  const next = points[i + 1];
  if (next === undefined) return step;
  const interval = next.timestamp - points[i]!.timestamp;
  return interval <= GAP_STEPS * step ? interval : step;
}

/** The most common interval between points (the shorter on a tie), in O(n). */
function commonInterval(points: readonly PricePoint[]): number {
  if (points.length < 2) return DEFAULT_STEP_SECONDS;
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (let i = 1; i < points.length; i++) {
    const interval = points[i]!.timestamp - points[i - 1]!.timestamp;
    const count = (counts.get(interval) ?? 0) + 1;
    counts.set(interval, count);
    if (count > bestCount || (count === bestCount && interval < best)) {
      best = interval;
      bestCount = count;
    }
  }
  return best;
}

