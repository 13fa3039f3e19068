// The read-only tools over the market: prices now, their history (at most
// so many points, the downsampling said in the result), plans and metros,
// a backtest at a price or an availability, and each strategy's advice.
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { HISTORY_DAYS, type Plan, type PricePoint } from '../../api/types.js';
import { backtest as replay, marketBacktest, priceForAvailability } from '../../client/backtest.js';
import { BID_STRATEGIES, chooseBidPrice } from '../../client/bid-strategy.js';
import * as s from './schemas.js';
import { addTool, Refusal, type ToolEnv } from './tool.js';

/** The most price points one history result carries. */
export const MAX_POINTS = 500;
const DEFAULT_POINTS = 200;
const HOUR_MS = 3_600_000;

const slug = (what: string) => z.string().min(1).max(64).describe(what);
const hours = (def: number) => z.number().positive().max(HISTORY_DAYS * 24).default(def);

export function addMarketTools(server: McpServer, env: ToolEnv): void {
  const signal = () => ({ signal: env.signal });

  addTool(server, env, 'market_prices', {
    title: 'Spot prices now',
    description: 'The spot price (USD per spot-hour) of each metro and plan now, as the API answers it.',
    input: z.strictObject({ metro: slug('only this metro, e.g. ny').optional(), plan: slug('only this plan, e.g. c3.small').optional() }),
    output: z.object({ spot_market_prices: z.record(z.string(), z.record(z.string(), z.object({ price: z.number() }))) }),
    readOnly: true,
  }, async (a) => env.client().market.prices({ metro: a.metro, plan: a.plan }, signal()));

  addTool(server, env, 'price_history', {
    title: 'Spot price history',
    description: `A market's spot prices over the last hours (at most ${HISTORY_DAYS} days), oldest first. Longer histories are downsampled to max_points: each point then the highest price of its bucket, as the result says.`,
    input: z.strictObject({
      metro: slug('metro, e.g. ny'),
      plan: slug('plan, e.g. c3.small'),
      hours: hours(24).describe('how far back, in hours'),
      max_points: z.number().int().min(2).max(MAX_POINTS).default(DEFAULT_POINTS),
    }),
    output: z.object({
      metro: z.string(),
      plan: z.string(),
      prices: z.array(s.pricePoint),
      total_points: z.number(),
      downsampled: z.string().nullable().describe('how the points were reduced, or null when they are all there'),
    }),
    readOnly: true,
  }, async (a) => {
    const until = env.now();
    const points = await env.client().market.history({ metro: a.metro, plan: a.plan, from: new Date(until - a.hours * HOUR_MS), until: new Date(until) }, signal());
    const { prices, note } = downsample(points, a.max_points);
    return { metro: a.metro, plan: a.plan, prices, total_points: points.length, downsampled: note };
  });

  addTool(server, env, 'plans', {
    title: 'Plans',
    description: 'Every plan: its slug, specs and on-demand price per hour (what a spot saves against).',
    input: z.strictObject({}),
    output: z.object({ plans: z.array(s.plan) }),
    readOnly: true,
  }, async () => ({ plans: await env.client().market.plans(signal()) }));

  addTool(server, env, 'metros', {
    title: 'Metros',
    description: 'Every metro: its code and name.',
    input: z.strictObject({}),
    output: z.object({ metros: z.array(s.metro) }),
    readOnly: true,
  }, async () => ({ metros: await env.client().market.metros(signal()) }));

  addTool(server, env, 'backtest', {
    title: 'Backtest a bid',
    description: 'How a spot held at a max bid price would have fared over the last hours: availability, revocations, average price, savings against on-demand. Give max_bid_price, or availability (0 to 1) for the lowest price that ran that share of the time.',
    input: z.strictObject({
      metro: slug('metro'),
      plan: slug('plan'),
      hours: hours(168).describe('the window, in hours back from now'),
      max_bid_price: z.number().positive().optional(),
      availability: z.number().positive().max(1).optional(),
    }),
    output: s.backtest,
    readOnly: true,
  }, async (a) => {
    if ((a.max_bid_price === undefined) === (a.availability === undefined)) throw new Refusal('give either max_bid_price or availability');
    const { points, onDemand } = await history(env, a.metro, a.plan, a.hours);
    let price = a.max_bid_price;
    if (price === undefined) {
      const found = priceForAvailability(points, a.availability!, { onDemandPrice: onDemand });
      if (found.price === null) throw new Refusal(`availability ${a.availability} is out of reach: at most ${found.reachable.toFixed(4)} over that window`);
      price = found.price;
    }
    return marketBacktest(a.metro, a.plan, replay(points, price, { onDemandPrice: onDemand }));
  });

  addTool(server, env, 'advise', {
    title: 'Bid advice',
    description: "Each bid strategy's price now for a plan in each metro (or one), and how that price fared over the look-back: availability, revocations a day, savings.",
    input: z.strictObject({ plan: slug('plan'), metro: slug('only this metro').optional(), lookback_hours: hours(168) }),
    output: z.object({ advice: z.array(s.advice) }),
    readOnly: true,
  }, async (a) => {
    const client = env.client();
    const [metros, plans] = await Promise.all([client.market.metros(signal()), client.market.plans(signal())]);
    const plan = plans.find((p) => p.slug === a.plan);
    if (!plan) throw new Refusal(`unknown plan '${a.plan}' (known: ${plans.map((p) => p.slug).join(', ')})`);
    const codes = a.metro !== undefined ? [a.metro] : metros.map((m) => m.code);
    const until = env.now();
    const from = new Date(until - a.lookback_hours * HOUR_MS);
    const rows = await Promise.all(codes.map(async (metro) => {
      const points = await client.market.history({ metro, plan: a.plan, from, until: new Date(until) }, signal());
      // A strategy that cannot price a bid from this history is left out, as fas market advise leaves it.
      return BID_STRATEGIES.flatMap((strategy) => {
        try {
          const { price } = chooseBidPrice(strategy, points, plan.pricing.hour, `${a.lookback_hours}-hour`);
          return [{ strategy, ...marketBacktest(metro, a.plan, replay(points, price, { onDemandPrice: plan.pricing.hour })) }];
        } catch {
          return [];
        }
      });
    }));
    return { advice: rows.flat() };
  });
}

/** The market's history over the last `hours` and its plan's on-demand price; no point is a refusal. */
async function history(env: ToolEnv, metro: string, plan: string, hours: number): Promise<{ points: PricePoint[]; onDemand: number }> {
  const client = env.client();
  const until = env.now();
  const [points, plans] = await Promise.all([
    client.market.history({ metro, plan, from: new Date(until - hours * HOUR_MS), until: new Date(until) }, { signal: env.signal }),
    client.market.plans({ signal: env.signal }),
  ]);
  const found: Plan | undefined = plans.find((p) => p.slug === plan);
  if (!found) throw new Refusal(`unknown plan '${plan}' (known: ${plans.map((p) => p.slug).join(', ')})`);
  if (points.length === 0) throw new Refusal(`no price history for ${metro} ${plan} in the last ${hours} hours`);
  return { points, onDemand: found.pricing.hour };
}

/**
 * At most `max` points: consecutive buckets of equal size, each kept as its
 * highest price at its last time, so that no spike a bid must survive is lost.
 */
export function downsample(points: readonly PricePoint[], max: number): { prices: PricePoint[]; note: string | null } {
  if (points.length <= max) return { prices: [...points], note: null };
  const size = Math.ceil(points.length / max);
  const prices: PricePoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    prices.push({ price: Math.max(...bucket.map((p) => p.price)), timestamp: bucket.at(-1)!.timestamp });
  }
  return { prices, note: `${points.length} points in buckets of ${size}: each the highest price of its bucket, at the bucket's last time` };
}
