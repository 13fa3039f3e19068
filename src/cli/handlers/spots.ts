import type { Execution, Operation, Spot } from '../../api/types.js';
import type { FollowOptions } from '../../client/resources/spots.js';
import type { KeyFlags, ListFlags, WaitFlags } from '../commands/options.js';
import type { Context } from '../context.js';
import { followExecution } from '../follow.js';
import { commandKey, resumable } from '../idempotency.js';
import { listed } from '../list.js';
import { executionView, spotView } from '../output/views.js';
import { parsePositiveDuration, parsePrice } from '../parse.js';

interface AddFlags extends WaitFlags, KeyFlags {
  metro?: string;
  plan?: string;
  maxPrice?: string;
}

interface SpotListFlags extends ListFlags {
  state?: Spot['state'];
  metro?: string;
  bid?: string;
}

export async function add(ctx: Context, flags: AddFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const maxPrice = flags.maxPrice === undefined ? undefined : parsePrice(flags.maxPrice, '--max-price');
  const body = { metro: flags.metro, plan: flags.plan, max_bid_price: maxPrice };
  await change(ctx, flags, timeoutMs, { operation: 'spot.add', outcome: 'the spot may have been added' }, (options) =>
    ctx.client().spots.add(body, options),
  );
}

export async function list(ctx: Context, flags: SpotListFlags): Promise<void> {
  const filter = { state: flags.state, metro: flags.metro, bid: flags.bid };
  const spots = ctx.client().spots;
  await ctx.out.list(spotView, listed(ctx, flags, (options) => spots.pages(filter, options)));
}

export async function get(ctx: Context, idOrIp: string): Promise<void> {
  await ctx.out.item(spotView, await ctx.client().spots.get(idOrIp, { signal: ctx.signal }));
}

export async function remove(ctx: Context, idOrIp: string | undefined, flags: WaitFlags & KeyFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  await change(ctx, flags, timeoutMs, { operation: 'spot.remove', outcome: 'the spot may be being removed' }, (options) =>
    ctx.client().spots.remove(idOrIp, options),
  );
}

export async function convert(ctx: Context, idOrIp: string, flags: KeyFlags): Promise<void> {
  ctx.out.willShow(spotView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  const spot = await resumable(ctx, { key: idempotencyKey, outcome: 'the spot may have been converted' }, () =>
    ctx.client().spots.convertToOnDemand(idOrIp, { signal: ctx.signal, idempotencyKey }),
  );
  ctx.out.info(`spot ${spot.id} is now on-demand at $${spot.price}/h and will not be revoked`);
  await ctx.out.item(spotView, spot);
}

/**
 * Adding or removing a spot: the execution at once, or with --wait, the spot
 * once the execution has ended. One key for the command; a lost answer's
 * hint is the rerun.
 */
async function change(
  ctx: Context,
  flags: WaitFlags & KeyFlags,
  timeoutMs: number,
  what: { operation: Operation; outcome: string },
  call: (options: FollowOptions) => Promise<Spot | Execution>,
): Promise<void> {
  ctx.out.willShow(flags.wait ? spotView : executionView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  const options = { signal: ctx.signal, idempotencyKey };
  const how = { key: idempotencyKey, outcome: what.outcome };
  if (!flags.wait) return ctx.out.item(executionView, (await resumable(ctx, how, () => call(options))) as Execution);
  const spot = await resumable(ctx, how, () => followExecution(ctx, what.operation, (hooks) => call({ ...options, wait: true, timeoutMs, ...hooks })));
  await ctx.out.item(spotView, spot as Spot);
}
