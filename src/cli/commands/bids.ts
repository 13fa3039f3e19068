import { type Command, Option } from 'commander';
import { BID_STRATEGIES } from '../../client/bid-strategy.js';
import { lazy, type Runner } from '../handler.js';
import { idempotencyOption, listOptions, waitOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/bids.js')) => lazy(async () => (await import('../handlers/index.js')).bids, name);

const BID_ID = 'the bid id, or the first 4+ characters of it';

export function registerBids(program: Command, run: Runner): void {
  const bids = program.command('bids').description('spot market requests: spots bought while the market is below your price');

  idempotencyOption(
    waitOptions(
      bids
        .command('create')
        .description('bid for between --min and --max spots at no more than a price per spot-hour')
        .requiredOption('--metro <code>', 'metro')
        .requiredOption('--plan <slug>', 'plan')
        .requiredOption('--min <n>', 'the fewest spots worth having')
        .requiredOption('--max <n>', 'the most spots to buy')
        .option('--max-price <usd>', 'the most to pay per spot-hour')
        .addOption(new Option('--strategy <name>', `choose the price: ${BID_STRATEGIES.join(', ').replace(/, ([^,]*)$/, ' or $1')}`).choices(BID_STRATEGIES))
        .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95%')
        .option('--lookback <duration>', 'price history that --strategy and --availability choose from', '7d')
        .option('--end-at <time>', 'the bid expires then: ISO 8601, Unix seconds')
        .option('--hostname <name>', 'hostname for the spots')
        .option('--dry-run', 'show the request and send nothing (with --json, exactly the body)'),
      'wait until at least --min spots have filled it',
    ),
  ).action(run(handler('create')));

  listOptions(bids.command('list').alias('ls').description('list bids, newest first')).action(run(handler('list')));
  bids.command('get').description('show a bid and its spots').argument('<id>', BID_ID).action(run(handler('get')));
  idempotencyOption(
    bids
      .command('delete')
      .alias('rm')
      .description('cancel bids; their spots stay unless --force-termination')
      .argument('<id...>', BID_ID)
      .option('--force-termination', 'also remove the spots that filled them (asks first, unless --yes)')
      .option('-y, --yes', 'do not ask before removing spots'),
    { several: true },
  ).action(run(handler('remove')));
}
