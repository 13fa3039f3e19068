// The fleet's replay as a read-only tool: what keeping N spots across
// markets would have cost and kept over a window of history, beside one
// balanced bid in the cheapest market and all on-demand, as `fas fleet plan`
// prints it. Nothing is bought: it reads prices and replays them.
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { HISTORY_DAYS } from '../../api/types.js';
import { BID_STRATEGIES, type BidStrategy } from '../../client/bid-strategy.js';
import { fleetMarkets } from '../../fleet/history.js';
import { planFleet } from '../../fleet/plan.js';
import { fleetSpec, type FleetPrice, type FleetSpec } from '../../fleet/spec.js';
import { addTool, Refusal, type ToolEnv } from './tool.js';

const DAY_S = 86_400;
const slugs = (what: string) => z.array(z.string().min(1).max(64)).min(1).max(10).describe(what);

const figures = z.object({
  policy: z.string(),
  kept: z.number().describe("share of the target's spot-hours held, spot or on-demand"),
  kept_on_spot: z.number(),
  cost_per_hour: z.number(),
  vs_on_demand: z.number().describe('cost against the same spots on-demand'),
  replacements: z.number(),
  revocations: z.number(),
  worst_hour: z.object({ at: z.string(), kept: z.number() }),
  max_held: z.number(),
  max_spend_rate: z.number(),
  markets: z.array(
    z.object({ metro: z.string(), plan: z.string(), spot_hours: z.number(), on_demand_hours: z.number(), cost: z.number(), revocations: z.number(), purchases: z.number() }),
  ),
});

export function addFleetTools(server: McpServer, env: ToolEnv): void {
  addTool(server, env, 'fleet_plan', {
    title: 'Replay a fleet policy',
    description:
      'What keeping `count` spots across the given metros and plans would have done over the last days of history (fas fleet plan): capacity kept, cost per hour and against on-demand, replacements, the worst hour, per market; beside one balanced bid in the cheapest market and all on-demand. Reads prices only; buys nothing.',
    input: z.strictObject({
      count: z.number().int().min(1).max(1000),
      plans: slugs('plans, e.g. ["c3.small"]'),
      metros: slugs('metros, e.g. ["sv", "ny"]'),
      strategy: z.enum(BID_STRATEGIES as unknown as [BidStrategy, ...BidStrategy[]]).optional().describe('how each market prices its bid from its own history (default balanced)'),
      max_bid_price: z.number().positive().optional(),
      availability: z.number().positive().max(1).optional(),
      max_spend: z.number().positive().optional().describe('USD per hour the whole fleet never exceeds'),
      on_demand_base: z.number().int().min(0).optional(),
      fallback: z.enum(['on-demand', 'none']).optional(),
      max_share: z.number().positive().max(1).optional(),
      days: z.number().positive().max(HISTORY_DAYS).default(30).describe('the window replayed, in days back from now'),
    }),
    output: z.object({ from: z.string(), until: z.string(), count: z.number(), fleet: figures, single: figures.extend({ metro: z.string(), plan: z.string(), bid: z.number() }), on_demand: figures }),
    readOnly: true,
  }, async (a) => {
    const spec = specOf(a);
    const client = env.client();
    const until = Math.floor(env.now() / 1000);
    const from = until - Math.round(a.days * DAY_S);
    const markets = await fleetMarkets(client, spec, from - spec.lookbackSeconds, until, { signal: env.signal });
    const first = Math.min(...markets.map((m) => m.points[0]?.timestamp ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(first) || first >= until) throw new Refusal("no price history in that window for any of the fleet's markets");
    return planFleet(spec, markets, { from: Math.max(from, first), until });
  });
}

function specOf(a: {
  count: number; plans: string[]; metros: string[]; strategy?: BidStrategy | undefined; max_bid_price?: number | undefined; availability?: number | undefined;
  max_spend?: number | undefined; on_demand_base?: number | undefined; fallback?: 'on-demand' | 'none' | undefined; max_share?: number | undefined;
}): FleetSpec {
  const given = [a.strategy, a.max_bid_price, a.availability].filter((v) => v !== undefined).length;
  if (given > 1) throw new Refusal('give at most one of strategy, max_bid_price and availability');
  const price: FleetPrice =
    a.max_bid_price !== undefined ? { maxPrice: a.max_bid_price } : a.availability !== undefined ? { availability: a.availability } : { strategy: a.strategy ?? 'balanced' };
  const input = {
    name: 'plan',
    count: a.count,
    plans: a.plans,
    metros: a.metros,
    price,
    ...(a.max_spend !== undefined && { maxSpend: a.max_spend }),
    ...(a.on_demand_base !== undefined && { onDemandBase: a.on_demand_base }),
    ...(a.fallback !== undefined && { fallback: a.fallback }),
    ...(a.max_share !== undefined && { maxShare: a.max_share }),
  };
  try {
    return fleetSpec(input);
  } catch (err) {
    // fleetSpec names what is wrong (a base above the count, a share of nothing) in a RangeError.
    if (err instanceof RangeError) throw new Refusal(err.message);
    throw err;
  }
}
