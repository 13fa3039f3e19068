import { HISTORY_DAYS, type Execution, type Operation, type Spot } from '../../api/types.js';
import type { FollowOptions } from '../../client/resources/spots.js';
import { UsageError } from '../../errors.js';
import { priceNow, priceWay } from '../bid-price.js';
import type { KeyFlags, ListFlags, WaitFlags } from '../commands/options.js';
import type { Context } from '../context.js';
import { followExecution } from '../follow.js';
import { commandKey, resumable, type Resumable } from '../idempotency.js';
import { listed } from '../list.js';
import { executionView, spotView } from '../output/views.js';
import { parsePositiveDuration } from '../parse.js';

interface AddFlags extends WaitFlags, KeyFlags {
  metro?: string;
  plan?: string;
  maxPrice?: string;
  availability?: string;
  lookback: string;
}

interface SpotListFlags extends ListFlags {
  state?: Spot['state'];
  metro?: string;
  bid?: string;
}

export async function add(ctx: Context, flags: AddFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const way = priceWay(flags, { strategies: false, required: false });
  let maxPrice = way?.kind === 'fixed' ? way.price : undefined;
  let replace: Resumable['replace'];
  if (way !== undefined && way.kind !== 'fixed') {
    const lookbackMs = parsePositiveDuration(flags.lookback, '--lookback', { max: HISTORY_DAYS * 86_400_000 });
    // The account's default metro and plan are known only to the API, once the spot is added.
    if (flags.metro === undefined || flags.plan === undefined) throw new UsageError('--availability needs --metro and --plan: the price is chosen from their history');
    maxPrice = await priceNow(ctx.client(), way, { metro: flags.metro, plan: flags.plan, lookbackMs }, ctx.signal, (line) => ctx.out.info(line));
    // A rerun must send the same body: the price chosen goes in the rerun as --max-price.
    replace = { drop: ['--availability', '--lookback'], add: ['--max-price', String(maxPrice)] };
  }
  const body = { metro: flags.metro, plan: flags.plan, max_bid_price: maxPrice };
  await change(ctx, flags, timeoutMs, { operation: 'spot.add', outcome: 'the spot may have been added', replace }, (options) =>
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
  what: { operation: Operation; outcome: string; replace?: Resumable['replace'] },
  call: (options: FollowOptions) => Promise<Spot | Execution>,
): Promise<void> {
  ctx.out.willShow(flags.wait ? spotView : executionView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  const options = { signal: ctx.signal, idempotencyKey };
  const how = { key: idempotencyKey, outcome: what.outcome, replace: what.replace };
  if (!flags.wait) return ctx.out.item(executionView, (await resumable(ctx, how, () => call(options))) as Execution);
  const spot = await resumable(ctx, how, () => followExecution(ctx, what.operation, (hooks) => call({ ...options, wait: true, timeoutMs, ...hooks })));
  await ctx.out.item(spotView, spot as Spot);
}
