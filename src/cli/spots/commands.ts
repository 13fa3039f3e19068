import { Option } from '@commander-js/extra-typings';
import { SPOT_STATES } from '../../api/types.js';
import { WAIT_TARGETS } from './watch/targets.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';
import { idempotencyOption, listOptions, waitOptions } from '../shared/options.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface SpotsHandlers {
  add: HandlerOf<typeof add>;
  list: HandlerOf<typeof list>;
  get: HandlerOf<typeof get>;
  remove: HandlerOf<typeof remove>;
  convert: HandlerOf<typeof convert>;
  watch: HandlerOf<typeof watch>;
  wait: HandlerOf<typeof wait>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const SPOT_NAME = 'the spot: its id (or the first 4+ characters of it), its IP or its hostname';

export type AddFlags = FlagsOf<typeof add>;
export type ListFlags = FlagsOf<typeof list>;
export type RemoveFlags = FlagsOf<typeof remove>;
export type WatchFlags = FlagsOf<typeof watch>;
export type WaitFlags = FlagsOf<typeof wait>;

export function registerSpots(program: Group, run: Runner, load: () => Promise<SpotsHandlers>): void {
  const handler = <K extends keyof SpotsHandlers & string>(name: K) => lazy(load, name);
  const spots = program
    .command('spots')
    .description('add, list and remove the spots (VMs) of your pool')
    .examples([
      ['fas spots list', 'the pool'],
      ['fas spots add --metro sv --plan c3.small --wait', 'buy a spot in sv and wait until it is active'],
      ['fas spots remove 10.0.0.12 --wait', 'remove a spot by its IP'],
    ]);

  add(spots).action(run(handler('add')));
  list(spots).action(run(handler('list')));
  get(spots).action(run(handler('get')));
  remove(spots).action(run(handler('remove')));
  convert(spots).action(run(handler('convert')));
  watch(spots).action(run(handler('watch')));
  wait(spots).action(run(handler('wait')));
}

const add = (spots: Group) =>
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
        .option('--tag <key:value>', 'a tag the spot carries from its creation (repeat it for more; at most 20)', collect)
        .option('--description <text>', 'what the spot is for (at most 1000 characters)')
        .examples([
          ['fas spots add --wait', "buy a spot of the account's metro and plan; wait until it is active"],
          ['fas spots add --metro ny --plan c3.medium --max-price 0.90 --tag role:web', 'fail rather than pay more than $0.90 an hour; tagged from the start'],
          ['fas spots add --metro sv --plan c3.small --availability 95% --wait', 'the lowest price that ran 95% of the last 7 days'],
          ['fas spots add --json --idempotency-key "$CI_JOB_ID-add"', 'in CI: a rerun of the job gets this spot, not a second one'],
        ]),
      'wait until the spot is active',
    ),  );

const list = (spots: Group) =>
  listOptions(
    spots
      .command('list')
      .alias('ls')
      .description('list the spots of the pool')
      .addOption(new Option('--state <state>', 'only spots in this state').choices(SPOT_STATES))
      .option('--metro <code>', 'only spots in this metro')
      .option('--bid <id>', 'only spots that filled this bid (its id or a unique prefix)')
      .option('--tag <key:value>', 'only spots with this tag (repeat it: spots with every one)', collect)
      .examples([
        ['fas spots list', 'the pool: state, price, when a spot ends'],
        ['fas spots list --state active --metro sv --tag role:web', 'the active spots in sv tagged role:web'],
        ["fas spots list --all --query '[].ip'", 'every IP, one a line'],
        ['fas spots list --bid BID_ID -o wide', 'the spots that filled a bid, every column'],
      ]),  );

const get = (spots: Group) =>
  spots
    .command('get')
    .description('show one spot')
    .argument('<id-or-ip>', SPOT_NAME)
    .completes({ 'id-or-ip': 'spot' })
    .examples([
      ['fas spots get 10.0.0.12', 'a spot by its IP'],
      ['fas spots get SPOT_ID --json', "by its id, as the API's JSON"],
      ['fas spots get 10.0.0.12 --query bid_id', 'the bid that bought it (empty when none)'],
    ]);

const remove = (spots: Group) =>
  idempotencyOption(
    waitOptions(
      spots
        .command('remove')
        .alias('rm')
        .description('remove spots (with no id, the newest: asked on a terminal, else only with --newest; asks first for several, unless --yes)')
        .argument('[id-or-ip...]', SPOT_NAME)
        .completes({ 'id-or-ip': 'spot' })
        .option('--newest', 'remove the newest spot (needed with no id off a terminal, or with --yes)')
        .option('-y, --yes', 'do not ask before removing the newest spot or several')
        .examples([
          ['fas spots remove --newest --yes --wait', 'remove the newest spot and wait until it is gone'],
          ['fas spots remove 10.0.0.12', 'by its IP; prints the execution that removes it'],
          ['fas spots rm 1a2b 3c4d --yes --wait --timeout 5m', 'two by the first characters of their ids; wait at most 5 minutes'],
        ]),
      'wait until the spots are removed',
    ),
    { several: true },  );

const convert = (spots: Group) =>
  idempotencyOption(
    spots
      .command('convert')
      .description('convert a spot to on-demand: it pays the on-demand price and is never revoked')
      .argument('<id-or-ip>', SPOT_NAME)
      .completes({ 'id-or-ip': 'spot' })
      .examples([
        ['fas spots convert 10.0.0.12', 'from now on it pays the on-demand price and is never revoked'],
        ['fas spots convert SPOT_ID --json', 'by its id; prints the spot as JSON'],
      ]),  );

const WATCH_HELP = `
Hooks:
  --on-termination runs its command once per spot that gets a termination
  notice (or is under one when the watch starts), at once and beside the
  others, through /bin/sh -c, with FAS_SPOT_ID, FAS_SPOT_IP,
  FAS_SPOT_HOSTNAME, FAS_TERMINATION_TIME and FAS_SECONDS_LEFT set and the
  event's JSON on its stdin. Still running when its spot is removed, it is
  sent SIGTERM (its whole process group), SIGKILL 5s later, whatever became
  of its shell. How each one ended is said on stderr. --on-event does the
  same for every event, with FAS_EVENT_TYPE, FAS_EVENT_ID and
  FAS_RESOURCE_ID (and the spot's variables when the event is about a
  spot). A hook's output goes to stderr.

  The watch holds one request open at a time, rides out dropped connections
  and restarts of the server, and never runs a spot's termination hook twice.

Exit codes:
  0    --exit-when-empty: the pool is gone and every termination hook exited 0
  5    --exit-when-empty: the pool is gone, but a termination hook exited
       non-zero, was killed, or was stopped when its spot went
  1    the event feed broke the contract, or answered 410 five times in a row
  130  Ctrl-C; 143 SIGTERM; 129 SIGHUP: the hooks are stopped first
`;

const watch = (spots: Group) =>
  spots
    .command('watch')
    .description('follow the pool (or these spots) as it changes: live on a terminal, one line a change otherwise, --json one event a line')
    .argument('[id-or-ip...]', 'only these spots (default: the whole pool, and the spots that join it)')
    .completes({ 'id-or-ip': 'spot' })
    .option('--on-termination <command>', 'run this for each spot that gets a termination notice')
    .option('--on-event <command>', 'run this for each event')
    .option('--exit-when-empty', 'exit once every spot watched is removed and the hooks have ended: 0, or 5 if a termination hook did not exit 0')
    .addHelpText('after', WATCH_HELP)
    .examples([
      ['fas spots watch', 'the pool, live on a terminal; a line a change when piped'],
      ['fas spots watch --on-termination ./drain.sh --exit-when-empty', 'drain each spot on its notice; end when the pool is gone'],
      ['fas spots watch 1a2b --json', 'one spot, each event as a JSON line'],
    ]);

const wait = (spots: Group) =>
  spots
    .command('wait')
    .description('wait until a spot is active, terminating or removed (exit 6 on timeout, 4 if there is no such spot)')
    .argument('<id-or-ip>', SPOT_NAME)
    .completes({ 'id-or-ip': 'spot' })
    .addOption(new Option('--for <state>', 'the state to wait for').choices(WAIT_TARGETS).makeOptionMandatory())
    .option('--timeout <duration>', 'give up after this long', '10m')
    .examples([
      ['fas spots wait 1a2b --for active', 'until the spot runs'],
      ['fas spots wait 10.0.0.12 --for terminating --timeout 1h', 'until it gets its termination notice, at most an hour'],
      ['fas spots wait SPOT_ID --for removed && echo gone', 'in a script: go on once it is gone'],
    ]);
