import { type Command, Option } from 'commander';
import { HISTORY_DAYS, MAX_BID_DEVICES, type Bid, type BidCreateRequest } from '../../api/types.js';
import { BID_STRATEGIES, chooseBidPrice, type BidStrategy } from '../../client/bid-strategy.js';
import type { FasClient } from '../../client/client.js';
import { InterruptedError, UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import { commandKey, idempotencyOption, resumable } from '../idempotency.js';
import { humanSpan, money } from '../output.js';
import { parseInteger, parsePositiveDuration, parsePrice, parseTime } from '../parse.js';
import { startProgress } from '../progress.js';
import type { Runner } from '../program.js';
import { confirm } from '../prompt.js';
import { bidView, spotView } from '../views.js';
import { listOptions, listRows, type ListFlags } from './list.js';
import { isoSeconds } from '../../api/values.js';

interface CreateFlags {
  metro: string;
  plan: string;
  min: string;
  max: string;
  maxPrice?: string;
  strategy?: BidStrategy;
  lookback: string;
  endAt?: string;
  hostname?: string;
  dryRun?: boolean;
  wait?: boolean;
  timeout: string;
  idempotencyKey?: string;
}

export function registerBids(program: Command, run: Runner): void {
  const bids = program
    .command('bids')
    .description('spot market requests: spots bought while the market is below your price');

  idempotencyOption(
    bids
      .command('create')
      .description('bid for between --min and --max spots at no more than a price per spot-hour')
      .requiredOption('--metro <code>', 'metro')
      .requiredOption('--plan <slug>', 'plan')
      .requiredOption('--min <n>', 'the fewest spots worth having')
      .requiredOption('--max <n>', 'the most spots to buy')
      .option('--max-price <usd>', 'the most to pay per spot-hour')
      .addOption(
        new Option('--strategy <name>', 'choose the price: cost, balanced, on-demand or continuity').choices(BID_STRATEGIES as string[]),
      )
      .option('--lookback <duration>', 'price history that cost and balanced look at', '7d')
      .option('--end-at <time>', 'the bid expires then: ISO 8601, Unix seconds')
      .option('--hostname <name>', 'hostname for the spots')
      .option('--dry-run', 'show the request and send nothing (with --json, exactly the body)')
      .option('--wait', 'wait until at least --min spots have filled it')
      .option('--timeout <duration>', 'with --wait, give up after this long', '10m'),
  ).action(run(create));

  listOptions(bids.command('list').alias('ls').description('list bids, newest first')).action(run(list));
  bids.command('get').description('show a bid and its spots').argument('<id>').action(run(get));
  idempotencyOption(
    bids
      .command('delete')
      .alias('rm')
      .description('cancel a bid; its spots stay unless --force-termination')
      .argument('<id>')
      .option('--force-termination', 'also remove the spots that filled it')
      .option('-y, --yes', 'do not ask before removing spots'),
  ).action(run(remove));
}

async function create(ctx: Context, flags: CreateFlags): Promise<void> {
  const min = parseInteger(flags.min, '--min', { min: 1, max: MAX_BID_DEVICES });
  const max = parseInteger(flags.max, '--max', { min: 1, max: MAX_BID_DEVICES });
  if (min > max) throw new UsageError(`--min ${min} is more than --max ${max}`);
  if ((flags.maxPrice === undefined) === (flags.strategy === undefined)) {
    throw new UsageError('give either --max-price or --strategy (cost, balanced, on-demand, continuity)');
  }
  const fixedPrice = flags.maxPrice === undefined ? undefined : parsePrice(flags.maxPrice, '--max-price');
  const lookbackMs = parsePositiveDuration(flags.lookback, '--lookback', { max: HISTORY_DAYS * 86_400_000 });
  const endAt = flags.endAt === undefined ? undefined : parseTime(flags.endAt, '--end-at', Date.now(), { durationAgo: false });
  if (endAt && endAt.getTime() <= Date.now()) throw new UsageError(`--end-at ${isoSeconds(endAt)} is not in the future`);
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const idempotencyKey = await commandKey(flags.idempotencyKey);

  const client = ctx.client();
  const onDemand = await checkMarket(client, flags.metro, flags.plan, ctx.signal);
  let price = fixedPrice;
  if (price === undefined) {
    const strategy = flags.strategy!;
    const needsHistory = strategy === 'cost' || strategy === 'balanced';
    const history = needsHistory
      ? await client.market.history(
          { metro: flags.metro, plan: flags.plan, from: new Date(Date.now() - lookbackMs), until: new Date() },
          { signal: ctx.signal },
        )
      : [];
    let choice;
    try {
      choice = chooseBidPrice(strategy, history, onDemand, humanSpan(lookbackMs));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    price = choice.price;
    ctx.out.info(`max bid ${money(price)}/h: ${choice.reason}`);
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
    return ctx.out.data(body, () =>
      `would bid for ${min} to ${max} ${flags.plan} spots in ${flags.metro} at no more than ${money(price)}/h` +
      (endAt ? ` until ${isoSeconds(endAt)}` : ''),
    );
  }

  // A rerun must send the same body: the price a strategy chose goes in the rerun as --max-price.
  const replace = flags.strategy ? { drop: ['--strategy', '--lookback'], add: ['--max-price', String(price)] } : undefined;
  const bid = await resumable(ctx, { key: idempotencyKey, outcome: 'the bid may have been created', replace }, async () => {
    const created = await client.bids.create(body, { signal: ctx.signal, idempotencyKey });
    return flags.wait ? waitUntilFilled(ctx, created, timeoutMs) : created;
  });
  await showBid(ctx, bid);
}

async function waitUntilFilled(ctx: Context, bid: Bid, timeoutMs: number): Promise<Bid> {
  const progress = await startProgress(ctx.out, `Waiting for bid ${bid.id} to be filled`, ctx.settings.color);
  try {
    return await ctx.client().bids.waitUntilFilled(bid.id, {
      timeoutMs,
      signal: ctx.signal,
      onProgress: (b) => progress.update(`Waiting for bid ${b.id}: ${b.spots.length}/${b.devices_min} spots, ${b.state}`),
    });
  } catch (err) {
    if (err instanceof InterruptedError) {
      throw new InterruptedError(`stopped waiting; bid ${bid.id} stays open`, { hint: `fas bids get ${bid.id}` });
    }
    throw err;
  } finally {
    progress.stop();
  }
}

/** Unknown metros and plans are caught before anything is sent; the plan's on-demand price comes with it. */
async function checkMarket(client: FasClient, metro: string, plan: string, signal: AbortSignal): Promise<number> {
  const [metros, plans] = await Promise.all([client.market.metros({ signal }), client.market.plans({ signal })]);
  if (!metros.some((m) => m.code === metro)) {
    throw new UsageError(`unknown metro '${metro}' (known: ${metros.map((m) => m.code).join(', ')})`);
  }
  const found = plans.find((p) => p.slug === plan);
  if (!found) throw new UsageError(`unknown plan '${plan}' (known: ${plans.map((p) => p.slug).join(', ')})`);
  return found.pricing.hour;
}

async function showBid(ctx: Context, bid: Bid): Promise<void> {
  await ctx.out.item(bidView, bid);
  if (ctx.out.format === 'json' || ctx.out.quiet || bid.spots.length === 0) return;
  const spots = await ctx.client().spots.listAll({ bid: bid.id }, { signal: ctx.signal });
  ctx.out.write('\n');
  await ctx.out.list(spotView, spots);
}

async function list(ctx: Context, flags: ListFlags): Promise<void> {
  const bids = ctx.client().bids;
  await ctx.out.list(bidView, await listRows(ctx, flags, (page, perPage) => bids.list({ page, perPage, signal: ctx.signal })));
}

async function get(ctx: Context, id: string): Promise<void> {
  await showBid(ctx, await ctx.client().bids.get(id, { signal: ctx.signal }));
}

async function remove(ctx: Context, id: string, flags: { forceTermination?: boolean; yes?: boolean; idempotencyKey?: string }): Promise<void> {
  const idempotencyKey = await commandKey(flags.idempotencyKey);
  const client = ctx.client();
  if (flags.forceTermination && !flags.yes) {
    if (!process.stdin.isTTY || !ctx.out.stderrIsTTY) {
      throw new UsageError('refusing to terminate spots without --yes when not on a terminal');
    }
    const bid = await client.bids.get(id, { signal: ctx.signal });
    if (!(await confirm(`Cancel bid ${bid.id} and remove its ${bid.spots.length} spot(s)?`))) {
      ctx.out.info('nothing done');
      return;
    }
  }
  const bid = await resumable(ctx, { key: idempotencyKey, outcome: 'the bid may have been cancelled' }, () =>
    client.bids.delete(id, { forceTermination: flags.forceTermination, signal: ctx.signal, idempotencyKey }),
  );
  ctx.out.info(flags.forceTermination ? `cancelled bid ${bid.id} and removed its spots` : `cancelled bid ${bid.id}; its spots stay`);
  await ctx.out.item(bidView, bid);
}
