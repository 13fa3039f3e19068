import { HISTORY_DAYS, type Plan, type SpotMarketPrices } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import { historyChart } from '../output/chart.js';
import { marketPriceView, metroView, planView, pricePointView, type MarketPrice } from '../output/views.js';
import { parseTime } from '../parse.js';

interface HistoryFlags {
  metro: string;
  plan: string;
  since?: string;
  from?: string;
  until?: string;
}

export async function prices(ctx: Context, flags: { metro?: string; plan?: string }): Promise<void> {
  const client = ctx.client();
  const current = await client.market.prices({ metro: flags.metro, plan: flags.plan }, { signal: ctx.signal });
  // The on-demand prices beside them are fetched only for people: --json prints the API's answer alone.
  await ctx.out.list(marketPriceView, async () => marketPrices(current, await client.market.plans({ signal: ctx.signal })), {
    json: current,
    empty: 'no prices for that metro and plan',
  });
}

function marketPrices(current: SpotMarketPrices, plans: readonly Plan[]): MarketPrice[] {
  const onDemand = new Map(plans.map((p) => [p.slug, p.pricing.hour]));
  return Object.entries(current.spot_market_prices).flatMap(([metro, byPlan]) =>
    Object.entries(byPlan).map(([plan, { price }]) => ({ metro, plan, price, onDemand: onDemand.get(plan) })),
  );
}

export async function history(ctx: Context, flags: HistoryFlags): Promise<void> {
  if (flags.since !== undefined && (flags.from !== undefined || flags.until !== undefined)) {
    throw new UsageError('use either --since or --from/--until, not both');
  }
  const now = Date.now();
  const until = flags.until === undefined ? new Date(now) : parseTime(flags.until, '--until', now);
  const from = flags.from !== undefined ? parseTime(flags.from, '--from', now) : parseTime(flags.since ?? '24h', '--since', until.getTime());
  if (from.getTime() >= until.getTime()) throw new UsageError('the history must start before it ends (--from before --until)');

  const kept = now - HISTORY_DAYS * 86_400_000;
  if (from.getTime() < kept) {
    ctx.out.warn(`the API keeps ${HISTORY_DAYS} days of history: nothing before ${isoSeconds(new Date(kept))}`);
  }

  const client = ctx.client();
  const points = await client.market.history({ metro: flags.metro, plan: flags.plan, from, until }, { signal: ctx.signal });
  await ctx.out.list(pricePointView, points, {
    empty: `no price points for ${flags.metro} ${flags.plan} between ${isoSeconds(from)} and ${isoSeconds(until)}`,
    onTerminal: async (shown) => {
      const plan = (await client.market.plans({ signal: ctx.signal })).find((p) => p.slug === flags.plan);
      const width = ctx.io.columns ?? 100;
      return historyChart(shown, { metro: flags.metro, plan: flags.plan, onDemand: plan?.pricing.hour, width, style: ctx.out.style });
    },
  });
}

export async function plans(ctx: Context): Promise<void> {
  await ctx.out.list(planView, await ctx.client().market.plans({ signal: ctx.signal }));
}

export async function metros(ctx: Context): Promise<void> {
  await ctx.out.list(metroView, await ctx.client().market.metros({ signal: ctx.signal }));
}
