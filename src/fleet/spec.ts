// What a fleet is asked to be: its size, its markets, how its bids are
// priced and the limits every decision keeps. Shared by the replay and the
// live loop, which differ only in where prices come from and what acts.
import type { BidStrategy } from '../client/bid-strategy.js';

/** How each market's bid is priced: a fixed price, a strategy, or a target availability, each from the market's own history. */
export type FleetPrice = { maxPrice: number } | { strategy: BidStrategy } | { availability: number };

export type Fallback = 'on-demand' | 'none';

export interface FleetSpec {
  name: string;
  /** N: the spots the fleet keeps. */
  count: number;
  plans: readonly string[];
  metros: readonly string[];
  price: FleetPrice;
  /** USD per hour for the whole fleet, replacements in flight included; undefined: no limit. */
  maxSpend?: number | undefined;
  /** K of the N slots are on-demand (converted), never revoked. */
  onDemandBase: number;
  fallback: Fallback;
  /** No market holds more than this share of N (at least one spot). */
  maxShare: number;
  /** Seconds a market is left alone after its price passed a bid. */
  cooldownSeconds: number;
  /** Replacements in flight at once: the fleet never holds more than N + maxSurge spots. */
  maxSurge: number;
  /** A spot whose market comes within this share of its bid is replaced before any notice; undefined: only on notice. */
  rebalanceMargin?: number | undefined;
  /** Seconds a spot lives before a voluntary replacement may take its slot. */
  minLifetimeSeconds: number;
  /** Seconds a market must stay clear of its bid before an on-demand fallback goes back to spot. */
  holdDownSeconds: number;
  /** Seconds of history each market's bid and rank are taken from. */
  lookbackSeconds: number;
}

export const FLEET_DEFAULTS = {
  onDemandBase: 0,
  fallback: 'on-demand' as Fallback,
  cooldownSeconds: 30 * 60,
  maxSurge: 1,
  minLifetimeSeconds: 15 * 60,
  holdDownSeconds: 30 * 60,
  lookbackSeconds: 7 * 86_400,
};

/** A spec with every default filled in: max-share 0.5 when several markets are allowed, else 1. */
export function fleetSpec(input: Partial<FleetSpec> & Pick<FleetSpec, 'name' | 'count' | 'plans' | 'metros' | 'price'>): FleetSpec {
  const markets = input.plans.length * input.metros.length;
  const spec: FleetSpec = { ...FLEET_DEFAULTS, maxShare: markets > 1 ? 0.5 : 1, ...input };
  const problem = specProblem(spec);
  if (problem) throw new RangeError(problem);
  return spec;
}

/** What is wrong with a spec, in words naming the field; undefined when nothing is. */
export function specProblem(s: FleetSpec): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(s.name)) return `the fleet name must be 1 to 63 letters, digits, '.', '_' or '-', got '${s.name}'`;
  if (!(Number.isInteger(s.count) && s.count >= 1 && s.count <= 1000)) return `the count must be a whole number from 1 to 1000, got ${s.count}`;
  if (s.plans.length === 0) return 'at least one plan is needed';
  if (s.metros.length === 0) return 'at least one metro is needed';
  if (!(Number.isInteger(s.onDemandBase) && s.onDemandBase >= 0 && s.onDemandBase <= s.count)) {
    return `the on-demand base must be a whole number from 0 to the count (${s.count}), got ${s.onDemandBase}`;
  }
  if (!(s.maxShare > 0 && s.maxShare <= 1)) return `the max share must be above 0 and at most 1, got ${s.maxShare}`;
  if (!(Number.isInteger(s.maxSurge) && s.maxSurge >= 1 && s.maxSurge <= s.count)) return `the max surge must be a whole number from 1 to the count, got ${s.maxSurge}`;
  if (s.maxSpend !== undefined && !(Number.isFinite(s.maxSpend) && s.maxSpend > 0)) return `the max spend must be a positive USD per hour, got ${s.maxSpend}`;
  if (s.rebalanceMargin !== undefined && !(s.rebalanceMargin > 0 && s.rebalanceMargin < 1)) return `the rebalance margin must be above 0 and below 1, got ${s.rebalanceMargin}`;
  for (const [field, v] of [['cooldown', s.cooldownSeconds], ['min lifetime', s.minLifetimeSeconds], ['hold-down', s.holdDownSeconds]] as const) {
    if (!(Number.isFinite(v) && v >= 0)) return `the ${field} must be a duration, got ${v}`;
  }
  if (!(s.lookbackSeconds >= 300)) return `the look-back must be at least 5 minutes, got ${s.lookbackSeconds} s`;
  return undefined;
}

/** The largest number of the fleet's spots one market may hold. */
export function shareCap(spec: FleetSpec): number {
  return Math.max(1, Math.floor(spec.maxShare * spec.count + 1e-9));
}

export const marketKey = (metro: string, plan: string): string => `${metro}/${plan}`;
