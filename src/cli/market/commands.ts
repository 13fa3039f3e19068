import { Option } from '@commander-js/extra-typings';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';
import { strategyOption } from '../shared/options.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface MarketHandlers {
  prices: HandlerOf<typeof prices>;
  history: HandlerOf<typeof history>;
  backtest: HandlerOf<typeof backtest>;
  advise: HandlerOf<typeof advise>;
  plans: HandlerOf<typeof plans>;
  metros: HandlerOf<typeof metros>;
}

const PRICE_SORTS = ['price', 'discount', 'metro'] as const;
const ADVICE_SORTS = ['savings', 'availability', 'revocations', 'price', 'metro'] as const;

export type PricesFlags = FlagsOf<typeof prices>;
export type HistoryFlags = FlagsOf<typeof history>;
export type BacktestFlags = FlagsOf<typeof backtest>;
export type AdviseFlags = FlagsOf<typeof advise>;

export function registerMarket(program: Group, run: Runner, load: () => Promise<MarketHandlers>): void {
  const handler = <K extends keyof MarketHandlers & string>(name: K) => lazy(load, name);
  const market = program
    .command('market')
    .description('spot prices, their history, backtests of a price, plans and metros')
    .examples([
      ['fas market prices --metro sv', 'spot and on-demand prices in sv'],
      ['fas market advise --plan c3.small', "each strategy's price in each metro, and how it fared"],
      ['fas market history --metro sv --plan c3.small --since 7d', 'a week of prices'],
    ]);

  prices(market).action(run(handler('prices')));
  history(market).action(run(handler('history')));
  backtest(market).action(run(handler('backtest')));
  advise(market).action(run(handler('advise')));
  plans(market).action(run(handler('plans')));
  metros(market).action(run(handler('metros')));
}

const prices = (market: Group) =>
  market
    .command('prices')
    .description('current spot price per metro and plan, beside the on-demand price; with --plan, its metros side by side')
    .option('--metro <code>', 'only this metro')
    .option('--plan <slug>', 'only this plan: one row per metro, cheapest first')
    .addOption(new Option('--sort <key>', 'order the rows by price (cheapest first), discount (largest first) or metro').choices(PRICE_SORTS))
    .examples([
      ['fas market prices', 'every metro and plan'],
      ['fas market prices --metro sv', 'the plans of one metro'],
      ['fas market prices --plan c3.small --sort discount', "one plan's metros, the largest discount first"],
    ]);

const history = (market: Group) =>
  market
    .command('history')
    .description('spot price history of one market (at most the last 90 days); a chart on a terminal')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .option('--since <duration>', 'from this long ago, e.g. 6h, 7d (default: 24h)')
    .option('--from <time>', 'start: ISO 8601, Unix seconds, or a duration ago')
    .option('--until <time>', 'end: ISO 8601, Unix seconds, or a duration ago (default: now)')
    .examples([
      ['fas market history --metro sv --plan c3.small', 'the last 24 hours; a chart on a terminal'],
      ['fas market history --metro sv --plan c3.small --since 7d --json', 'a week of points, as JSON'],
      ['fas market history --metro ny --plan c3.small --from 3d --until 2d', 'one day, three days ago'],
    ]);

const backtest = (market: Group) =>
  market
    .command('backtest')
    .description(
      'replay a window of the price history as if a spot had been held at a max bid price: how much of the time it ran, ' +
        'how often it was revoked, what it paid. --strategy and --availability choose the price from the --lookback before ' +
        "the window starts, as a bid placed then would have; the window is what it lives through",
    )
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .option('--max-price <usd>', 'the max bid price to hold')
    .addOption(strategyOption())
    .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95%')
    .option('--since <duration>', 'the window: from this long ago (default: 7d)')
    .option('--from <time>', 'the window\'s start: ISO 8601, Unix seconds, or a duration ago')
    .option('--until <time>', 'the window\'s end: ISO 8601, Unix seconds, or a duration ago (default: now)')
    .option('--lookback <duration>', 'the history before the window that --strategy and --availability choose from', '7d')
    .examples([
      ['fas market backtest --metro sv --plan c3.small --max-price 0.25', 'how a bid at $0.25 would have fared over the last 7 days'],
      ['fas market backtest --metro sv --plan c3.small --strategy balanced', 'the price chosen from the 7 days before the window'],
      ['fas market backtest --metro sv --plan c3.small --availability 95% --json', 'every figure, as JSON'],
    ]);

const advise = (market: Group) =>
  market
    .command('advise')
    .description(
      "each strategy's price now in each metro, from the last --lookback, and how it fared over that look-back; " +
        'sorted by savings, rows above 90% availability first',
    )
    .requiredOption('--plan <slug>', 'plan')
    .option('--metro <code>', 'only this metro')
    .option('--lookback <duration>', 'the price history the strategies choose from and are replayed over', '7d')
    .addOption(
      new Option('--sort <key>', 'savings (highest first), availability (highest first), revocations (fewest first), price (lowest first) or metro')
        .choices(ADVICE_SORTS)
        .default('savings'),
    )
    .examples([
      ['fas market advise --plan c3.small', 'every strategy in every metro, the best savings first'],
      ['fas market advise --plan c3.small --metro sv --lookback 30d', 'one metro, chosen from and replayed over 30 days'],
      ['fas market advise --plan c3.small --sort availability --json', 'every figure, as JSON'],
    ]);

const plans = (market: Group) =>
  market
    .command('plans')
    .description('plans and their on-demand prices')
    .examples([
      ['fas market plans', 'each plan: CPUs, memory, disk, on-demand price'],
      ['fas market plans -q', 'only the slugs, one a line'],
    ]);

const metros = (market: Group) =>
  market
    .command('metros')
    .description('metros where spots run')
    .examples([
      ['fas market metros', 'each metro: its code and name'],
      ['fas market metros -q', 'only the codes, one a line'],
    ]);
