import { type Command, Option } from 'commander';
import { SPOT_STATES } from '../../api/types.js';
import { lazy, type Runner } from '../handler.js';
import { idempotencyOption, listOptions, waitOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/spots.js')) => lazy(async () => (await import('../handlers/index.js')).spots, name);

const SPOT_NAME = 'the spot: its id (or the first 4+ characters of it), its IP or its hostname';

export function registerSpots(program: Command, run: Runner): void {
  const spots = program.command('spots').description('add, list and remove the spots (VMs) of your pool');

  idempotencyOption(
    waitOptions(
      spots
        .command('add')
        .description('add a spot to the pool (prints the execution; with --wait, the spot)')
        .option('--metro <code>', "metro to run in (default: the account's)")
        .option('--plan <slug>', "plan to run (default: the account's)")
        .option('--max-price <usd>', "the most to pay per hour (default: the plan's on-demand price)")
        .option('--availability <share>', 'choose the lowest price that ran this share of the look-back: 0.95 or 95% (needs --metro and --plan)')
        .option('--lookback <duration>', 'price history that --availability chooses from', '7d'),
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
      .option('--bid <id>', 'only spots that filled this bid'),
  ).action(run(handler('list')));

  spots.command('get').description('show one spot').argument('<id-or-ip>', SPOT_NAME).action(run(handler('get')));

  idempotencyOption(
    waitOptions(
      spots
        .command('remove')
        .alias('rm')
        .description('remove spots (the newest when no id is given; asks first for the newest or several, unless --yes)')
        .argument('[id-or-ip...]', SPOT_NAME)
        .option('-y, --yes', 'do not ask before removing the newest spot or several'),
      'wait until the spots are removed',
    ),
    { several: true },
  ).action(run(handler('remove')));

  idempotencyOption(
    spots
      .command('convert')
      .description('convert a spot to on-demand: it pays the on-demand price and is never revoked')
      .argument('<id-or-ip>', SPOT_NAME),
  ).action(run(handler('convert')));
}
