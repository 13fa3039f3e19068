import { type Command, Option } from 'commander';
import { BID_STRATEGIES } from '../../client/bid-strategy.js';
import { lazy, type Runner } from '../handler.js';

const handler = (name: keyof typeof import('../handlers/market.js')) => lazy(async () => (await import('../handlers/index.js')).market, name);

export type PriceSort = 'price' | 'discount' | 'metro';
const PRICE_SORTS: readonly PriceSort[] = ['price', 'discount', 'metro'];
export type AdviceSort = 'savings' | 'availability' | 'revocations' | 'price' | 'metro';
const ADVICE_SORTS: readonly AdviceSort[] = ['savings', 'availability', 'revocations', 'price', 'metro'];

const strategies = BID_STRATEGIES.join(', ').replace(/, ([^,]*)$/, ' or $1');

export function registerMarket(program: Command, run: Runner): void {
  const market = program.command('market').description('spot prices, their history, backtests of a price, plans and metros');

  market
    .command('prices')
    .description('current spot price per metro and plan, beside the on-demand price; with --plan, its metros side by side')
    .option('--metro <code>', 'only this metro')
    .option('--plan <slug>', 'only this plan: one row per metro, cheapest first')
    .addOption(new Option('--sort <key>', 'order the rows by price (cheapest first), discount (largest first) or metro').choices(PRICE_SORTS))
    .action(run(handler('prices')));

  market
    .command('history')
    .description('spot price history of one market (at most the last 90 days); a chart on a terminal')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .option('--since <duration>', 'from this long ago, e.g. 6h, 7d (default 24h)')
    .option('--from <time>', 'start: ISO 8601, Unix seconds, or a duration ago')
    .option('--until <time>', 'end: ISO 8601, Unix seconds, or a duration ago (default now)')
    .action(run(handler('history')));

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
    .addOption(new Option('--strategy <name>', `choose the price: ${strategies}`).choices(BID_STRATEGIES))
    .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95%')
    .option('--since <duration>', 'the window: from this long ago (default 7d)')
    .option('--from <time>', 'the window\'s start: ISO 8601, Unix seconds, or a duration ago')
    .option('--until <time>', 'the window\'s end: ISO 8601, Unix seconds, or a duration ago (default now)')
    .option('--lookback <duration>', 'the history before the window that --strategy and --availability choose from', '7d')
    .action(run(handler('backtest')));

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
    .action(run(handler('advise')));

  market.command('plans').description('plans and their on-demand prices').action(run(handler('plans')));
  market.command('metros').description('metros where spots run').action(run(handler('metros')));
}
