// The fleet as the API holds it, and the policy's actions done through the
// API. Nothing is kept locally: every spot carries the fleet's tag and its
// slot from the moment it is bought, so any controller, restarted anywhere,
// reads the same fleet; and each purchase's Idempotency-Key names the fleet,
// the slot and the generation, so a retry, a restart or a second controller
// never buys twice.
import { TERMINATION_NOTICE_SECONDS, type Spot } from '../api/types.js';
import type { CallOptions, FasClient } from '../client/client.js';
import { FasError } from '../errors.js';
import type { Action, Member } from './policy.js';

export const fleetTag = (name: string): string => `fas-fleet:${name}`;
const SLOT_PREFIX = 'fas-fleet-slot:';
/** Bought to be made on-demand: converted as soon as it is seen. */
export const ON_DEMAND_TAG = 'fas-fleet-kind:on-demand';

export const slotTag = (slot: number, gen: number): string => `${SLOT_PREFIX}${slot}.${gen}`;

/** The slot and generation a spot's tags give; a spot of the fleet without one is no slot's (-1) and is let go. */
export function slotOf(spot: Pick<Spot, 'tags'>): { slot: number; gen: number } {
  for (const tag of spot.tags ?? []) {
    const m = /^fas-fleet-slot:(\d{1,4})\.(\d{1,9})$/.exec(tag);
    if (m) return { slot: Number(m[1]), gen: Number(m[2]) };
  }
  return { slot: -1, gen: 0 };
}

export function memberOf(spot: Spot): Member {
  const { slot, gen } = slotOf(spot);
  return {
    id: spot.id,
    slot,
    gen,
    metro: spot.metro,
    plan: spot.plan,
    onDemand: spot.spot_instance === false,
    bid: spot.spot_price_max ?? spot.price,
    state: spot.state === 'provisioning' ? 'provisioning' : spot.state === 'active' ? 'active' : 'terminating',
    noticed: spot.termination_time !== null,
    since: Date.parse(spot.created_at) / 1000,
  };
}

export interface FleetSpots {
  /** The fleet's spots that are not removed. */
  live: Spot[];
  /** The highest generation each slot has had, removed spots included. */
  generations: Map<number, number>;
  /** Per market (`metro/plan`), the latest termination time of the fleet's spots there: when it last passed a bid. */
  revoked: Map<string, number>;
}

/**
 * The fleet's spots, by its tag: never a spot without it. `removed: false`
 * skips the removed ones (a list that only grows), for a caller that keeps
 * what they told from an earlier read.
 */
export async function fleetSpots(client: FasClient, name: string, options: CallOptions & { removed?: boolean } = {}): Promise<FleetSpots> {
  const tag = [fleetTag(name)];
  const [live, removed] = await Promise.all([
    client.spots.listAll({ tag }, { signal: options.signal }),
    options.removed === false ? Promise.resolve([]) : client.spots.listAll({ tag, state: 'removed' }, { signal: options.signal }),
  ]);
  const generations = new Map<number, number>();
  const revoked = new Map<string, number>();
  for (const spot of [...live, ...removed]) {
    const { slot, gen } = slotOf(spot);
    if (slot >= 0) generations.set(slot, Math.max(generations.get(slot) ?? 0, gen));
    if (spot.termination_time !== null) {
      const key = `${spot.metro}/${spot.plan}`;
      revoked.set(key, Math.max(revoked.get(key) ?? Number.NEGATIVE_INFINITY, Date.parse(spot.termination_time) / 1000 - TERMINATION_NOTICE_SECONDS));
    }
  }
  // A spot listed between the two requests as live and then removed is gone.
  const gone = new Set(removed.map((s) => s.id));
  return { live: live.filter((s) => !gone.has(s.id) && s.tags?.includes(tag[0]!)), generations, revoked };
}

/** What came of one action. */
export interface Done {
  action: Action;
  /** The spot bought, removed or converted; for a purchase, known once the server has it. */
  spotId?: string | undefined;
  /** The purchase had been made already (the same key, by an earlier run or another controller). */
  replayed?: boolean;
  error?: FasError | Error;
}

export function buyKey(name: string, slot: number, gen: number): string {
  return `fas-fleet:${name}:slot:${slot}:gen:${gen}`;
}

/** Does the action through the API; a refusal is returned, not thrown, so that one failure does not stop the rest. */
export async function act(client: FasClient, name: string, action: Action, options: CallOptions = {}): Promise<Done> {
  try {
    switch (action.kind) {
      case 'buy': {
        const tags = [fleetTag(name), slotTag(action.slot, action.gen), ...(action.onDemand ? [ON_DEMAND_TAG] : [])];
        const execution = await client.spots.add(
          { metro: action.metro, plan: action.plan, max_bid_price: action.bid, tags },
          { ...options, idempotencyKey: buyKey(name, action.slot, action.gen) },
        );
        return { action, spotId: execution.resource_id ?? undefined };
      }
      case 'remove':
        await client.spots.remove(action.id, { ...options, idempotencyKey: `fas-fleet:${name}:remove:${action.id}` });
        return { action, spotId: action.id };
      case 'convert':
        await client.spots.convertToOnDemand(action.id, options);
        return { action, spotId: action.id };
    }
  } catch (err) {
    // The same key with another body: this slot's generation was bought already, by an earlier run or another controller.
    if (action.kind === 'buy' && err instanceof FasError && err.status === 422 && /Idempotency-Key/i.test(err.message)) return { action, replayed: true };
    return { action, error: err as Error };
  }
}
