// Turns a bidding strategy into a max bid price. Pure: the CLI fetches the
// price history and the plan's on-demand price and hands them in.
import { OUT_OF_CAPACITY_FACTOR } from '../api/types.js';
import type { PricePoint } from '../api/types.js';
import { backtest, outOfCapacityPrice, type BacktestResult } from './backtest.js';
import { round4 } from '../api/values.js';

export type BidStrategy = 'cost' | 'balanced' | 'on-demand' | 'continuity';

/** In the order of how long a spot is likely to survive, cheapest first. */
export const BID_STRATEGIES: readonly BidStrategy[] = ['cost', 'balanced', 'on-demand', 'continuity'];

export interface BidPriceChoice {
  strategy: BidStrategy;
  price: number;
  /** One line for humans, e.g. "balanced: 15% above the 7-day minimum 0.1834 (0.2109)". */
  reason: string;
  /** `points` counts the history points that could set the minimum. */
  basis: { min?: number; onDemand: number; points: number };
}

/** "balanced" sits in the middle of the 10-20% margin above the minimum. */
export const BALANCED_MARGIN = 0.15;
/** "continuity" sits in the middle of 2-3x on-demand: above every surge, never out-bid short of a capacity outage. */
export const CONTINUITY_FACTOR = 2.5;

export { OUT_OF_CAPACITY_FACTOR };

export function isBidStrategy(value: string): value is BidStrategy {
  return (BID_STRATEGIES as readonly string[]).includes(value);
}

/**
 * cost = the minimum of the look-back history; balanced = 15% above that
 * minimum; on-demand = the plan's on-demand price; continuity = 2.5x
 * on-demand. Prices are rounded to 4 decimals. Points at 10x on-demand
 * (out-of-capacity spells) never set the minimum. `lookbackLabel` names the
 * window in the reason, e.g. "7-day".
 */
export function chooseBidPrice(
  strategy: BidStrategy,
  history: readonly PricePoint[],
  onDemandPrice: number,
  lookbackLabel: string,
): BidPriceChoice {
  if (!isBidStrategy(strategy)) {
    throw new Error(`unknown bid strategy "${String(strategy)}"; expected one of ${BID_STRATEGIES.join(', ')}`);
  }
  if (!Number.isFinite(onDemandPrice) || onDemandPrice <= 0) {
    throw new Error(`the on-demand price must be a positive number, got ${onDemandPrice}`);
  }

  const { min, points } = marketMinimum(history, onDemandPrice);
  const basis: BidPriceChoice['basis'] = min === undefined ? { onDemand: onDemandPrice, points } : { min, onDemand: onDemandPrice, points };
  const choice = (price: number, reason: string): BidPriceChoice => ({ strategy, price, reason, basis });

  switch (strategy) {
    case 'on-demand': {
      const price = round4(onDemandPrice);
      return choice(price, `on-demand: the plan's on-demand price ${fmt(price)}`);
    }
    case 'continuity': {
      const price = round4(onDemandPrice * CONTINUITY_FACTOR);
      return choice(price, `continuity: ${CONTINUITY_FACTOR}x the on-demand price ${fmt(onDemandPrice)} (${fmt(price)})`);
    }
    case 'cost':
    case 'balanced': {
      if (min === undefined) {
        throw new Error(
          history.length === 0
            ? `no ${lookbackLabel} price history to base a "${strategy}" bid on; choose a longer look-back, the "on-demand" strategy or an explicit price`
            : `the market was out of capacity for the whole ${lookbackLabel} history, so there is no minimum to base a "${strategy}" bid on; choose a longer look-back, the "on-demand" strategy or an explicit price`,
        );
      }
      if (strategy === 'cost') return choice(min, `cost: the ${lookbackLabel} minimum ${fmt(min)}`);
      const price = round4(min * (1 + BALANCED_MARGIN));
      return choice(price, `balanced: ${BALANCED_MARGIN * 100}% above the ${lookbackLabel} minimum ${fmt(min)} (${fmt(price)})`);
    }
  }
}

/**
 * How the choice's price would have fared over `points`: the look-back it
 * was chosen from, or the days after it, which is what a bidder lives
 * through. Throws a RangeError when there are no points.
 */
export function backtestChoice(choice: BidPriceChoice, points: readonly PricePoint[]): BacktestResult {
  return backtest(points, choice.price, { onDemandPrice: choice.basis.onDemand });
}

function marketMinimum(history: readonly PricePoint[], onDemandPrice: number): { min: number | undefined; points: number } {
  // The outage price less half its last rounded digit, so a server that
  // rounds it still has it recognised.
  const outage = outOfCapacityPrice(onDemandPrice);
  let min: number | undefined;
  let points = 0;
  for (const { price } of history) {
    // A zero or garbled price would make a bid the server must refuse.
    if (!Number.isFinite(price) || price <= 0 || price >= outage) continue;
    points++;
    if (min === undefined || price < min) min = price;
  }
  // A bid must be positive, even when the rounded minimum would not be.
  return { min: min === undefined ? undefined : Math.max(0.0001, round4(min)), points };
}


function fmt(price: number): string {
  return price.toFixed(4);
}
