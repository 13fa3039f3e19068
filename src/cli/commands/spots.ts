import { type Command, Option } from 'commander';
import { SPOT_STATES } from '../../api/types.js';
import { WAIT_TARGETS } from '../watch/targets.js';
import { lazy, type Runner } from '../handler.js';
import { idempotencyOption, listOptions, waitOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/spots.js')) => lazy(async () => (await import('../handlers/index.js')).spots, name);
const watchHandler = (name: keyof typeof import('../handlers/watch.js')) => lazy(async () => (await import('../handlers/index.js')).watch, name);

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

  registerWatch(spots, run);
}

const WATCH_HELP = `
Hooks:
  --on-termination runs its command once per spot that gets a termination
  notice (or is under one when the watch starts), at once and beside the
  others, through /bin/sh -c, with FAS_SPOT_ID, FAS_SPOT_IP,
  FAS_SPOT_HOSTNAME, FAS_TERMINATION_TIME and FAS_SECONDS_LEFT set and the
  event's JSON on its stdin. Still running when its spot is removed, it is
  sent SIGTERM (its whole process group), SIGKILL 5s later. How each one
  ended is said on stderr. --on-event does the same for every event, with
  FAS_EVENT_TYPE, FAS_EVENT_ID and FAS_RESOURCE_ID (and the spot's variables
  when the event is about a spot). A hook's output goes to stderr.

  The watch holds one request open at a time, rides out dropped connections
  and restarts of the server, and never runs a spot's termination hook twice.
`;

function registerWatch(spots: Command, run: Runner): void {
  spots
    .command('watch')
    .description('follow the pool (or these spots) as it changes: live on a terminal, one line a change otherwise, --json one event a line')
    .argument('[id-or-ip...]', 'only these spots (default: the whole pool, and the spots that join it)')
    .option('--on-termination <command>', 'run this for each spot that gets a termination notice')
    .option('--on-event <command>', 'run this for each event')
    .option('--exit-when-empty', 'exit 0 once every spot watched is removed (after the hooks have ended)')
    .addHelpText('after', WATCH_HELP)
    .action(run(watchHandler('watch')));

  spots
    .command('wait')
    .description('wait until a spot is active, terminating or removed (exit 6 on timeout, 4 if there is no such spot)')
    .argument('<id-or-ip>', 'the spot id or its IP')
    .addOption(new Option('--for <state>', 'the state to wait for').choices(WAIT_TARGETS).makeOptionMandatory())
    .option('--timeout <duration>', 'give up after this long', '10m')
    .action(run(watchHandler('wait')));
}
