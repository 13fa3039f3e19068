// /api/market/spot/prices: each market's price now, and its history.
import { HISTORY_DAYS } from '../../api/types.js';
import { METROS, PLANS } from '../market/catalog.js';
import { endpoint, type AnyEndpoint } from '../http/endpoint.js';
import type { RouteContext } from './context.js';
import { unknownMetro, unknownPlan } from './known.js';

const HISTORY_MAX_SECONDS = HISTORY_DAYS * 86_400;

export function marketRoutes({ service }: RouteContext): AnyEndpoint[] {
  const { exchange } = service;
  return [
    endpoint({
      operationId: 'getSpotPrices',
      method: 'GET',
      path: '/api/market/spot/prices',
      check({ query }, checks) {
        checks.on(['query.metro'], () => unknownMetro('metro', query.metro));
        checks.on(['query.plan'], () => unknownPlan('plan', query.plan));
      },
      handle({ query }) {
        const out: Record<string, Record<string, { price: number }>> = {};
        for (const m of METROS) {
          if (query.metro !== undefined && m.code !== query.metro) continue;
          const byPlan: Record<string, { price: number }> = {};
          for (const p of PLANS) if (query.plan === undefined || p.slug === query.plan) byPlan[p.slug] = { price: exchange.price(m.code, p.slug) };
          out[m.code] = byPlan;
        }
        return { status: 200, body: { spot_market_prices: out } };
      },
    }),
    endpoint({
      operationId: 'getSpotPriceHistory',
      method: 'GET',
      path: '/api/market/spot/prices/history',
      check({ query }, checks) {
        checks.on(['query.metro'], () => unknownMetro('metro', query.metro));
        checks.on(['query.plan'], () => unknownPlan('plan', query.plan));
        checks.on(['query.from', 'query.until'], () => {
          const { from, until } = window(query, service.now());
          return from >= until ? 'from: must be before until' : undefined;
        });
      },
      handle({ query }) {
        const nowS = Math.floor(service.now() / 1000);
        const { from, until } = window(query, service.now());
        const start = Math.max(from, nowS - HISTORY_MAX_SECONDS);
        const end = Math.min(until, nowS);
        return { status: 200, body: { prices: end < start ? [] : exchange.history(query.metro, query.plan, start, end) } };
      },
    }),
  ];
}

/** The history asked for, in Unix seconds: by default the 24 hours up to now. */
function window(query: { from?: string; until?: string }, nowMs: number): { from: number; until: number } {
  const until = query.until === undefined ? Math.floor(nowMs / 1000) : seconds(query.until);
  return { from: query.from === undefined ? until - 86_400 : seconds(query.from), until };
}

/** Unix seconds as digits, or an ISO 8601 time or date (the schema has said it is one of them). */
export function seconds(text: string): number {
  return /^[0-9]+$/.test(text) ? Number(text) : Math.floor(Date.parse(text) / 1000);
}
