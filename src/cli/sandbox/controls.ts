// The --admin sandbox's controls: holding a price, moving the clock. Against
// a sandbox started without --admin they say so, and how to restart it with
// it, rather than only that the route was not found.
import { NotFoundError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import type { PriceFlags } from './commands.js';
import { money } from '../output/format.js';
import { priceRows, priceRowView, sandboxClockView } from './views.js';
import { MAX_SPAN_MS, parsePositiveDuration, parsePrice } from '../shared/parse.js';

export async function setPrice(ctx: Context, price: string, flags: PriceFlags): Promise<void> {
  const value = parsePrice(price, 'PRICE');
  ctx.out.willShow(priceRowView);
  const prices = await control(ctx, 'price', () => ctx.client().sandbox.setPrice({ metro: flags.metro, plan: flags.plan, price: value }, { signal: ctx.signal }));
  ctx.out.info(`${flags.metro} ${flags.plan} held at ${money(value)}/h`);
  await ctx.out.data(prices, () => '', { view: priceRowView, rows: priceRows(prices) });
}

export async function resetPrice(ctx: Context, flags: PriceFlags): Promise<void> {
  ctx.out.willShow(priceRowView);
  const prices = await control(ctx, 'price', () => ctx.client().sandbox.setPrice({ metro: flags.metro, plan: flags.plan, price: null }, { signal: ctx.signal }));
  ctx.out.info(`${flags.metro} ${flags.plan} follows the simulated market again`);
  await ctx.out.data(prices, () => '', { view: priceRowView, rows: priceRows(prices) });
}

export async function advanceClock(ctx: Context, duration: string): Promise<void> {
  const ms = parsePositiveDuration(duration, 'DURATION', { max: MAX_SPAN_MS });
  ctx.out.willShow(sandboxClockView);
  const clock = await control(ctx, 'clock', () => ctx.client().sandbox.advanceClock(ms / 1000, { signal: ctx.signal }));
  ctx.out.info(`sandbox clock moved ${duration} forward`);
  await ctx.out.data(clock, () => `sandbox time ${clock.now}`, { view: sandboxClockView, rows: [clock] });
}

/**
 * A control request; its 404 from a sandbox that says (its health, asked
 * with the token) it runs without --admin becomes that cause and its fix.
 * Anything else, a server that is no sandbox included, is left as it came.
 */
async function control<T>(ctx: Context, what: 'price' | 'clock', request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const health = await ctx.client().sandbox.health({ signal: ctx.signal }).catch(() => undefined);
    if (health?.admin !== false || health.data_dir === undefined) throw err;
    const { defaultDataDir } = await import('../../sandbox/paths.js');
    const data = health.data_dir === defaultDataDir() ? '' : ` --data ${health.data_dir}`;
    throw new NotFoundError(`the sandbox at ${ctx.settings.apiUrl} (pid ${health.pid}) was started without --admin, so it has no ${what} controls`, {
      cause: err,
      hint: `restart it with --admin (its spots, bids and executions are kept): fas sandbox stop${data} && fas sandbox start --detach --admin${data}`,
    });
  }
}
