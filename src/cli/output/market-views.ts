// How a market's backtests read for people: one backtest's fields, the
// advice table (a row per metro and strategy), and the metros of one plan
// side by side. JSON never goes through these.
import type { BidStrategy } from '../../client/bid-strategy.js';
import type { MarketBacktest } from '../../client/backtest.js';
import { money } from './format.js';
import type { Column, View } from './output.js';
import { marketPriceView, type MarketPrice } from './views.js';

/** A share of the time, rounded down to a tenth of a percent: "96.1%", "95%". Never "100%" short of all of it. */
export function share(fraction: number): string {
  const tenths = Math.floor(fraction * 1000 + 1e-9) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}%`;
}

/** A rate per day: "0.4", "0.03", "0". */
export function timesADay(perDay: number): string {
  if (perDay === 0) return '0';
  return perDay >= 0.1 ? perDay.toFixed(1) : perDay.toFixed(2);
}

/** What was saved against on-demand: "62%", "-" when unknown. */
function saved(savings: number | null): string {
  return savings === null ? '-' : `${Math.round(savings * 100)}%`;
}

const exact = (v: number | string | null): string => (v === null ? '-' : String(v));

/** Piped, one backtest is its fields as `key value` lines, exact; on a terminal, a summary and a chart (chart.ts). */
const BACKTEST_FIELDS: readonly (keyof MarketBacktest)[] = [
  'availability',
  'revocations',
  'revocations_per_day',
  'mean_run_seconds',
  'longest_run_seconds',
  'avg_price',
  'on_demand_price',
  'savings',
  'max_bid_price',
  'metro',
  'plan',
  'from',
  'until',
  'points',
];

const backtestFields: Column<MarketBacktest>[] = BACKTEST_FIELDS.map((key) => ({ key, header: key, value: (b) => exact(b[key]) }));

export const backtestView: View<MarketBacktest> = { columns: backtestFields, detail: backtestFields };

/** One strategy's price in one metro now, and how it fared over the look-back it was chosen from. */
export type Advice = { metro: string; plan: string; strategy: BidStrategy; max_bid_price: number } & Omit<MarketBacktest, 'metro' | 'plan' | 'max_bid_price'>;

export const adviceView: View<Advice> = {
  columns: [
    { key: 'metro', header: 'METRO', value: (a) => a.metro },
    { key: 'plan', header: 'PLAN', value: (a) => a.plan },
    { key: 'strategy', header: 'STRATEGY', value: (a) => a.strategy },
    { key: 'max_bid', header: 'MAX BID/H', value: (a) => money(a.max_bid_price), exact: (a) => a.max_bid_price },
    { key: 'availability', header: 'AVAILABLE', value: (a) => share(a.availability), exact: (a) => a.availability },
    { key: 'revocations', header: 'REVOKED/DAY', value: (a) => timesADay(a.revocations_per_day), exact: (a) => a.revocations_per_day },
    { key: 'savings', header: 'SAVINGS', value: (a) => saved(a.savings), exact: (a) => a.savings },
  ],
};

const SIDE_BY_SIDE = new Set(['metro', 'spot', 'on_demand', 'discount', 'market']);

/** One plan's markets, a row per metro (the plan is the same on every row). */
export const metroPriceView: View<MarketPrice> = {
  id: marketPriceView.id!,
  columns: marketPriceView.columns.filter((c) => SIDE_BY_SIDE.has(c.key)),
};
