// How the market reads for people: plans, metros, current prices, a price
// history piped, one backtest's fields, the advice table (a row per metro and
// strategy), and the metros of one plan side by side. JSON never goes
// through these.
import { OUT_OF_CAPACITY_FACTOR, type Metro, type Plan, type PricePoint } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { BidStrategy } from '../../client/bid-strategy.js';
import type { MarketBacktest } from '../../client/backtest.js';
import { money } from '../output/format.js';
import type { Column, View } from '../output/view.js';

export const planView: View<Plan> = {
  id: (p) => p.slug,
  columns: [
    { key: 'slug', header: 'SLUG', value: (p) => p.slug },
    { key: 'name', header: 'NAME', value: (p) => p.name, shrinkable: true },
    { key: 'on_demand', header: 'ON_DEMAND', value: (p) => money(p.pricing.hour), exact: (p) => p.pricing.hour },
    { key: 'cpus', header: 'CPUS', value: (p) => String(p.specs.cpus), exact: (p) => p.specs.cpus },
    { key: 'memory', header: 'MEMORY', value: (p) => `${p.specs.memory_gb} GB`, exact: (p) => p.specs.memory_gb },
    { key: 'storage', header: 'STORAGE', value: (p) => `${p.specs.storage_gb} GB`, exact: (p) => p.specs.storage_gb },
    { key: 'gpus', header: 'GPUS', value: (p) => String(p.specs.gpus ?? 0), exact: (p) => p.specs.gpus ?? 0 },
  ],
};

export const metroView: View<Metro> = {
  id: (m) => m.code,
  columns: [
    { key: 'code', header: 'CODE', value: (m) => m.code },
    { key: 'name', header: 'NAME', value: (m) => m.name, shrinkable: true },
  ],
};

/** One market's current price, beside its plan's on-demand price when known. */
export interface MarketPrice {
  metro: string;
  plan: string;
  price: number;
  onDemand: number | undefined;
}

const outOfCapacity = (p: MarketPrice) => p.onDemand !== undefined && p.price >= p.onDemand * OUT_OF_CAPACITY_FACTOR;
/** The share of the on-demand price saved; none when unknown or out of capacity. */
const discount = (p: MarketPrice) => (p.onDemand === undefined || outOfCapacity(p) ? null : 1 - p.price / p.onDemand);

export const marketPriceView: View<MarketPrice> = {
  id: (p) => `${p.metro} ${p.plan} ${p.price}`,
  columns: [
    { key: 'metro', header: 'METRO', value: (p) => p.metro },
    { key: 'plan', header: 'PLAN', value: (p) => p.plan },
    { key: 'spot', header: 'SPOT', value: (p) => money(p.price), exact: (p) => p.price },
    { key: 'on_demand', header: 'ON_DEMAND', value: (p) => money(p.onDemand), exact: (p) => p.onDemand ?? null },
    {
      key: 'discount',
      header: 'DISCOUNT',
      value: (p) => (discount(p) === null ? '-' : `${Math.round(discount(p)! * 100)}%`),
      // A fraction, for a spreadsheet to compute with.
      exact: (p) => (discount(p) === null ? null : Math.round(discount(p)! * 10_000) / 10_000),
    },
    {
      key: 'market',
      header: 'MARKET',
      value: (p) => (outOfCapacity(p) ? { text: 'OUT OF CAPACITY', style: 'red' } : { text: 'available', style: 'green' }),
    },
  ],
};

/** Piped, a price history is one exact point a line; on a terminal, a chart (see chart.ts). */
export const pricePointView: View<PricePoint> = {
  id: (p) => `${p.timestamp} ${p.price}`,
  columns: [
    { key: 'time', header: 'TIME', value: (p) => isoSeconds(p.timestamp * 1000) },
    { key: 'price', header: 'PRICE', value: (p) => String(p.price), exact: (p) => p.price },
  ],
};

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
    { key: 'max_bid', header: 'MAX_BID', value: (a) => money(a.max_bid_price), exact: (a) => a.max_bid_price },
    { key: 'availability', header: 'AVAILABILITY', value: (a) => share(a.availability), exact: (a) => a.availability },
    { key: 'revocations', header: 'REVOCATIONS', value: (a) => timesADay(a.revocations_per_day), exact: (a) => a.revocations_per_day },
    { key: 'savings', header: 'SAVINGS', value: (a) => saved(a.savings), exact: (a) => a.savings },
  ],
};

const SIDE_BY_SIDE = new Set(['metro', 'spot', 'on_demand', 'discount', 'market']);

/** One plan's markets, a row per metro (the plan is the same on every row). */
export const metroPriceView: View<MarketPrice> = {
  id: marketPriceView.id!,
  columns: marketPriceView.columns.filter((c) => SIDE_BY_SIDE.has(c.key)),
};
