import type { Execution, Operation, Spot } from '../../api/types.js';
import type { FollowOptions } from '../../client/resources/spots.js';
import { executionResult } from '../../client/wait.js';
import { UsageError } from '../../errors.js';
import { parseLookback, priceNow, priceWay } from '../shared/bid-price.js';
import type { KeyFlags, WaitFlags } from '../shared/options.js';
import type { AddFlags, ListFlags, RemoveFlags } from './commands.js';
import { confirmed, named } from '../shared/confirm.js';
import type { Context } from '../shared/context.js';
import { distinct, forEachId } from '../shared/each.js';
import { followExecution } from '../shared/follow.js';
import { commandKey, commandKeys, resumable, type Resumable } from '../shared/idempotency.js';
import { listed } from '../shared/list.js';
import { checkNewest, newestQuestion, newestSpot } from './newest.js';
import { money } from '../output/format.js';
import { executionView } from '../executions/views.js';
import { spotView } from './views.js';
import { parsePositiveDuration } from '../shared/parse.js';
import { parseDescription, parseTags } from './tags.js';



export async function add(ctx: Context, flags: AddFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const tags = parseTags(flags.tag);
  const description = parseDescription(flags.description);
  const way = priceWay(flags, { strategies: false, required: false });
  let maxPrice = way?.kind === 'fixed' ? way.price : undefined;
  let replace: Resumable['replace'];
  if (way !== undefined && way.kind !== 'fixed') {
    const lookbackMs = parseLookback(flags.lookback);
    // The account's default metro and plan are known only to the API, once the spot is added.
    if (flags.metro === undefined || flags.plan === undefined) throw new UsageError('--availability needs --metro and --plan: the price is chosen from their history');
    maxPrice = await priceNow(ctx.client(), way, { metro: flags.metro, plan: flags.plan, lookbackMs }, ctx.signal, (line) => ctx.out.info(line));
    // A rerun must send the same body: the price chosen goes in the rerun as --max-price.
    replace = { drop: ['--availability', '--lookback'], add: ['--max-price', String(maxPrice)] };
  }
  const body = { metro: flags.metro, plan: flags.plan, max_bid_price: maxPrice, tags, description };
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  await change(ctx, flags, timeoutMs, { key: idempotencyKey, operation: 'spot.add', outcome: 'the spot may have been added', replace }, (options) =>
    ctx.client().spots.add(body, options),
  );
}

/** A whole id, as the API's filters take it. */
const WHOLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function list(ctx: Context, flags: ListFlags): Promise<void> {
  ctx.out.willShow(spotView);
  const tag = parseTags(flags.tag);
  // A bid named as anywhere else (a prefix, any case): one request to learn its whole id.
  const bid = flags.bid === undefined || WHOLE_ID.test(flags.bid) ? flags.bid : (await ctx.client().bids.get(flags.bid, { signal: ctx.signal })).id;
  const filter = { state: flags.state, metro: flags.metro, bid, tag };
  const spots = ctx.client().spots;
  await ctx.out.list(spotView, listed(ctx, flags, (options) => spots.pages(filter, options)));
}

export async function get(ctx: Context, idOrIp: string): Promise<void> {
  ctx.out.willShow(spotView);
  await ctx.out.item(spotView, await ctx.client().spots.get(idOrIp, { signal: ctx.signal }));
}

const REMOVING = 'the spot may be being removed';

/** Removes the spots named (or the newest one, see newest.ts); asks first for the newest one or several. */
export async function remove(ctx: Context, refs: string[], flags: RemoveFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  // Before anything is asked or done: a --columns typo must not cost a spot.
  ctx.out.willShow(flags.wait ? spotView : executionView);
  const ids = distinct(refs);
  const spots = ctx.client().spots;
  checkNewest(ctx, ids, flags);
  if (ids.length === 0) {
    const key = await commandKey(flags.idempotencyKey, ctx.env);
    // Asked on a terminal: the spot the question names is the one removed, whatever is added meanwhile.
    let chosen: string | undefined;
    const question = async () => {
      const spot = await newestSpot(ctx);
      chosen = spot.id;
      return newestQuestion(ctx, spot);
    };
    await confirmed(ctx, { yes: flags.yes, question, what: 'remove the newest spot' });
    return change(ctx, flags, timeoutMs, { key, operation: 'spot.remove', outcome: REMOVING }, (options) => spots.remove(chosen, options));
  }
  const { key, keys } = await commandKeys(flags.idempotencyKey, ctx.env, ids);
  if (ids.length > 1) await confirmed(ctx, { yes: flags.yes, question: `Remove ${named(ids, 'spots')}?`, what: `remove ${ids.length} spots` });
  const how = { key, outcome: REMOVING };
  const signal = ctx.signal;
  if (!flags.wait) {
    return forEachId(ctx, {
      ids,
      keys,
      view: executionView,
      work: (id, idempotencyKey) => resumable(ctx, how, () => spots.remove(id, { signal, idempotencyKey })),
      said: (e) => `removing spot ${e.resource_id ?? '?'} (execution ${e.id})`,
    });
  }
  const waits = ids.length > 1 ? countWaits(ctx, ids.length) : undefined;
  await forEachId(ctx, {
    ids,
    keys,
    view: spotView,
    // One wait's progress is drawn; several at once say only how each ended.
    work: async (id, idempotencyKey) => {
      try {
        return await resumable(ctx, how, () =>
          followExecution(
            ctx,
            'spot.remove',
            (hooks) => spots.remove(id, { signal, idempotencyKey, wait: true, timeoutMs, ...hooks, onAccepted: (e) => (waits?.(id, true), hooks.onAccepted(e)) }),
            ids.length === 1,
          ),
        );
      } finally {
        waits?.(id, false);
      }
    },
    said: (spot) => `removed spot ${spot.id}`,
  });
}

export async function convert(ctx: Context, idOrIp: string, flags: KeyFlags): Promise<void> {
  ctx.out.willShow(spotView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  // Read first, so that a spot already on-demand is said to be, not "now" converted.
  const before = await ctx.client().spots.get(idOrIp, { signal: ctx.signal });
  if (!before.spot_instance) {
    ctx.out.info(`spot ${before.id} was already on-demand at ${money(before.price)}/h: nothing to convert`);
    return ctx.out.item(spotView, before);
  }
  const spot = await resumable(ctx, { key: idempotencyKey, outcome: 'the spot may have been converted' }, () =>
    ctx.client().spots.convertToOnDemand(idOrIp, { signal: ctx.signal, idempotencyKey }),
  );
  ctx.out.info(`spot ${spot.id} is now on-demand at ${money(spot.price)}/h and will not be revoked`);
  await ctx.out.item(spotView, spot);
}

/**
 * Says, once each removal has been accepted or refused, how many the command
 * waits for: those refused at once (already removed, locked) are not waited on.
 * Each id is noted once, accepted or not, the first time it is.
 */
function countWaits(ctx: Context, total: number): (id: string, accepted: boolean) => void {
  const seen = new Map<string, boolean>();
  return (id, accepted) => {
    if (seen.has(id)) return;
    seen.set(id, accepted);
    if (seen.size < total) return;
    const waiting = [...seen.values()].filter(Boolean).length;
    if (waiting > 0) ctx.out.info(`waiting for ${waiting === total ? '' : `${waiting} of `}${total} spots to be removed...`);
  };
}

/**
 * Adding or removing a spot: the execution at once, or with --wait, the spot
 * once the execution has ended. One key for the command; a lost answer's
 * hint is the rerun.
 */
async function change(
  ctx: Context,
  flags: WaitFlags,
  timeoutMs: number,
  what: { key: string; operation: Operation; outcome: string; replace?: Resumable['replace'] },
  call: (options: FollowOptions) => Promise<Spot | Execution>,
): Promise<void> {
  ctx.out.willShow(flags.wait ? spotView : executionView);
  const idempotencyKey = what.key;
  const options = { signal: ctx.signal, idempotencyKey };
  const how = { key: idempotencyKey, outcome: what.outcome, replace: what.replace };
  if (!flags.wait) {
    const execution = (await resumable(ctx, how, () => call(options))) as Execution;
    await ctx.out.item(executionView, execution);
    // An execution may fail the moment it is made (a market above the max price): that is the command's failure too.
    if (execution.status === 'failed') executionResult(execution);
    return;
  }
  const spot = await resumable(ctx, how, () => followExecution(ctx, what.operation, (hooks) => call({ ...options, wait: true, timeoutMs, ...hooks })));
  await ctx.out.item(spotView, spot as Spot);
}

// spots watch and spots wait, on the event feed.
export { wait, watch } from './watch/handlers.js';
