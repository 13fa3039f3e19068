import { Option } from 'commander';
import { SPOT_STATES } from '../../api/types.js';
import { lazy, type Runner } from '../handler.js';
import type { FasCommand } from '../help.js';
import { idempotencyOption, listOptions, waitOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/spots.js')) => lazy(async () => (await import('../handlers/index.js')).spots, name);

export function registerSpots(program: FasCommand, run: Runner): void {
  const spots = program
    .command('spots')
    .description('add, list and remove the spots (VMs) of your pool')
    .examples([
      ['fas spots list', 'the pool'],
      ['fas spots add --metro sv --plan c3.small --wait', 'buy a spot in sv and wait until it is active'],
      ['fas spots remove 10.0.0.12 --wait', 'remove a spot by its IP'],
    ]);

  idempotencyOption(
    waitOptions(
      spots
        .command('add')
        .description('add a spot to the pool (prints the execution; with --wait, the spot)')
        .option('--metro <code>', "metro to run in (default: the account's)")
        .option('--plan <slug>', "plan to run (default: the account's)")
        .option('--max-price <usd>', "the most to pay per hour (default: the plan's on-demand price)")
        .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95% (needs --metro and --plan)')
        .option('--lookback <duration>', 'price history that --availability chooses from', '7d')
        .examples([
          ['fas spots add --wait', "buy a spot of the account's metro and plan; wait until it is active"],
          ['fas spots add --metro ny --plan c3.medium --max-price 0.90', 'fail rather than pay more than $0.90 an hour'],
          ['fas spots add --metro sv --plan c3.small --availability 95% --wait', 'the lowest price that ran 95% of the last 7 days'],
          ['fas spots add --json --idempotency-key "$CI_JOB_ID-add"', 'in CI: a rerun of the job gets this spot, not a second one'],
        ]),
      'wait until the spot is active',
    ),
  ).action(run(handler('add')));

  listOptions(
    spots
      .command('list')
      .alias('ls')
      .description('list the spots of the pool')
      .addOption(new Option('--state <state>', 'only spots in this state').choices(SPOT_STATES))
      .option('--metro <code>', 'only spots in this metro')
      .option('--bid <id>', 'only spots that filled this bid')
      .examples([
        ['fas spots list', 'the pool: state, price, when a spot ends'],
        ['fas spots list --state active --metro sv', 'the active spots in sv'],
        ["fas spots list --all --query '[].ip'", 'every IP, one a line'],
        ['fas spots list --bid BID_ID -o wide', 'the spots that filled a bid, every column'],
      ]),
  ).action(run(handler('list')));

  spots
    .command('get')
    .description('show one spot')
    .argument('<id-or-ip>', 'the spot id or its IP')
    .examples([
      ['fas spots get 10.0.0.12', 'a spot by its IP'],
      ['fas spots get SPOT_ID --json', "by its id, as the API's JSON"],
      ['fas spots get 10.0.0.12 --query bid_id', 'the bid that bought it (empty when none)'],
    ])
    .action(run(handler('get')));

  idempotencyOption(
    waitOptions(
      spots
        .command('remove')
        .alias('rm')
        .description('remove a spot (the newest when no id is given)')
        .argument('[id-or-ip]', 'the spot id or its IP')
        .examples([
          ['fas spots remove --wait', 'remove the newest spot and wait until it is gone'],
          ['fas spots remove 10.0.0.12', 'by its IP; prints the execution that removes it'],
          ['fas spots rm SPOT_ID --wait --timeout 5m', 'by its id; give up waiting after 5 minutes'],
        ]),
      'wait until the spot is removed',
    ),
  ).action(run(handler('remove')));

  idempotencyOption(
    spots
      .command('convert')
      .description('convert a spot to on-demand: it pays the on-demand price and is never revoked')
      .argument('<id-or-ip>', 'the spot id or its IP')
      .examples([
        ['fas spots convert 10.0.0.12', 'from now on it pays the on-demand price and is never revoked'],
        ['fas spots convert SPOT_ID --json', 'by its id; prints the spot as JSON'],
      ]),
  ).action(run(handler('convert')));
}
