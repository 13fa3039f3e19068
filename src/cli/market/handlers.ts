import { HISTORY_DAYS, OUT_OF_CAPACITY_FACTOR, type Plan, type PricePoint, type SpotMarketPrices } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { backtest as replay, marketBacktest } from '../../client/backtest.js';
import { BID_STRATEGIES, chooseBidPrice, type BidStrategy } from '../../client/bid-strategy.js';
import { UsageError } from '../../errors.js';
import { checkMetro, choosePrice, knownPlan, marketAndHistory, parseLookback, priceWay } from '../shared/bid-price.js';
import type { AdviseFlags, BacktestFlags, HistoryFlags, PricesFlags } from './commands.js';

type PriceSort = NonNullable<PricesFlags['sort']>;
type AdviceSort = AdviseFlags['sort'];
import type { Context } from '../shared/context.js';
import { backtestChart, historyChart } from './chart.js';
import { humanSpan } from '../output/format.js';
import {
  adviceView,
  backtestView,
  marketPriceView,
  metroPriceView,
  metroView,
  planView,
  pricePointView,
  type Advice,
  type MarketPrice,
} from './views.js';
import { parseTime } from '../shared/parse.js';
import { apiNow, onApiClock, type TimeWindow } from '../shared/api-clock.js';




/**
 * A refused market read, said as spots add says it: an unknown metro or plan
 * with the known ones listed. They are asked for only once the read failed.
 */
function namingKnown(ctx: Context, flags: { metro?: string | undefined; plan?: string | undefined }): (err: unknown) => Promise<never> {
  return async (err) => {
    if (err instanceof UsageError && (flags.metro !== undefined || flags.plan !== undefined)) {
      const signal = ctx.signal;
      const [metros, plans] = await Promise.all([ctx.client().market.metros({ signal }), ctx.client().market.plans({ signal })]);
      if (flags.metro !== undefined) checkMetro(metros, flags.metro);
      if (flags.plan !== undefined) knownPlan(plans, flags.plan);
    }
    throw err;
  };
}

export async function prices(ctx: Context, flags: PricesFlags): Promise<void> {
  const view = flags.plan !== undefined ? metroPriceView : marketPriceView;
  ctx.out.willShow(view);
  const client = ctx.client();
  const current = await client.market.prices({ metro: flags.metro, plan: flags.plan }, { signal: ctx.signal }).catch(namingKnown(ctx, flags));
  // One plan: its metros side by side, cheapest first.
  const sort = flags.sort ?? (flags.plan !== undefined ? 'price' : undefined);
  // The on-demand prices beside them are fetched only for people: --json prints the API's answer alone.
  const rows = async () => sortPrices(marketPrices(current, await client.market.plans({ signal: ctx.signal })), sort);
  await ctx.out.list(view, rows, { json: current, empty: 'no prices for that metro and plan' });
}

function marketPrices(current: SpotMarketPrices, plans: readonly Plan[]): MarketPrice[] {
  const onDemand = new Map(plans.map((p) => [p.slug, p.pricing.hour]));
  return Object.entries(current.spot_market_prices).flatMap(([metro, byPlan]) =>
    Object.entries(byPlan).map(([plan, { price }]) => ({ metro, plan, price, onDemand: onDemand.get(plan) })),
  );
}

/**
 * price: cheapest first; discount: the largest first, markets out of
 * capacity (no discount) last; metro: by name. Ties keep the API's order.
 */
function sortPrices(rows: MarketPrice[], sort: PriceSort | undefined): MarketPrice[] {
  if (sort === undefined) return rows;
  const discount = (p: MarketPrice) =>
    p.onDemand === undefined || p.price >= p.onDemand * OUT_OF_CAPACITY_FACTOR ? -Infinity : 1 - p.price / p.onDemand;
  const by: Record<PriceSort, (a: MarketPrice, b: MarketPrice) => number> = {
    price: (a, b) => a.price - b.price,
    discount: (a, b) => discount(b) - discount(a) || a.price - b.price,
    metro: (a, b) => a.metro.localeCompare(b.metro),
  };
  return [...rows].sort(by[sort]);
}

/** The window of --since or --from/--until from a moment taken as now (its values checked once, at once). */
function historyWindow(flags: Pick<HistoryFlags, 'since' | 'from' | 'until'>, since: string): (now: number) => TimeWindow {
  if (flags.since !== undefined && (flags.from !== undefined || flags.until !== undefined)) {
    throw new UsageError('use either --since or --from/--until, not both');
  }
  const window = (now: number) => {
    const until = flags.until === undefined ? new Date(now) : parseTime(flags.until, '--until', now);
    const from = flags.from !== undefined ? parseTime(flags.from, '--from', now) : parseTime(flags.since ?? since, '--since', until.getTime());
    return { from, until };
  };
  const { from, until } = window(Date.now());
  if (from.getTime() >= until.getTime()) throw new UsageError('the history must start before it ends (--from before --until)');
  return window;
}

/** A warning when the window reaches past the history the API keeps, counted from the now it was made from. */
function warnPastKept(ctx: Context, { from }: TimeWindow, now: number): void {
  const kept = now - HISTORY_DAYS * 86_400_000;
  if (from.getTime() < kept) ctx.out.warn(`the API keeps ${HISTORY_DAYS} days of history: nothing before ${isoSeconds(new Date(kept))}`);
}

export async function history(ctx: Context, flags: HistoryFlags): Promise<void> {
  const window = historyWindow(flags, '24h');
  ctx.out.willShow(pricePointView);
  const client = ctx.client();
  const asked = await onApiClock(client, window, (w) =>
    client.market.history({ metro: flags.metro, plan: flags.plan, ...w }, { signal: ctx.signal }).catch(namingKnown(ctx, flags)),
  );
  const { from, until } = asked.window;
  const points = asked.answer;
  warnPastKept(ctx, asked.window, asked.now);
  await ctx.out.list(pricePointView, points, {
    empty: noPoints(flags, from, until),
    onTerminal: async (shown) => {
      const plan = (await client.market.plans({ signal: ctx.signal })).find((p) => p.slug === flags.plan);
      const width = ctx.io.columns ?? 100;
      return historyChart(shown, { metro: flags.metro, plan: flags.plan, onDemand: plan?.pricing.hour, width, style: ctx.out.style });
    },
  });
}

function noPoints(market: { metro: string; plan: string }, from: Date, until: Date): string {
  return `no price points for ${market.metro} ${market.plan} between ${isoSeconds(from)} and ${isoSeconds(until)}`;
}


/**
 * A spot held at a price over the window. A strategy or a target
 * availability chooses the price from the look-back before the window, as a
 * bid placed at the window's start would have: the window itself is what
 * the bid then lives through. Both come in one request.
 */
export async function backtest(ctx: Context, flags: BacktestFlags): Promise<void> {
  const way = priceWay(flags, { strategies: true, required: true });
  const lookbackMs = parseLookback(flags.lookback);
  const windowAt = historyWindow(flags, '7d');
  ctx.out.willShow(backtestView);
  const { metro, plan } = flags;
  const client = ctx.client();
  // The look-back before the window comes in the same request.
  const withLookback = (now: number) => {
    const w = windowAt(now);
    return way.kind === 'fixed' ? w : { from: new Date(w.from.getTime() - lookbackMs), until: w.until };
  };
  const asked = await onApiClock(client, withLookback, (w) => marketAndHistory(client, { metro, plan, ...w }, ctx.signal));
  const { onDemand, points } = asked.answer;
  const until = asked.window.until;
  const from = way.kind === 'fixed' ? asked.window.from : new Date(asked.window.from.getTime() + lookbackMs);
  warnPastKept(ctx, { from, until }, asked.now);

  // The window's first second, as the API reads --from.
  const first = Math.floor(from.getTime() / 1000);
  const cut = points.findIndex((p) => p.timestamp >= first);
  const window = cut === -1 ? [] : points.slice(cut);
  if (window.length === 0) throw new UsageError(noPoints(flags, from, until), { code: 'no_price_history' });

  let price: number;
  if (way.kind === 'fixed') {
    price = way.price;
  } else {
    const before = cut === -1 ? points : points.slice(0, cut);
    const span = humanSpan(lookbackMs);
    const chosen = choosePrice(way, { history: before, onDemand, lookbackMs, period: `the ${span} before the window`, market: `${metro} ${plan}` });
    price = chosen.price;
    const basis = before.length ? `look-back ${isoSeconds(before[0]!.timestamp * 1000)} to ${isoSeconds(before.at(-1)!.timestamp * 1000)}` : `no history in the ${span} before the window`;
    ctx.out.info(`${chosen.message} (${basis})`);
  }
  const result = marketBacktest(metro, plan, replay(window, price, { onDemandPrice: onDemand }));
  await ctx.out.item(backtestView, result, {
    onTerminal: () => backtestChart(window, result, { width: ctx.io.columns ?? 100, style: ctx.out.style }),
  });
}

/** Rows at or below this availability sort after the others by savings: a cheap bid that rarely runs is no saving. */
const ADVICE_AVAILABILITY = 0.9;

/**
 * Each strategy's price now in each metro (or the one given), from the last
 * --lookback, and how that price fared over the same look-back. One request
 * for the metros and plans, then one per metro, all at once.
 */
export async function advise(ctx: Context, flags: AdviseFlags): Promise<void> {
  const lookbackMs = parseLookback(flags.lookback);
  ctx.out.willShow(adviceView);
  const client = ctx.client();
  const signal = ctx.signal;
  const [metros, plans] = await Promise.all([client.market.metros({ signal }), client.market.plans({ signal })]);
  const plan = knownPlan(plans, flags.plan);
  if (flags.metro !== undefined) checkMetro(metros, flags.metro);
  const codes = flags.metro !== undefined ? [flags.metro] : metros.map((m) => m.code);
  // The metros and plans said where the API's clock is: the look-back ends at its now.
  const now = apiNow(client);
  const from = new Date(now - lookbackMs);
  const until = new Date(now);
  const histories = await Promise.all(codes.map((metro) => client.market.history({ metro, plan: plan.slug, from, until }, { signal })));

  const label = humanSpan(lookbackMs);
  const rows: Advice[] = [];
  codes.forEach((metro, i) => {
    const points = histories[i]!;
    if (points.length === 0) return ctx.out.warn(`no price history over the last ${label} of ${metro} ${plan.slug}: left out`);
    for (const strategy of BID_STRATEGIES) {
      const advice = adviceFor(metro, plan.slug, strategy, points, plan.pricing.hour, label);
      if (typeof advice === 'string') ctx.out.warn(`${metro} ${strategy}: ${advice}: left out`);
      else rows.push(advice);
    }
  });
  await ctx.out.list(adviceView, sortAdvice(rows, flags.sort ?? 'savings'), { empty: `no advice for ${flags.plan}` });
}

/** One row of advice, or why the strategy cannot price a bid here. */
function adviceFor(metro: string, plan: string, strategy: BidStrategy, points: readonly PricePoint[], onDemand: number, label: string): Advice | string {
  let price: number;
  try {
    price = chooseBidPrice(strategy, points, onDemand, label).price;
  } catch (err) {
    return (err as Error).message;
  }
  const { max_bid_price, metro: _m, plan: _p, ...fared } = marketBacktest(metro, plan, replay(points, price, { onDemandPrice: onDemand }));
  return { metro, plan, strategy, max_bid_price, ...fared };
}

/**
 * savings (the default): the rows above 90% availability first, each group
 * by savings, highest first (never running, no savings, last); availability:
 * highest first; revocations: fewest a day first; price: lowest first;
 * metro: by name. Ties: by metro, then in the strategies' order.
 */
function sortAdvice(rows: readonly Advice[], sort: AdviceSort): Advice[] {
  const order = (a: Advice, b: Advice) => a.metro.localeCompare(b.metro) || BID_STRATEGIES.indexOf(a.strategy) - BID_STRATEGIES.indexOf(b.strategy);
  const savings = (a: Advice) => a.savings ?? -Infinity;
  const by: Record<AdviceSort, (a: Advice, b: Advice) => number> = {
    savings: (a, b) =>
      Number(b.availability > ADVICE_AVAILABILITY) - Number(a.availability > ADVICE_AVAILABILITY) || savings(b) - savings(a),
    availability: (a, b) => b.availability - a.availability,
    revocations: (a, b) => a.revocations_per_day - b.revocations_per_day,
    price: (a, b) => a.max_bid_price - b.max_bid_price,
    metro: () => 0,
  };
  return [...rows].sort((a, b) => by[sort](a, b) || order(a, b));
}

export async function plans(ctx: Context): Promise<void> {
  ctx.out.willShow(planView);
  await ctx.out.list(planView, await ctx.client().market.plans({ signal: ctx.signal }));
}

export async function metros(ctx: Context): Promise<void> {
  ctx.out.willShow(metroView);
  await ctx.out.list(metroView, await ctx.client().market.metros({ signal: ctx.signal }));
}
