import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';
import { idempotencyOption, listOptions, strategyOption, waitOptions } from '../shared/options.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface BidsHandlers {
  create: HandlerOf<typeof create>;
  list: HandlerOf<typeof list>;
  get: HandlerOf<typeof get>;
  remove: HandlerOf<typeof remove>;
}

const BID_ID = 'the bid id, or the first 4+ characters of it';

export type CreateFlags = FlagsOf<typeof create>;
export type RemoveFlags = FlagsOf<typeof remove>;

export function registerBids(program: Group, run: Runner, load: () => Promise<BidsHandlers>): void {
  const handler = <K extends keyof BidsHandlers & string>(name: K) => lazy(load, name);
  const bids = program
    .command('bids')
    .description('spot market requests: spots bought while the market is below your price')
    .examples([
      ['fas bids create --metro sv --plan c3.small --min 2 --max 4 \\\n--strategy balanced', 'bid for 2 to 4 spots'],
      ['fas bids list', 'every bid, newest first'],
      ['fas bids delete BID_ID --force-termination --yes', 'cancel a bid and remove its spots'],
    ]);
  create(bids).action(run(handler('create')));
  list(bids).action(run(handler('list')));
  get(bids).action(run(handler('get')));
  remove(bids).action(run(handler('remove')));
}

const create = (bids: Group) =>
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
        .addOption(strategyOption())
        .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95%')
        .option('--lookback <duration>', 'price history that --strategy and --availability choose from', '7d')
        .option('--end-at <time>', 'the bid expires then: ISO 8601, Unix seconds')
        .option('--hostname <name>', 'hostname for the spots')
        .option('--dry-run', 'show the request and send nothing (with --json, exactly the body)')
        .examples([
          ['fas bids create --metro sv --plan c3.small --min 2 --max 4 \\\n--strategy balanced', '2 to 4 spots at 15% above the 7-day minimum price'],
          ['fas bids create --metro ny --plan m3.large --min 1 --max 1 --max-price 0.9 \\\n--wait', 'one spot; wait until it is filled'],
          ['fas bids create --metro sv --plan c3.small --min 1 --max 2 \\\n--availability 95%', 'the lowest price that ran 95% of the last 7 days'],
          ['fas bids create --metro sv --plan c3.small --min 1 --max 1 --max-price 0.2 \\\n--dry-run --json', 'the request as JSON, sent nowhere'],
        ]),
      'wait until at least --min spots have filled it',
    ),
  );

const list = (bids: Group) =>
  listOptions(
    bids
      .command('list')
      .alias('ls')
      .description('list bids, newest first')
      .examples([
        ['fas bids list', 'the newest 100'],
        ['fas bids ls --all --json', 'every bid, as JSON'],
      ]),
  );

const get = (bids: Group) =>
  bids
    .command('get')
    .description('show a bid and its spots')
    .argument('<id>', BID_ID)
    .completes({ id: 'bid' })
    .examples([
      ['fas bids get BID_ID', 'the bid and the spots that filled it'],
      ['fas bids get BID_ID --query spots', 'only the ids of its spots'],
    ]);

const remove = (bids: Group) =>
  idempotencyOption(
    bids
      .command('delete')
      .alias('rm')
      .description('cancel bids; their spots stay unless --force-termination')
      .argument('<id...>', BID_ID)
      .completes({ id: 'bid' })
      .option('--force-termination', 'also remove the spots that filled them (asks first, unless --yes)')
      .option('-y, --yes', 'do not ask before removing spots')
      .examples([
        ['fas bids delete BID_ID', 'cancel it; its spots keep running'],
        ['fas bids delete BID_ID --force-termination --yes', 'cancel it and remove its spots, without asking'],
        ['fas bids rm 1a2b 3c4d', 'several at once, by the first characters of their ids'],
      ]),
    { several: true },
  );
