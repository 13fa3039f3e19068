// How a command that bids gets its max bid price: given (--max-price), by a
// strategy (--strategy) or as the lowest price that ran a share of the time
// (--availability), both chosen from a look-back of the market's history;
// and the one line on stderr that says what was chosen, why, and how that
// price fared over the look-back.
import { HISTORY_DAYS, type Metro, type Plan, type PricePoint } from '../../api/types.js';
import { backtest, priceForAvailability } from '../../client/backtest.js';
import { BID_STRATEGIES, chooseBidPrice, type BidStrategy } from '../../client/bid-strategy.js';
import type { FasClient } from '../../client/client.js';
import { UsageError } from '../../errors.js';
import { humanSpan, money } from '../output/format.js';
import { share, timesADay } from '../market/views.js';
import { parseAvailability, parsePositiveDuration, parsePrice } from './parse.js';
import { onApiClock } from './api-clock.js';

export interface PriceFlags {
  maxPrice?: string | undefined;
  strategy?: BidStrategy | undefined;
  availability?: string | undefined;
}

export type PriceWay =
  | { kind: 'fixed'; price: number }
  | { kind: 'strategy'; strategy: BidStrategy }
  /** `text` is the value as given, for messages. */
  | { kind: 'availability'; target: number; text: string };

/**
 * The one way the flags price a bid. `strategies: false` for a command
 * without --strategy; `required: false` for one that has a default price
 * (undefined then when none is given).
 */
export function priceWay(flags: PriceFlags, options: { strategies: boolean; required: true }): PriceWay;
export function priceWay(flags: PriceFlags, options: { strategies: boolean; required: false }): PriceWay | undefined;
export function priceWay(flags: PriceFlags, { strategies, required }: { strategies: boolean; required: boolean }): PriceWay | undefined {
  const given = [
    flags.maxPrice !== undefined ? '--max-price' : undefined,
    flags.strategy !== undefined ? '--strategy' : undefined,
    flags.availability !== undefined ? '--availability' : undefined,
  ].filter((f) => f !== undefined);
  const ways = strategies ? `--max-price, --strategy (${BID_STRATEGIES.join(', ')}) or --availability` : '--max-price or --availability';
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be used together: each sets the max bid price`);
  if (flags.maxPrice !== undefined) return { kind: 'fixed', price: parsePrice(flags.maxPrice, '--max-price') };
  if (flags.strategy !== undefined) return { kind: 'strategy', strategy: flags.strategy };
  if (flags.availability !== undefined) {
    return { kind: 'availability', target: parseAvailability(flags.availability, '--availability'), text: flags.availability.trim() };
  }
  if (required) throw new UsageError(`give ${ways}`);
  return undefined;
}

/** --lookback: how much of the market's history a price is chosen from; at most what the API keeps. */
export function parseLookback(value: string): number {
  return parsePositiveDuration(value, '--lookback', { max: HISTORY_DAYS * 86_400_000 });
}

/** What a price is chosen from. */
export interface LookBack {
  /** The look-back's points, oldest first. */
  history: readonly PricePoint[];
  onDemand: number;
  lookbackMs: number;
  /** How messages name the look-back: "the last 7d", "the 7d before the window". */
  period: string;
  /** How messages name the market: "sv c3.small". */
  market: string;
}

export interface ChosenPrice {
  price: number;
  /** The line for stderr: the price, why, and how it fared over the look-back. */
  message: string;
}

/** The price a strategy or a target availability picks from the look-back. Throws a UsageError when none can be picked. */
export function choosePrice(way: Exclude<PriceWay, { kind: 'fixed' }>, from: LookBack): ChosenPrice {
  const { history, onDemand, period, market } = from;
  if (way.kind === 'strategy') {
    let choice;
    try {
      choice = chooseBidPrice(way.strategy, history, onDemand, humanSpan(from.lookbackMs));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // on-demand and continuity need no history: without one there is nothing to tell of how they fared.
    const fared = history.length ? `; over ${period} ${ranAndRevoked(history, choice.price, onDemand)}` : '';
    return { price: choice.price, message: `max bid ${money(choice.price)}/h: ${choice.reason}${fared}` };
  }
  if (history.length === 0) throw new UsageError(`no price history over ${period} of ${market} to find the price for --availability ${way.text} in`);
  const { price, reachable } = priceForAvailability(history, way.target, { onDemandPrice: onDemand });
  if (price === null) {
    const most = asGiven(reachableFloor(reachable), way.text);
    throw new UsageError(`--availability ${way.text}: at most ${most} is reachable over ${period} of ${market}`, {
      hint: `ask for ${most} or less, or judge by another stretch of history with --lookback`,
    });
  }
  return {
    price,
    message: `max bid ${money(price)}/h: the lowest price to run at least ${share(way.target)} of ${period}; ${ranAndRevoked(history, price, onDemand)}`,
  };
}

/** "it ran 96.1% of the time, revoked 0.4 times a day" */
function ranAndRevoked(history: readonly PricePoint[], price: number, onDemand: number): string {
  const r = backtest(history, price, { onDemandPrice: onDemand });
  return `it ran ${share(r.availability)} of the time, ${r.revocations === 0 ? 'never revoked' : `revoked ${timesADay(r.revocations_per_day)} times a day`}`;
}

/** The reachable share to four decimals, rounded down so that asking for it is reachable. */
function reachableFloor(reachable: number): number {
  // reachable * 1e4 may round to a hair either side of a whole number.
  let down = Math.floor(reachable * 1e4);
  if (down / 1e4 > reachable) down -= 1;
  if ((down + 1) / 1e4 <= reachable) down += 1;
  return down / 1e4;
}

/** A share written as the flag's value was: 0.9861, or 98.61% for a percentage. */
function asGiven(value: number, text: string): string {
  return text.endsWith('%') ? `${Number((value * 100).toFixed(2))}%` : String(value);
}

/** Refuses a metro that is not one of `metros`, naming those that are. */
export function checkMetro(metros: readonly Metro[], code: string): void {
  if (!metros.some((m) => m.code === code)) throw new UsageError(`unknown metro '${code}' (known: ${metros.map((m) => m.code).join(', ')})`);
}

/** The plan of `plans` named `slug`; any other is refused, naming those there are. */
export function knownPlan(plans: readonly Plan[], slug: string): Plan {
  const found = plans.find((p) => p.slug === slug);
  if (!found) throw new UsageError(`unknown plan '${slug}' (known: ${plans.map((p) => p.slug).join(', ')})`);
  return found;
}

/** Unknown metros and plans are caught before anything is sent; the plan's on-demand price comes with it. */
export async function checkMarket(client: FasClient, metro: string, plan: string, signal: AbortSignal): Promise<number> {
  const [metros, plans] = await Promise.all([client.market.metros({ signal }), client.market.plans({ signal })]);
  checkMetro(metros, metro);
  return knownPlan(plans, plan).pricing.hour;
}

/**
 * The plan's on-demand price and the market's history from `from` to
 * `until`, asked for at once; an unknown metro or plan is told as
 * checkMarket tells it, whichever answer comes first.
 */
export async function marketAndHistory(
  client: FasClient,
  q: { metro: string; plan: string; from: Date; until: Date },
  signal: AbortSignal,
): Promise<{ onDemand: number; points: PricePoint[] }> {
  const history = client.market.history(q, { signal });
  // Awaited after checkMarket, whose error about a metro or plan is clearer than the server's.
  history.catch(() => undefined);
  const onDemand = await checkMarket(client, q.metro, q.plan, signal);
  return { onDemand, points: await history };
}

/** The price a strategy or a target picks for a bid placed now, from the last `lookbackMs`; the line about it goes to `say`. */
export async function priceNow(
  client: FasClient,
  way: Exclude<PriceWay, { kind: 'fixed' }>,
  q: { metro: string; plan: string; lookbackMs: number },
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<number> {
  const lookback = (now: number) => ({ from: new Date(now - q.lookbackMs), until: new Date(now) });
  const { answer: { onDemand, points } } = await onApiClock(client, lookback, (w) => marketAndHistory(client, { metro: q.metro, plan: q.plan, ...w }, signal));
  const chosen = choosePrice(way, { history: points, onDemand, lookbackMs: q.lookbackMs, period: `the last ${humanSpan(q.lookbackMs)}`, market: `${q.metro} ${q.plan}` });
  say(chosen.message);
  return chosen.price;
}
