// fas fleet plan: the policy replayed over the window's history, beside one
// balanced bid in the cheapest market and all on-demand.
import { HISTORY_DAYS } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { fleetMarkets } from '../../fleet/history.js';
import { planFleet } from '../../fleet/plan.js';
import { humanSpan } from '../output/format.js';
import { parsePositiveDuration } from '../shared/parse.js';
import type { Context } from '../shared/context.js';
import { specFromFlags } from './flags.js';
import type { PlanFlags } from './commands.js';
import { marketLines, planRows, planView } from './views.js';


export async function plan(ctx: Context, name: string, flags: PlanFlags): Promise<void> {
  const spec = specFromFlags(name, flags);
  const windowMs = parsePositiveDuration(flags.backtest, '--backtest', { max: HISTORY_DAYS * 86_400_000 });
  ctx.out.willShow(planView);
  const client = ctx.client();
  // Times on the API's clock: a sandbox's may have been moved.
  await client.market.prices({}, { signal: ctx.signal });
  const until = Math.floor((Date.now() + (client.serverTimeOffsetMs ?? 0)) / 1000);
  const from = until - Math.round(windowMs / 1000);
  const markets = await fleetMarkets(client, spec, from - spec.lookbackSeconds, until, { signal: ctx.signal });
  const first = Math.min(...markets.map((m) => m.points[0]?.timestamp ?? Number.POSITIVE_INFINITY));
  if (!Number.isFinite(first) || first >= until) {
    throw new UsageError('no price history in that window for any of the fleet\'s markets', { code: 'no_price_history' });
  }
  if (first > from - spec.lookbackSeconds + 600) {
    ctx.out.warn(`the API keeps ${HISTORY_DAYS} days of history: the window's first bids are chosen from less than a ${humanSpan(spec.lookbackSeconds * 1000)} look-back`);
  }
  const result = planFleet(spec, markets, { from: Math.max(from, first), until });
  await ctx.out.list(planView, planRows(result), { json: result, footer: marketLines(result) });
}
