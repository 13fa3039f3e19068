// The markets a fleet may use, with their histories and on-demand prices,
// fetched from the API: what a replay runs over, and what the live loop's
// full look ranks the markets by.
import { HISTORY_DAYS } from '../api/types.js';
import type { CallOptions, FasClient } from '../client/client.js';
import { UsageError } from '../errors.js';
import type { ReplayMarket } from './replay.js';
import type { FleetSpec } from './spec.js';

/** Every (metro, plan) of the spec, checked against the API's metros and plans, with its history from `from` to `until` (Unix seconds). */
export async function fleetMarkets(client: FasClient, spec: FleetSpec, from: number, until: number, options: CallOptions = {}): Promise<ReplayMarket[]> {
  const [plans, metros] = await Promise.all([client.market.plans(options), client.market.metros(options)]);
  const onDemand = new Map(plans.map((p) => [p.slug, p.pricing.hour]));
  for (const plan of spec.plans) {
    if (!onDemand.has(plan)) throw new UsageError(`unknown plan '${plan}' (known: ${plans.map((p) => p.slug).join(', ')})`);
  }
  for (const metro of spec.metros) {
    if (!metros.some((m) => m.code === metro)) throw new UsageError(`unknown metro '${metro}' (known: ${metros.map((m) => m.code).join(', ')})`);
  }
  // The API keeps 90 days: ask for no more, a few seconds inside.
  const start = Math.max(from, until - HISTORY_DAYS * 86_400 + 60);
  const pairs = spec.metros.flatMap((metro) => spec.plans.map((plan) => ({ metro, plan })));
  return Promise.all(
    pairs.map(async ({ metro, plan }) => ({
      metro,
      plan,
      onDemand: onDemand.get(plan)!,
      points: await client.market.history({ metro, plan, from: start, until }, options),
    })),
  );
}
