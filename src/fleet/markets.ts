// A market as the policy sees it: the bid a spot bought there now would
// carry (chosen from the market's own look-back, as a bid takes it), and its
// rank from the backtest of that bid over the same look-back.
import type { PricePoint } from '../api/types.js';
import { backtest, outOfCapacityPrice, priceForAvailability } from '../client/backtest.js';
import { chooseBidPrice } from '../client/bid-strategy.js';
import type { MarketView } from './policy.js';
import type { FleetPrice, FleetSpec } from './spec.js';

/**
 * What a revocation costs in the rank, in hours of on-demand: the two
 * minutes a replacement and the old spot overlap, and a drain. Replays of
 * the sandbox's markets cost least with the rank close to the price paid
 * alone: a market that revokes often is also one a replacement leaves at once.
 */
const REVOCATION_HOURS = 0.01;

/** The bid a market's look-back gives; null when it gives none (no history, or nothing but out-of-capacity spells). */
export function marketBid(price: FleetPrice, lookback: readonly PricePoint[], onDemand: number): number | null {
  if ('maxPrice' in price) return price.maxPrice;
  if (lookback.length === 0) return null;
  if ('availability' in price) return priceForAvailability(lookback, price.availability, { onDemandPrice: onDemand }).price;
  try {
    return chooseBidPrice(price.strategy, lookback, onDemand, 'look-back').price;
  } catch {
    return null;
  }
}

/** Lower is better: the mean price actually paid over the look-back, plus what its revocations cost. */
export function marketScore(lookback: readonly PricePoint[], bid: number | null, onDemand: number): number {
  if (bid === null || lookback.length === 0) return Number.POSITIVE_INFINITY;
  const r = backtest(lookback, bid, { onDemandPrice: onDemand });
  const paid = r.avg_price ?? onDemand;
  return paid + onDemand * REVOCATION_HOURS * (r.revocations / Math.max(1, lookbackDays(lookback)));
}

function lookbackDays(points: readonly PricePoint[]): number {
  return (points.at(-1)!.timestamp - points[0]!.timestamp) / 86_400;
}

/** The last time in `points` the price was above `bid`; -Infinity when never. */
export function lastAbove(points: readonly PricePoint[], bid: number | null): number {
  if (bid === null) return Number.NEGATIVE_INFINITY;
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.price > bid) return points[i]!.timestamp;
  return Number.NEGATIVE_INFINITY;
}

export interface MarketInput {
  metro: string;
  plan: string;
  onDemand: number;
  /** The look-back's points, oldest first; the last is the price now unless `price` says otherwise. */
  history: readonly PricePoint[];
  price?: number | undefined;
  /** The rank, when the caller keeps one from an earlier look at the same bid. */
  score?: number | undefined;
}

/** The market's view at the end of its history. */
export function marketView(spec: Pick<FleetSpec, 'price'>, input: MarketInput): MarketView {
  const { metro, plan, onDemand, history } = input;
  const price = input.price ?? history.at(-1)?.price ?? Number.POSITIVE_INFINITY;
  const bid = marketBid(spec.price, history, onDemand);
  return {
    metro,
    plan,
    onDemand,
    price,
    bid,
    score: input.score ?? marketScore(history, bid, onDemand),
    lastAbove: lastAbove(history, bid),
    outOfCapacity: price >= outOfCapacityPrice(onDemand),
  };
}
