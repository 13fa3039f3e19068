// A fleet's flags, checked before anything is asked of the API, turned into
// the spec the policy keeps.
import type { BidStrategy } from '../../client/bid-strategy.js';
import { fleetSpec, specProblem, type FleetPrice, type FleetSpec } from '../../fleet/spec.js';
import type { FleetFlags } from './commands.js';
import { UsageError } from '../../errors.js';
import { parseLookback, priceWay } from '../shared/bid-price.js';
import { parseDuration, parseInteger, parsePrice } from '../shared/parse.js';


export function specFromFlags(name: string, flags: FleetFlags): FleetSpec {
  const way = priceWay(flags, { strategies: true, required: false }) ?? { kind: 'strategy', strategy: 'balanced' as BidStrategy };
  const price: FleetPrice = way.kind === 'fixed' ? { maxPrice: way.price } : way.kind === 'strategy' ? { strategy: way.strategy } : { availability: way.target };
  const count = parseInteger(flags.count, '--count', { min: 1, max: 1000 });
  const seconds = (v: string | undefined, flag: string) => (v === undefined ? undefined : parseDuration(v, flag) / 1000);
  const spec: Parameters<typeof fleetSpec>[0] = {
    name,
    count,
    plans: list(flags.plan, '--plan'),
    metros: list(flags.metro, '--metro'),
    price,
    lookbackSeconds: parseLookback(flags.lookback) / 1000,
  };
  if (flags.maxSpend !== undefined) spec.maxSpend = parsePrice(flags.maxSpend, '--max-spend');
  if (flags.onDemandBase !== undefined) spec.onDemandBase = parseInteger(flags.onDemandBase, '--on-demand-base', { min: 0, max: count });
  if (flags.fallback !== undefined) spec.fallback = flags.fallback;
  if (flags.maxShare !== undefined) spec.maxShare = parseShare(flags.maxShare, '--max-share', { zero: false, one: true });
  if (flags.maxSurge !== undefined) spec.maxSurge = parseInteger(flags.maxSurge, '--max-surge', { min: 1, max: count });
  if (flags.rebalanceMargin !== undefined) spec.rebalanceMargin = parseShare(flags.rebalanceMargin, '--rebalance-margin', { zero: false, one: false });
  const durations = { cooldownSeconds: seconds(flags.cooldown, '--cooldown'), minLifetimeSeconds: seconds(flags.minLifetime, '--min-lifetime'), holdDownSeconds: seconds(flags.holdDown, '--hold-down') };
  for (const [k, v] of Object.entries(durations)) if (v !== undefined) (spec as unknown as Record<string, number>)[k] = v;
  try {
    return fleetSpec(spec);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** NAME: what the fleet's tag carries. */
export function checkName(name: string): void {
  const problem = specProblem({ ...fleetSpec({ name: 'x', count: 1, plans: ['p'], metros: ['m'], price: { maxPrice: 1 } }), name });
  if (problem) throw new UsageError(problem);
}

function list(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`invalid ${flag} '${value}': expected a comma-separated list such as ${flag === '--plan' ? 'c3.small,c3.medium' : 'sv,ny,am'}`);
  return [...new Set(items)];
}

/** A share: 0.5 or 50%. */
export function parseShare(value: string, flag: string, { zero, one }: { zero: boolean; one: boolean }): number {
  const m = /^(\d+(?:\.\d*)?|\.\d+)(%?)$/.exec(value.trim());
  const n = m ? Number(m[2] ? `${m[1]}e-2` : m[1]) : NaN;
  if (!(Number.isFinite(n) && (zero ? n >= 0 : n > 0) && (one ? n <= 1 : n < 1))) {
    throw new UsageError(`invalid ${flag} '${value}': expected a share ${zero ? 'from 0' : 'above 0'} and ${one ? 'at most 1' : 'below 1'}, such as 0.1 or 10%`);
  }
  return n;
}
