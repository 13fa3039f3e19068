import type { Metro, Plan, PricePoint, SpotMarketPrices } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { UsageError } from '../../errors.js';
import { backtest, marketBacktest, type MarketBacktest } from '../backtest.js';
import type { CallOptions, Caller, Endpoint } from '../call.js';
import * as shape from '../shapes.js';

const endpoint = (path: string): Endpoint => ({ path, what: 'id' });
const PRICES = endpoint('/api/market/spot/prices');
const HISTORY = endpoint('/api/market/spot/prices/history');
const PLANS = endpoint('/api/plans');
const METROS = endpoint('/api/metros');

export interface PriceFilter {
  metro?: string | undefined;
  plan?: string | undefined;
}

export interface HistoryQuery {
  metro: string;
  plan: string;
  /** Dates, ISO strings or Unix seconds. */
  from?: Date | string | number | undefined;
  until?: Date | string | number | undefined;
}

export interface BacktestQuery extends HistoryQuery {
  /** The max bid price (USD per hour) a spot would have been held at. */
  maxPrice: number;
}

export class MarketApi {
  constructor(private readonly client: Caller) {}

  prices(filter: PriceFilter = {}, options: CallOptions = {}): Promise<SpotMarketPrices> {
    return this.client.request({ method: 'GET', endpoint: PRICES, query: { metro: filter.metro, plan: filter.plan }, shape: shape.marketPrices }, options);
  }

  /** Points oldest first. */
  history(query: HistoryQuery, options: CallOptions = {}): Promise<PricePoint[]> {
    const q = { metro: query.metro, plan: query.plan, from: timeParam(query.from), until: timeParam(query.until) };
    return this.client.request({ method: 'GET', endpoint: HISTORY, query: q, shape: shape.priceHistory }, options);
  }

  /**
   * How a spot held at `maxPrice` would have fared over the window (the
   * history's own default: the last 24 hours): the history and the plan's
   * on-demand price, fetched together, replayed by `backtest`. No point in
   * the window is a UsageError with the code `no_price_history`.
   */
  async backtest(query: BacktestQuery, options: CallOptions = {}): Promise<MarketBacktest> {
    const { metro, plan, maxPrice } = query;
    if (!(Number.isFinite(maxPrice) && maxPrice > 0)) throw new UsageError(`the max bid price must be a positive number, got ${maxPrice}`);
    const [points, plans] = await Promise.all([this.history(query, options), this.plans(options)]);
    const found = plans.find((p) => p.slug === plan);
    if (!found) throw new UsageError(`unknown plan '${plan}' (known: ${plans.map((p) => p.slug).join(', ')})`);
    if (points.length === 0) {
      throw new UsageError(`no price history for ${metro} ${plan} in that window`, { code: 'no_price_history' });
    }
    return marketBacktest(metro, plan, backtest(points, maxPrice, { onDemandPrice: found.pricing.hour }));
  }

  plans(options: CallOptions = {}): Promise<Plan[]> {
    return this.client.request({ method: 'GET', endpoint: PLANS, shape: shape.plans }, options);
  }

  metros(options: CallOptions = {}): Promise<Metro[]> {
    return this.client.request({ method: 'GET', endpoint: METROS, shape: shape.metros }, options);
  }
}

function timeParam(t: Date | string | number | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t instanceof Date) return isoSeconds(t);
  return String(t);
}
