import { Option } from '@commander-js/extra-typings';
import type { Volatility } from '../../sandbox/market/price-model.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface SandboxHandlers {
  start: HandlerOf<typeof start>;
  stop: HandlerOf<typeof stop>;
  setPrice: HandlerOf<typeof setPrice>;
  resetPrice: HandlerOf<typeof resetPrice>;
  advanceClock: HandlerOf<typeof advanceClock>;
  status: HandlerOf<typeof status>;
}

// Written out, not imported: the program's definitions must not load the price model.
const VOLATILITY_LEVELS = ['low', 'normal', 'high'] as const satisfies readonly Volatility[];

export type StartFlags = FlagsOf<typeof start>;
export type StopFlags = FlagsOf<typeof stop>;
export type StatusFlags = FlagsOf<typeof status>;
export type PriceFlags = FlagsOf<typeof setPrice>;

export function registerSandbox(program: Group, run: Runner, load: () => Promise<SandboxHandlers>): void {
  const handler = <K extends keyof SandboxHandlers & string>(name: K) => lazy(load, name);
  const sandbox = program
    .command('sandbox')
    .description('a local FaaSpot API with a simulated market, for trying fas and for CI')
    .examples([
      ['fas sandbox start --detach', 'in the background, on 127.0.0.1:7878, saved as a profile'],
      ['fas sandbox status', 'whether it runs, and where'],
      ['fas sandbox stop', 'stop it'],
    ]);

  start(sandbox).action(run(handler('start')));
  stop(sandbox).action(run(handler('stop')));

  const price = sandbox
    .command('price')
    .description('(--admin sandbox) hold a market at a price, for tests and demos')
    .examples([
      ['fas sandbox price set --metro sv --plan c3.small 0.05', 'hold sv c3.small at $0.05 an hour'],
      ['fas sandbox price reset --metro sv --plan c3.small', 'back to the simulated market'],
    ]);
  setPrice(price).action(run(handler('setPrice')));
  resetPrice(price).action(run(handler('resetPrice')));
  advanceClock(sandbox).action(run(handler('advanceClock')));
  status(sandbox).action(run(handler('status')));
}

const start = (sandbox: Group) =>
  sandbox
    .command('start')
    .description("serve the sandbox API and save it as the profile 'sandbox' (use --token to choose its token)")
    .option('--port <port>', 'TCP port (0 picks a free one)', '7878')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'where it keeps its database (default: your data directory)')
    .option('--provision-seconds <s>', 'how long adding or removing a spot takes', '2')
    .option('--fail-rate <fraction>', 'share of executions that fail, 0 to 1', '0')
    .option('--seed <n>', 'seed for every random choice, for reproducible runs')
    .addOption(
      new Option('--volatility <level>', 'how much the simulated market moves; high churns, for testing drain logic (default: normal, or what the data directory had)').choices(
        VOLATILITY_LEVELS,
      ),
    )
    .option('--admin', 'enable the /_sandbox/ control routes (set prices, advance the clock)')
    .option('--faults <spec>', 'misbehave on /api/ routes, e.g. drop=0.1,503=0.1,latency=50-400ms')
    .option('--rate-limit <n>', 'requests per second per token before 429 (0 for no limit)', '200')
    .option('--detach', 'run in the background and return once it answers')
    .examples([
      ['fas sandbox start', 'serve on 127.0.0.1:7878 until Ctrl-C'],
      ['fas sandbox start --detach --port 0 --data "$RUNNER_TEMP/sandbox"', 'in CI: in the background, on a free port'],
      ['fas sandbox start --detach --admin --volatility high', 'a churning market, with price and clock controls'],
      ['fas sandbox start --faults drop=0.1,503=0.1,latency=50-400ms', 'a flaky network, for testing scripts'],
    ]);

const stop = (sandbox: Group) =>
  sandbox
    .command('stop')
    .description('stop the sandbox serving a data directory')
    .option('--data <dir>', 'its data directory (default: your data directory)')
    .examples([
      ['fas sandbox stop', 'the sandbox of your data directory'],
      ['fas sandbox stop --data "$RUNNER_TEMP/sandbox"', 'the one serving that directory'],
    ]);

const setPrice = (price: Group) =>
  price
    .command('set')
    .description('hold a market at PRICE until set again or reset')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .argument('<price>', 'USD per hour')
    .completes({ price: 'none' })
    .examples([
      ['fas sandbox price set --metro sv --plan c3.small 0.05', 'hold sv c3.small at $0.05 an hour'],
      ['fas sandbox price set --metro sv --plan c3.small 5', 'above every bid: its spots get a termination time'],
    ]);

const resetPrice = (price: Group) =>
  price
    .command('reset')
    .description('hand a market back to the simulation')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .examples([
      ['fas sandbox price reset --metro sv --plan c3.small', 'sv c3.small follows the simulated market again'],
      ['fas sandbox price reset --metro ny --plan c3.medium --json', 'the prices after, as JSON'],
    ]);

const advanceClock = (sandbox: Group) =>
  sandbox
    .command('clock')
    .description('(--admin sandbox) the sandbox clock')
    .examples([
      ['fas sandbox clock advance 3m', 'everything due in the next 3 minutes happens now'],
      ['fas sandbox clock advance 1d', 'a day later: bids that end by then have ended'],
    ])
    .command('advance')
    .description('move the clock forward; everything due by then happens')
    .argument('<duration>', 'e.g. 3m, 1h')
    .completes({ duration: 'none' })
    .examples([
      ['fas sandbox clock advance 3m', 'a spot being added is active, one being removed is gone'],
      ['fas sandbox clock advance 1h --json', 'the sandbox time after, as JSON'],
    ]);

const status = (sandbox: Group) =>
  sandbox
    .command('status')
    .description('tell whether a sandbox serves a data directory, and where (exit 1 when none does)')
    .option('--data <dir>', 'its data directory (default: your data directory)')
    .examples([
      ['fas sandbox status', 'the sandbox of your data directory'],
      ['fas sandbox status --data "$RUNNER_TEMP/sandbox" --json', 'as JSON: running, pid, URL'],
    ]);
