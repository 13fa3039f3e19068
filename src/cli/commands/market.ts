import type { Command } from 'commander';
import { lazy, type Runner } from '../handler.js';

const handler = (name: keyof typeof import('../handlers/market.js')) => lazy(async () => (await import('../handlers/index.js')).market, name);

export function registerMarket(program: Command, run: Runner): void {
  const market = program.command('market').description('spot prices, their history, plans and metros');

  market
    .command('prices')
    .description('current spot price per metro and plan, beside the on-demand price')
    .option('--metro <code>', 'only this metro')
    .option('--plan <slug>', 'only this plan')
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

  market.command('plans').description('plans and their on-demand prices').action(run(handler('plans')));
  market.command('metros').description('metros where spots run').action(run(handler('metros')));
}
