import { type Command, Option } from 'commander';
import type { SpotState } from '../../api/types.js';
import type { Context } from '../context.js';
import { follow } from '../follow.js';
import { commandKey, idempotencyOption, resumable } from '../idempotency.js';
import { parsePositiveDuration, parsePrice } from '../parse.js';
import type { Runner } from '../program.js';
import { executionView, spotView } from '../views.js';
import { listOptions, listRows, type ListFlags } from './list.js';

const SPOT_STATES = ['provisioning', 'active', 'terminating', 'removed'];

interface AddFlags {
  metro?: string;
  plan?: string;
  maxPrice?: string;
  wait?: boolean;
  timeout: string;
  idempotencyKey?: string;
}

interface RemoveFlags {
  wait?: boolean;
  timeout: string;
  idempotencyKey?: string;
}

interface SpotListFlags extends ListFlags {
  state?: SpotState;
  metro?: string;
  bid?: string;
}

export function registerSpots(program: Command, run: Runner): void {
  const spots = program.command('spots').description('add, list and remove the spots (VMs) of your pool');

  idempotencyOption(
    spots
      .command('add')
      .description('add a spot to the pool (prints the execution; with --wait, the spot)')
      .option('--metro <code>', "metro to run in (default: the account's)")
      .option('--plan <slug>', "plan to run (default: the account's)")
      .option('--max-price <usd>', "the most to pay per hour (default: the plan's on-demand price)")
      .option('--wait', 'wait until the spot is active')
      .option('--timeout <duration>', 'with --wait, give up after this long', '10m'),
  ).action(run(add));

  listOptions(
    spots
      .command('list')
      .alias('ls')
      .description('list the spots of the pool')
      .addOption(new Option('--state <state>', 'only spots in this state').choices(SPOT_STATES))
      .option('--metro <code>', 'only spots in this metro')
      .option('--bid <id>', 'only spots that filled this bid'),
  ).action(run(list));

  spots.command('get').description('show one spot').argument('<id-or-ip>', 'the spot id or its IP').action(run(get));

  idempotencyOption(
    spots
      .command('remove')
      .alias('rm')
      .description('remove a spot (the newest when no id is given)')
      .argument('[id-or-ip]', 'the spot id or its IP')
      .option('--wait', 'wait until the spot is removed')
      .option('--timeout <duration>', 'with --wait, give up after this long', '10m'),
  ).action(run(remove));

  idempotencyOption(
    spots
      .command('convert')
      .description('convert a spot to on-demand: it pays the on-demand price and is never revoked')
      .argument('<id-or-ip>', 'the spot id or its IP'),
  ).action(run(convert));
}

async function add(ctx: Context, flags: AddFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const maxPrice = flags.maxPrice === undefined ? undefined : parsePrice(flags.maxPrice, '--max-price');
  const idempotencyKey = await commandKey(flags.idempotencyKey);
  const client = ctx.client();
  const request = { metro: flags.metro, plan: flags.plan, max_bid_price: maxPrice, signal: ctx.signal, idempotencyKey };
  const how = { key: idempotencyKey, outcome: 'the spot may have been added' };
  if (!flags.wait) return ctx.out.item(executionView, await resumable(ctx, how, () => client.spots.add(request)));
  const spot = await resumable(ctx, how, () =>
    follow(ctx, 'spot.add', (hooks) => client.spots.add({ ...request, wait: true, timeoutMs, ...hooks })),
  );
  await ctx.out.item(spotView, spot);
}

async function list(ctx: Context, flags: SpotListFlags): Promise<void> {
  const filter = { state: flags.state, metro: flags.metro, bid: flags.bid };
  const spots = ctx.client().spots;
  const rows = await listRows(ctx, flags, (page, perPage) => spots.list({ ...filter, page, perPage, signal: ctx.signal }));
  await ctx.out.list(spotView, rows);
}

async function get(ctx: Context, idOrIp: string): Promise<void> {
  await ctx.out.item(spotView, await ctx.client().spots.get(idOrIp, { signal: ctx.signal }));
}

async function remove(ctx: Context, idOrIp: string | undefined, flags: RemoveFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const idempotencyKey = await commandKey(flags.idempotencyKey);
  const client = ctx.client();
  const options = { signal: ctx.signal, idempotencyKey };
  const how = { key: idempotencyKey, outcome: 'the spot may be being removed' };
  if (!flags.wait) return ctx.out.item(executionView, await resumable(ctx, how, () => client.spots.remove(idOrIp, options)));
  const spot = await resumable(ctx, how, () =>
    follow(ctx, 'spot.remove', (hooks) => client.spots.remove(idOrIp, { ...options, wait: true, timeoutMs, ...hooks })),
  );
  await ctx.out.item(spotView, spot);
}

async function convert(ctx: Context, idOrIp: string, flags: { idempotencyKey?: string }): Promise<void> {
  const idempotencyKey = await commandKey(flags.idempotencyKey);
  const client = ctx.client();
  const spot = await resumable(ctx, { key: idempotencyKey, outcome: 'the spot may have been converted' }, () =>
    client.spots.convertToOnDemand(idOrIp, { signal: ctx.signal, idempotencyKey }),
  );
  ctx.out.info(`spot ${spot.id} is now on-demand at $${spot.price}/h and will not be revoked`);
  await ctx.out.item(spotView, spot);
}

