import type { Command } from 'commander';
import { HISTORY_DAYS, OUT_OF_CAPACITY_FACTOR, type Plan } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { priceChart, summarize } from '../chart.js';
import type { Context } from '../context.js';
import { money, type Cell } from '../output.js';
import { parseTime } from '../parse.js';
import type { Runner } from '../program.js';
import { isoSeconds } from '../../api/values.js';

interface HistoryFlags {
  metro: string;
  plan: string;
  since?: string;
  from?: string;
  until?: string;
}

export function registerMarket(program: Command, run: Runner): void {
  const market = program.command('market').description('spot prices, their history, plans and metros');

  market
    .command('prices')
    .description('current spot price per metro and plan, beside the on-demand price')
    .option('--metro <code>', 'only this metro')
    .option('--plan <slug>', 'only this plan')
    .action(run(prices));

  market
    .command('history')
    .description('spot price history of one market (at most the last 90 days); a chart on a terminal')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .option('--since <duration>', 'from this long ago, e.g. 6h, 7d (default 24h)')
    .option('--from <time>', 'start: ISO 8601, Unix seconds, or a duration ago')
    .option('--until <time>', 'end: ISO 8601, Unix seconds, or a duration ago (default now)')
    .action(run(history));

  market.command('plans').description('plans and their on-demand prices').action(run(plans));
  market.command('metros').description('metros where spots run').action(run(metros));
}

function onDemandBySlug(list: readonly Plan[]): Map<string, number> {
  return new Map(list.map((p) => [p.slug, p.pricing.hour]));
}

async function prices(ctx: Context, flags: { metro?: string; plan?: string }): Promise<void> {
  const client = ctx.client();
  const [current, planList] = await Promise.all([
    client.market.prices({ metro: flags.metro, plan: flags.plan }, { signal: ctx.signal }),
    ctx.out.format === 'json' ? Promise.resolve([]) : client.market.plans({ signal: ctx.signal }),
  ]);
  if (ctx.out.format === 'json') return ctx.out.json(current);
  const onDemand = onDemandBySlug(planList);
  const rows: Cell[][] = [];
  const quiet: string[] = [];
  for (const [metro, byPlan] of Object.entries(current.spot_market_prices)) {
    for (const [plan, { price }] of Object.entries(byPlan)) {
      const od = onDemand.get(plan);
      const out = od !== undefined && price >= od * OUT_OF_CAPACITY_FACTOR;
      const discount = od === undefined ? '-' : `${Math.round((1 - price / od) * 100)}%`;
      quiet.push(`${metro} ${plan} ${price}`);
      rows.push([metro, plan, money(price), money(od), out ? '-' : discount, out ? { text: 'OUT OF CAPACITY', style: 'red' } : { text: 'available', style: 'green' }]);
    }
  }
  if (rows.length === 0) return ctx.out.info('no prices for that metro and plan');
  if (ctx.out.quiet) return ctx.out.lines(quiet);
  await ctx.out.table(['METRO', 'PLAN', 'SPOT/H', 'ON-DEMAND/H', 'DISCOUNT', 'MARKET'], rows);
}

async function history(ctx: Context, flags: HistoryFlags): Promise<void> {
  if (flags.since !== undefined && (flags.from !== undefined || flags.until !== undefined)) {
    throw new UsageError('use either --since or --from/--until, not both');
  }
  const now = Date.now();
  const until = flags.until === undefined ? new Date(now) : parseTime(flags.until, '--until', now);
  const from =
    flags.from !== undefined
      ? parseTime(flags.from, '--from', now)
      : parseTime(flags.since ?? '24h', '--since', until.getTime());
  if (from.getTime() >= until.getTime()) throw new UsageError('the history must start before it ends (--from before --until)');

  const kept = now - HISTORY_DAYS * 86_400_000;
  if (from.getTime() < kept) {
    ctx.out.warn(`the API keeps ${HISTORY_DAYS} days of history: nothing before ${isoSeconds(new Date(kept))}`);
  }

  const client = ctx.client();
  const points = await client.market.history({ metro: flags.metro, plan: flags.plan, from, until }, { signal: ctx.signal });
  if (ctx.out.format === 'json') return ctx.out.json(points);
  if (points.length === 0) return ctx.out.info(`no price points for ${flags.metro} ${flags.plan} between ${isoSeconds(from)} and ${isoSeconds(until)}`);
  if (ctx.out.quiet) return ctx.out.lines(points.map((p) => `${p.timestamp} ${p.price}`));

  const plan = (await client.market.plans({ signal: ctx.signal })).find((p) => p.slug === flags.plan);
  const ceiling = plan ? plan.pricing.hour * OUT_OF_CAPACITY_FACTOR : undefined;
  const sum = summarize(points, ceiling);
  const s = ctx.out.style;
  if (!ctx.out.isTTY) {
    // Piped without --json: one point per line, exact values, easy to cut.
    await ctx.out.table(['TIME', 'PRICE'], points.map((p) => [isoSeconds(atSecond(p)), String(p.price)]));
    return;
  }
  const width = Math.min(process.stdout.columns || 100, 160);
  const chart = await priceChart(points, { width, height: 14, style: s, capacityCeiling: ceiling });
  const lines = [
    s.bold(`${flags.metro} ${flags.plan} spot price, ${isoSeconds(atSecond(points[0]!))} to ${isoSeconds(atSecond(points[points.length - 1]!))} (${sum.points} points)`),
    '',
    chart,
    '',
    `now ${s.bold(money(sum.last))}   min ${s.green(money(sum.min))}   avg ${money(sum.avg)}   max ${s.red(money(sum.max))}` +
      (plan ? `   on-demand ${money(plan.pricing.hour)}` : ''),
  ];
  if (sum.outOfCapacity > 0) {
    lines.push(s.red(`out of capacity (10x on-demand) at ${sum.outOfCapacity} of ${sum.points} points; drawn clipped at the top`));
  }
  ctx.out.write(`${lines.join('\n')}\n`);
}

function atSecond(p: { timestamp: number }): Date {
  return new Date(p.timestamp * 1000);
}

async function plans(ctx: Context): Promise<void> {
  const list = await ctx.client().market.plans({ signal: ctx.signal });
  if (ctx.out.format === 'json') return ctx.out.json(list);
  if (ctx.out.quiet) return ctx.out.lines(list.map((p) => p.slug));
  await ctx.out.table(
    ['SLUG', 'NAME', 'ON-DEMAND/H', 'CPUS', 'MEMORY', 'STORAGE', 'GPUS'],
    list.map((p) => [p.slug, p.name, money(p.pricing.hour), String(p.specs.cpus), `${p.specs.memory_gb} GB`, `${p.specs.storage_gb} GB`, String(p.specs.gpus ?? 0)]),
  );
}

async function metros(ctx: Context): Promise<void> {
  const list = await ctx.client().market.metros({ signal: ctx.signal });
  if (ctx.out.format === 'json') return ctx.out.json(list);
  if (ctx.out.quiet) return ctx.out.lines(list.map((m) => m.code));
  await ctx.out.table(['CODE', 'NAME'], list.map((m) => [m.code, m.name]));
}
