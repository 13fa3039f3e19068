// fas fleet list, status and release: the fleets as the API holds them, by
// their spots' tags; nothing is kept locally.
import type { Spot } from '../../api/types.js';
import { sleep } from '../../client/timer.js';
import { ConflictError } from '../../errors.js';
import { fleetSpots, fleetTag, slotOf } from '../../fleet/live.js';
import { confirmed, named } from '../shared/confirm.js';
import type { Context } from '../shared/context.js';
import { money } from '../output/format.js';
import type { View } from '../output/view.js';
import { spotView } from '../spots/views.js';
import { parsePositiveDuration } from '../shared/parse.js';
import { checkName } from './flags.js';
import type { ReleaseFlags } from './commands.js';

export interface FleetSummary {
  name: string;
  spots: number;
  active: number;
  under_notice: number;
  on_demand: number;
  markets: string[];
  /** USD per hour, at each spot's price now. */
  cost_per_hour: number;
}

export const fleetView: View<FleetSummary> = {
  id: (f) => f.name,
  columns: [
    { key: 'name', header: 'NAME', value: (f) => f.name },
    { key: 'spots', header: 'SPOTS', value: (f) => String(f.spots), exact: (f) => f.spots },
    { key: 'active', header: 'ACTIVE', value: (f) => String(f.active), exact: (f) => f.active },
    { key: 'noticed', header: 'NOTICED', value: (f) => String(f.under_notice), exact: (f) => f.under_notice },
    { key: 'on_demand', header: 'ON_DEMAND', value: (f) => String(f.on_demand), exact: (f) => f.on_demand },
    { key: 'cost', header: 'COST', value: (f) => money(f.cost_per_hour), exact: (f) => f.cost_per_hour },
    { key: 'markets', header: 'MARKETS', value: (f) => f.markets.join(', '), exact: (f) => f.markets.join(' '), shrinkable: true },
  ],
};

export function summarize(name: string, spots: readonly Spot[]): FleetSummary {
  return {
    name,
    spots: spots.length,
    active: spots.filter((s) => s.state === 'active' && s.termination_time === null).length,
    under_notice: spots.filter((s) => s.termination_time !== null).length,
    on_demand: spots.filter((s) => s.spot_instance === false).length,
    markets: [...new Set(spots.map((s) => `${s.metro}/${s.plan}`))].sort(),
    cost_per_hour: spots.reduce((sum, s) => sum + s.price, 0),
  };
}

export async function list(ctx: Context): Promise<void> {
  ctx.out.willShow(fleetView);
  const spots = await ctx.client().spots.listAll({}, { signal: ctx.signal });
  const fleets = new Map<string, Spot[]>();
  for (const spot of spots) {
    for (const tag of spot.tags ?? []) {
      if (!tag.startsWith('fas-fleet:')) continue;
      const name = tag.slice('fas-fleet:'.length);
      fleets.set(name, [...(fleets.get(name) ?? []), spot]);
    }
  }
  const rows = [...fleets].map(([name, s]) => summarize(name, s)).sort((a, b) => a.name.localeCompare(b.name));
  await ctx.out.list(fleetView, rows, { empty: 'no fleets: no spot carries a fas-fleet:NAME tag' });
}

export async function status(ctx: Context, name: string): Promise<void> {
  checkName(name);
  ctx.out.willShow(spotView);
  const { live } = await fleetSpots(ctx.client(), name, { signal: ctx.signal });
  const spots = live.sort((a, b) => slotOf(a).slot - slotOf(b).slot || slotOf(a).gen - slotOf(b).gen);
  const s = summarize(name, spots);
  const footer = `fleet ${name}: ${s.spots} spots, ${s.active} active, ${s.under_notice} under notice, ${s.on_demand} on-demand, ${money(s.cost_per_hour)}/h`;
  await ctx.out.list(spotView, spots, { json: spots, footer, empty: `fleet ${name} holds no spots (none carries the tag ${fleetTag(name)})` });
}

export async function release(ctx: Context, name: string, flags: ReleaseFlags): Promise<void> {
  checkName(name);
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const client = ctx.client();
  const { live } = await fleetSpots(client, name, { signal: ctx.signal });
  ctx.out.willShow(spotView);
  if (live.length === 0) return ctx.out.info(`fleet ${name} holds no spots: nothing to release`);
  const ids = live.map((s) => s.id);
  await confirmed(ctx, { yes: flags.yes, question: `Release fleet ${name}: remove ${named(ids, 'spots')}?`, what: `remove the ${ids.length} spots of fleet ${name}` });
  const results = await Promise.all(
    ids.map(async (id) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const options = { signal: ctx.signal, idempotencyKey: `fas-fleet:${name}:release:${id}` };
          if (flags.wait) await client.spots.remove(id, { ...options, wait: true, timeoutMs });
          else await client.spots.remove(id, options);
          return undefined;
        } catch (err) {
          // A spot still being bought can be removed once its purchase ends.
          if (err instanceof ConflictError && Date.now() < deadline) {
            await sleep(250, ctx.signal);
            continue;
          }
          return `${id}: ${(err as Error).message}`;
        }
      }
    }),
  );
  const failed = results.filter((r) => r !== undefined);
  for (const f of failed) ctx.out.warn(`could not remove ${f}`);
  await ctx.out.list(spotView, live.filter((_, i) => results[i] === undefined), { empty: 'no spot was removed' });
  ctx.out.info(`fleet ${name}: ${ids.length - failed.length} of ${ids.length} spots ${flags.wait ? 'removed' : 'being removed'}`);
  if (failed.length) throw new ConflictError(`${failed.length} of the fleet's spots could not be removed`);
}
