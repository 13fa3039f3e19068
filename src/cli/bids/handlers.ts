import { MAX_BID_DEVICES, type Bid, type BidCreateRequest } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { TimeoutError, UsageError } from '../../errors.js';
import { formatMs } from '../../client/wait.js';
import { checkMarket, parseLookback, priceNow, priceWay } from '../shared/bid-price.js';
import type { ListFlags } from '../shared/options.js';
import type { CreateFlags, RemoveFlags } from './commands.js';
import type { Context } from '../shared/context.js';
import { followBid } from '../shared/follow.js';
import { commandKey, commandKeys, resumable } from '../shared/idempotency.js';
import { confirmed, named } from '../shared/confirm.js';
import { distinct, forEachId } from '../shared/each.js';
import { listed } from '../shared/list.js';
import { spotView } from '../spots/views.js';
import { bidRequestView, bidView } from './views.js';
import { parseInteger, parsePositiveDuration, parseTime } from '../shared/parse.js';


export async function create(ctx: Context, flags: CreateFlags): Promise<void> {
  const min = parseInteger(flags.min, '--min', { min: 1, max: MAX_BID_DEVICES });
  const max = parseInteger(flags.max, '--max', { min: 1, max: MAX_BID_DEVICES });
  if (min > max) throw new UsageError(`--min ${min} is more than --max ${max}`);
  const way = priceWay(flags, { strategies: true, required: true });
  const lookbackMs = parseLookback(flags.lookback);
  const endAt = flags.endAt === undefined ? undefined : parseTime(flags.endAt, '--end-at', Date.now(), { durationAgo: false });
  if (endAt && endAt.getTime() <= Date.now()) throw new UsageError(`--end-at ${isoSeconds(endAt)} is not in the future`);
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  ctx.out.willShow(flags.dryRun ? bidRequestView : bidView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);

  const client = ctx.client();
  let price: number;
  if (way.kind === 'fixed') {
    await checkMarket(client, flags.metro, flags.plan, ctx.signal);
    price = way.price;
  } else {
    price = await priceNow(client, way, { metro: flags.metro, plan: flags.plan, lookbackMs }, ctx.signal, (line) => ctx.out.info(line));
  }
  const body: BidCreateRequest = {
    devices_min: min,
    devices_max: max,
    max_bid_price: price,
    metro: flags.metro,
    instance_parameters: { plan: flags.plan, ...(flags.hostname ? { hostname: flags.hostname } : {}) },
    ...(endAt ? { end_at: isoSeconds(endAt) } : {}),
  };
  if (flags.dryRun) {
    ctx.out.info('dry run: nothing was sent');
    return ctx.out.item(bidRequestView, body);
  }

  // A rerun must send the same body: the price a strategy or a target chose goes in the rerun as --max-price.
  const replace = way.kind === 'fixed' ? undefined : { drop: ['--strategy', '--availability', '--lookback'], add: ['--max-price', String(price)] };
  const bid = await resumable(ctx, { key: idempotencyKey, outcome: 'the bid may have been created', replace }, async () => {
    // With --wait, --timeout bounds the whole command: the create's answer too.
    const deadline = flags.wait ? Date.now() + timeoutMs : undefined;
    const created = await client.bids.create(body, { signal: ctx.signal, idempotencyKey, deadline }).catch((err: unknown) => {
      if (err instanceof TimeoutError && err.code === 'deadline_reached') err.message = `gave up after ${formatMs(timeoutMs)}: ${err.message}`;
      throw err;
    });
    return flags.wait ? followBid(ctx, created, timeoutMs, deadline) : created;
  });
  await showBid(ctx, bid);
}

/** The bid, and for people, the spots that filled it. */
function showBid(ctx: Context, bid: Bid): Promise<void> {
  const spots = () => ctx.client().spots.listAll({ bid: bid.id }, { signal: ctx.signal });
  return ctx.out.item(bidView, bid, { related: bid.spots.length ? { view: spotView, rows: spots } : undefined });
}

export async function list(ctx: Context, flags: ListFlags): Promise<void> {
  const bids = ctx.client().bids;
  await ctx.out.list(bidView, listed(ctx, flags, (options) => bids.pages({}, options)));
}

export async function get(ctx: Context, id: string): Promise<void> {
  ctx.out.willShow(bidView);
  await showBid(ctx, await ctx.client().bids.get(id, { signal: ctx.signal }));
}

/** Cancels the bids named; with --force-termination their spots go too, which is asked first. */
export async function remove(ctx: Context, refs: string[], flags: RemoveFlags): Promise<void> {
  const ids = distinct(refs);
  const { key, keys } = await commandKeys(flags.idempotencyKey, ctx.env, ids);
  ctx.out.willShow(bidView);
  const client = ctx.client();
  const force = flags.forceTermination === true;
  if (force) {
    const question = async () => {
      if (ids.length > 1) return `Cancel ${named(ids, 'bids')} and remove their spots?`;
      const bid = await client.bids.get(ids[0]!, { signal: ctx.signal });
      return `Cancel bid ${bid.id} and remove its ${bid.spots.length} spot(s)?`;
    };
    await confirmed(ctx, { yes: flags.yes, question, what: 'terminate spots' });
  }
  const said = (bid: Bid) => (force ? `cancelled bid ${bid.id} and removed its spots` : `cancelled bid ${bid.id}; its spots stay`);
  const how = { key, outcome: 'the bid may have been cancelled' };
  await forEachId(ctx, {
    ids,
    keys,
    view: bidView,
    work: async (id, idempotencyKey) => {
      const bid = await resumable(ctx, how, () => client.bids.delete({ id, forceTermination: force }, { signal: ctx.signal, idempotencyKey }));
      // One bid says so here, as it always did; several, each on its line.
      if (ids.length === 1) ctx.out.info(said(bid));
      return bid;
    },
    said,
  });
}
