import type { Metro, Plan, PricePoint, SpotMarketPrices } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { CallOptions, FasClient, Route } from '../client.js';
import * as shape from '../shapes.js';

const route = (path: string): Route => ({ path, what: 'id' });
const PRICES = route('/api/market/spot/prices');
const HISTORY = route('/api/market/spot/prices/history');
const PLANS = route('/api/plans');
const METROS = route('/api/metros');

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

export class MarketApi {
  constructor(private readonly c: FasClient) {}

  prices(filter: PriceFilter = {}, options: CallOptions = {}): Promise<SpotMarketPrices> {
    return this.c.request({ method: 'GET', route: PRICES, query: { metro: filter.metro, plan: filter.plan }, shape: shape.marketPrices }, options);
  }

  /** Points oldest first. */
  history(query: HistoryQuery, options: CallOptions = {}): Promise<PricePoint[]> {
    const q = { metro: query.metro, plan: query.plan, from: timeParam(query.from), until: timeParam(query.until) };
    return this.c.request({ method: 'GET', route: HISTORY, query: q, shape: shape.priceHistory }, options);
  }

  plans(options: CallOptions = {}): Promise<Plan[]> {
    return this.c.request({ method: 'GET', route: PLANS, shape: shape.plans }, options);
  }

  metros(options: CallOptions = {}): Promise<Metro[]> {
    return this.c.request({ method: 'GET', route: METROS, shape: shape.metros }, options);
  }
}

function timeParam(t: Date | string | number | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t instanceof Date) return isoSeconds(t);
  return String(t);
}
