// fas fleet: keep N spots running whatever the market does. Definitions only.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { Fallback } from '../../fleet/spec.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';
import { strategyOption } from '../shared/options.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface FleetHandlers {
  keep: HandlerOf<typeof keep>;
  plan: HandlerOf<typeof plan>;
  list: HandlerOf<typeof list>;
  status: HandlerOf<typeof status>;
  release: HandlerOf<typeof release>;
}

// Written out, not imported: the program's definitions load no policy.
const FALLBACKS = ['on-demand', 'none'] as const satisfies readonly Fallback[];

/** The flags that say what a fleet is. */
export type FleetFlags = FlagsOf<typeof fleetOptions>;
export type KeepFlags = FlagsOf<typeof keep>;
export type PlanFlags = FlagsOf<typeof plan>;
export type ReleaseFlags = FlagsOf<typeof release>;

/** The flags that say what a fleet is: `keep` and `plan` take the same. */
function fleetOptions(cmd: Command<[], {}, OptionValues>) {
  return cmd
    .argument('<name>', "the fleet's name: its spots carry the tag fas-fleet:NAME")
    .completes({ name: 'none' })
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

export function registerFleet(program: Group, run: Runner, load: () => Promise<FleetHandlers>): void {
  const handler = <K extends keyof FleetHandlers & string>(name: K) => lazy(load, name);
  const fleet = program
    .command('fleet')
    .description('keep N spots running whatever the market does: replacements before revocations, on-demand fallback, limits')
    .examples([
      ['fas fleet plan web --count 10 --plan c3.small --metro sv,ny', 'what a policy would have done'],
      ['fas fleet keep web --count 10 --plan c3.small --metro sv,ny', 'keep 10 spots running'],
    ]);
  keep(fleet).action(run(handler('keep')));
  plan(fleet).action(run(handler('plan')));
  list(fleet).action(run(handler('list')));
  status(fleet).action(run(handler('status')));
  release(fleet).action(run(handler('release')));
}

const keep = (fleet: Group) =>
  fleetOptions(fleet.command('keep'))
    .description(
      'keep the spots running: buy what is missing in the markets the policy ranks best, replace a spot under notice before it goes, ' +
        'fall back to on-demand and back; driven by the event feed, with a full look every --period. Ctrl-C stops it and keeps the spots',
    )
    .option('--once', 'one reconcile, then exit: 0 when the target is met, 6 when not (yet)')
    .option('--on-termination <cmd>', "run this shell command for each of the fleet's spots under notice, as fas spots watch does")
    .option('--period <duration>', 'a full look this often, whatever the feed says', '30s')
    .examples([
      ['fas fleet keep web --count 10 --plan c3.small --metro sv,ny,am', 'keep 10 spots, a live view on a terminal'],
      ['fas fleet keep web --count 4 --plan c3.small --metro sv,ny --once', 'one reconcile, for cron or CI'],
      ['fas fleet keep web --count 4 --plan c3.small --metro sv --on-demand-base 1', 'one of the four on-demand'],
    ]);

const plan = (fleet: Group) =>
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
    ]);

const list = (fleet: Group) =>
  fleet
    .command('list')
    .description("the fleets the account holds: their spots by the tag fas-fleet:NAME")
    .examples([
      ['fas fleet list', 'every fleet, its spots and cost'],
      ['fas fleet list --json', 'as JSON'],
    ]);

const status = (fleet: Group) =>
  fleet
    .command('status')
    .description("a fleet's spots, slot by slot, and how many are active, under notice and on-demand")
    .argument('<name>', "the fleet's name")
    .completes({ name: 'none' })
    .examples([
      ['fas fleet status web', "the fleet's spots"],
      ['fas fleet status web --json', 'as JSON'],
    ]);

const release = (fleet: Group) =>
  fleet
    .command('release')
    .description('remove every spot of a fleet (stop its fleet keep first, or it buys them again)')
    .argument('<name>', "the fleet's name")
    .completes({ name: 'none' })
    .option('--yes', 'do not ask')
    .option('--wait', 'wait until every spot is removed')
    .option('--timeout <duration>', 'with --wait, give up after this long', '10m')
    .examples([
      ['fas fleet release web', 'asks first on a terminal'],
      ['fas fleet release web --yes --wait', 'in a script: removed when it returns'],
    ]);
