// fas fleet: keep N spots running whatever the market does. Definitions only.
import { Option, type Command } from 'commander';
import { lazy, type Runner } from '../handler.js';
import type { FasCommand } from '../help.js';
import { strategyOption } from '../commands/options.js';
import { FALLBACKS } from './flags.js';

const handler = (name: keyof typeof import('./handlers.js')) => lazy(async () => (await import('../handlers/index.js')).fleet, name);

/** The flags that say what a fleet is: `keep` and `plan` take the same. */
function fleetOptions<C extends Command>(cmd: C): C {
  return cmd
    .argument('<name>', "the fleet's name: its spots carry the tag fas-fleet:NAME")
    .requiredOption('--count <n>', 'how many spots to keep')
    .requiredOption('--plan <slugs>', 'the plans it may use, comma-separated, e.g. c3.small,c3.medium')
    .requiredOption('--metro <codes>', 'the metros it may use, comma-separated, e.g. sv,ny,am')
    .option('--max-price <usd>', 'the max bid price of every spot')
    .addOption(strategyOption())
    .option('--availability <share>', "bid in each market the lowest price that ran this share of its look-back: 0.95 or 95%")
    .option('--lookback <duration>', "the history each market's bid and rank are taken from", '7d')
    .option('--max-spend <usd>', "the fleet's whole hourly cost never goes above this, replacements in flight included")
    .option('--on-demand-base <k>', 'keep K of the spots on-demand, never revoked (default: 0)')
    .addOption(new Option('--fallback <what>', 'what fills a spot when no spot market fits the price (default: on-demand)').choices(FALLBACKS))
    .option('--max-share <share>', 'no market holds more than this share of the fleet (default: 0.5 with several markets)')
    .option('--cooldown <duration>', 'leave a market alone this long after its price passed a bid (default: 30m)')
    .option('--max-surge <n>', 'replacements in flight at once: never more than count + this spots (default: 1)')
    .option('--rebalance-margin <share>', "replace a spot before any notice once its market comes within this share of its bid, e.g. 10%")
    .option('--min-lifetime <duration>', 'a spot lives this long before a voluntary replacement (default: 15m)')
    .option('--hold-down <duration>', 'a market stays clear of its bid this long before an on-demand fallback goes back to spot (default: 30m)');
}

export function registerFleet(program: FasCommand, run: Runner): void {
  const fleet = program
    .command('fleet')
    .description('keep N spots running whatever the market does: replacements before revocations, on-demand fallback, limits')
    .examples([
      ['fas fleet plan web --count 10 --plan c3.small --metro sv,ny', 'what a policy would have done'],
      ['fas fleet plan web --count 4 --plan c3.small --metro sv --json', 'its figures, as JSON'],
    ]);

  fleetOptions(fleet.command('plan'))
    .description(
      "replay the policy over the window's price history: the share of the target it kept, its cost per hour and against on-demand, " +
        'its replacements, the worst hour, per market; beside one balanced bid in the cheapest market and all on-demand',
    )
    .option('--backtest <duration>', 'the window to replay, ending now (at most 90d)', '30d')
    .examples([
      ['fas fleet plan web --count 10 --plan c3.small --metro sv,ny,am', 'the last 30 days'],
      ['fas fleet plan web --count 6 --plan c3.small --metro sv,ny --backtest 90d', 'the last 90 days'],
      ['fas fleet plan web --count 4 --plan c3.small --metro sv --max-spend 1', 'within $1 an hour'],
    ])
    .action(run(handler('plan')));
}
