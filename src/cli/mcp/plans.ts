// The plans `prepare` makes and `apply` carries out: each with its id (the
// idempotency key of every request it sends), what it will do, the quote it
// was made at, and how long it holds; and the session's tally of hourly
// spend that --max-spend caps.
import { randomUUID } from 'node:crypto';

export type Action =
  | { kind: 'add_spots'; metro: string; plan: string; count: number; max_bid_price: number }
  | { kind: 'create_bid'; metro: string; plan: string; devices_min: number; devices_max: number; max_bid_price: number; end_at?: string | undefined }
  | { kind: 'remove_spots'; spot_ids: string[] }
  | { kind: 'delete_bid'; bid_id: string; spot_count: number }
  | { kind: 'convert'; spot_id: string; plan: string };

export interface Plan {
  id: string;
  action: Action;
  summary: string;
  /** The price quoted: the market's now for a purchase, on-demand for a conversion; null for removals. */
  priceNow: number | null;
  /** USD per hour at most once applied. */
  worstHourly: number;
  /** The spots a removal removes, by id. */
  spotIds?: string[] | undefined;
  /** What the person types to confirm: the hourly amount, or the number of spots removed. */
  confirm: string;
  expiresAt: number;
  /** Counted in the session's spend: from its first confirmed apply on, whatever came of it. */
  charged?: boolean | undefined;
  /** Once confirmed: what applying it gave (or is giving), so that a retry gets the same. */
  outcome?: Promise<Record<string, unknown>> | undefined;
}

/** How long a plan holds: the market moves every few minutes. */
export const PLAN_TTL_MS = 5 * 60_000;

export class PlanStore {
  private readonly plans = new Map<string, Plan>();
  /** USD per hour at most of what this session has applied. */
  spent = 0;

  constructor(private readonly now: () => number) {}

  add(plan: Omit<Plan, 'id' | 'expiresAt'>): Plan {
    const made: Plan = { ...plan, id: randomUUID(), expiresAt: this.now() + PLAN_TTL_MS };
    this.plans.set(made.id, made);
    return made;
  }

  get(id: string): Plan | undefined {
    return this.plans.get(id);
  }

  expired(plan: Plan): boolean {
    return this.now() >= plan.expiresAt;
  }
}
