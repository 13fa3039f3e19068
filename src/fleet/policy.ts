// One reconcile: from the fleet's live spots and its markets as they are
// now, the purchases, conversions and removals that bring it towards its
// target within its limits. Pure, so that the replay and the live loop
// decide alike and a property test can drive it with any market path.
import { marketKey, shareCap, type FleetSpec } from './spec.js';

export interface MarketView {
  metro: string;
  plan: string;
  onDemand: number;
  /** The spot price now. */
  price: number;
  /** The bid a spot bought here now would carry; null when the market's history gives none. */
  bid: number | null;
  /** Lower is better: the expected cost of an hour actually run, revocations priced in. */
  score: number;
  /** The last time (Unix seconds) the price was above the bid; -Infinity when not within the look-back. */
  lastAbove: number;
  /** True when the price is at the out-of-capacity level: nothing can be bought here. */
  outOfCapacity: boolean;
}

export type MemberState = 'provisioning' | 'active' | 'terminating';

export interface Member {
  id: string;
  slot: number;
  /** Each purchase for a slot takes the next generation; the newest is the slot's incumbent. */
  gen: number;
  metro: string;
  plan: string;
  onDemand: boolean;
  /** The spot's max bid (what it may cost per hour while a spot). */
  bid: number;
  state: MemberState;
  /** Under a termination notice. */
  noticed: boolean;
  /** Unix seconds it was bought. */
  since: number;
}

export type BuyReason = 'fill' | 'notice' | 'rebalance' | 'return' | 'cheaper' | 'base';

export type Action =
  | { kind: 'buy'; slot: number; gen: number; metro: string; plan: string; bid: number; onDemand: boolean; reason: BuyReason; replaces?: string }
  | { kind: 'convert'; id: string; slot: number }
  | { kind: 'remove'; id: string; slot: number; reason: 'replaced' | 'excess' };

/** A slot that needs a spot and did not get one this time, and why. */
export interface Waiting {
  slot: number;
  reason: BuyReason;
  why: 'max-spend' | 'max-surge' | 'no-market';
}

export interface Decision {
  actions: Action[];
  waiting: Waiting[];
}

export interface ReconcileInput {
  spec: FleetSpec;
  markets: readonly MarketView[];
  members: readonly Member[];
  /** The highest generation ever bought per slot, removed spots included, so no purchase reuses one. */
  generations: ReadonlyMap<number, number>;
  now: number;
}

/** The cost bound a member holds against the max spend: its bid while a spot, on-demand once converted. */
export function costBound(m: Pick<Member, 'onDemand' | 'bid'>, onDemand: number): number {
  return m.onDemand ? onDemand : m.bid;
}

/** A spot bought to be made on-demand bids this multiple of on-demand, so no surge revokes it before it is converted. */
export const ON_DEMAND_BID_FACTOR = 2.5;

interface Need {
  slot: number;
  reason: BuyReason;
  incumbent: Member | undefined;
  voluntary: boolean;
  onDemand: boolean;
  /** Only markets priced below this will do (a move to a cheaper market). */
  below?: number;
}

const PRIORITY: Record<BuyReason, number> = { base: 0, fill: 0, notice: 1, rebalance: 2, return: 3, cheaper: 4 };

/**
 * A spot moves to a market whose price is at least this much below its own
 * (a voluntary replacement, held down and surge-limited like the others):
 * enough that a price wobble never moves it, and the move pays for its
 * minutes of overlap many times over.
 */
export const CHEAPER_MARGIN = 0.3;

export function reconcile(input: ReconcileInput): Decision {
  const { spec, markets, now } = input;
  const byKey = new Map(markets.map((m) => [marketKey(m.metro, m.plan), m]));
  const onDemandOf = (m: Pick<Member, 'metro' | 'plan' | 'bid'>) => byKey.get(marketKey(m.metro, m.plan))?.onDemand ?? m.bid;
  const actions: Action[] = [];
  const waiting: Waiting[] = [];

  const slots = new Map<number, Member[]>();
  for (const m of input.members) {
    if (m.slot >= spec.count || m.slot < 0 || !Number.isInteger(m.slot)) {
      actions.push({ kind: 'remove', id: m.id, slot: m.slot, reason: 'excess' });
      continue;
    }
    const list = slots.get(m.slot) ?? [];
    list.push(m);
    slots.set(m.slot, list);
  }
  const removed = new Set(actions.map((a) => (a.kind === 'remove' ? a.id : '')));

  const needs: Need[] = [];
  let replacing = 0;
  for (let slot = 0; slot < spec.count; slot++) {
    const list = (slots.get(slot) ?? []).sort((a, b) => a.gen - b.gen);
    const incumbent = list.at(-1);
    const base = slot < spec.onDemandBase;
    // Older members leave once the newest is active: make before break.
    const older = list.slice(0, -1);
    if (incumbent && incumbent.state === 'active' && !incumbent.noticed) {
      for (const old of older) {
        if (!old.noticed) {
          actions.push({ kind: 'remove', id: old.id, slot, reason: 'replaced' });
          removed.add(old.id);
        }
      }
    } else if (older.some((o) => !o.noticed)) {
      replacing++;
    }
    if (!incumbent) {
      needs.push({ slot, reason: base ? 'base' : 'fill', incumbent, voluntary: false, onDemand: base });
      continue;
    }
    if (incumbent.noticed) {
      needs.push({ slot, reason: 'notice', incumbent, voluntary: false, onDemand: base });
      continue;
    }
    if (base && !incumbent.onDemand) {
      actions.push({ kind: 'convert', id: incumbent.id, slot });
      continue;
    }
    // A slot with a replacement in flight waits for it.
    if (older.length > 0 || incumbent.state !== 'active' || now - incumbent.since < spec.minLifetimeSeconds) continue;
    const market = byKey.get(marketKey(incumbent.metro, incumbent.plan));
    if (!base && incumbent.onDemand) {
      // A fallback is held down from its purchase too, which any controller reads from the spot itself.
      if (now - incumbent.since < spec.holdDownSeconds) continue;
      needs.push({ slot, reason: 'return', incumbent, voluntary: true, onDemand: false });
    } else if (!incumbent.onDemand && spec.rebalanceMargin !== undefined && market && market.price >= incumbent.bid * (1 - spec.rebalanceMargin)) {
      needs.push({ slot, reason: 'rebalance', incumbent, voluntary: true, onDemand: false });
    } else if (!base && !incumbent.onDemand && market && now - incumbent.since >= spec.holdDownSeconds) {
      needs.push({ slot, reason: 'cheaper', incumbent, voluntary: true, onDemand: false, below: Math.min(market.price, incumbent.bid) * (1 - CHEAPER_MARGIN) });
    }
  }
  needs.sort((a, b) => PRIORITY[a.reason] - PRIORITY[b.reason] || a.slot - b.slot);

  // What the fleet holds: every live member counts until it is gone.
  const live = input.members.filter((m) => !removed.has(m.id));
  let count = live.length;
  let spend = live.reduce((sum, m) => sum + costBound(m, onDemandOf(m)), 0);
  // Members that stay: those a market's share is counted on.
  const staying = new Map<string, number>();
  for (const m of live) {
    if (m.noticed) continue;
    const k = marketKey(m.metro, m.plan);
    staying.set(k, (staying.get(k) ?? 0) + 1);
  }
  // Incumbents a voluntary replacement will take out: their market's share counts them no more once it is bought.
  const leaving = new Set(needs.filter((n) => n.incumbent && !n.incumbent.noticed).map((n) => n.incumbent!.id));
  const cap = shareCap(spec);
  const limit = spec.count + spec.maxSurge;

  for (const need of needs) {
    if (count >= limit || (need.voluntary && replacing >= spec.maxSurge)) {
      if (!need.voluntary) waiting.push({ slot: need.slot, reason: need.reason, why: 'max-surge' });
      continue;
    }
    const held = (k: string) => (staying.get(k) ?? 0) - (need.incumbent && marketKey(need.incumbent.metro, need.incumbent.plan) === k && leaving.has(need.incumbent.id) ? 1 : 0);
    const room = (m: MarketView) => held(marketKey(m.metro, m.plan)) < cap;
    const affordable = (cost: number) => spec.maxSpend === undefined || spend + cost <= spec.maxSpend + 1e-9;
    let choice: { market: MarketView; bid: number; onDemand: boolean } | undefined;
    let blockedBySpend = false;

    if (!need.onDemand) {
      for (const m of rankedSpot(markets, spec, now, need)) {
        if (!room(m) || (need.below !== undefined && m.price >= need.below)) continue;
        if (!affordable(m.bid!)) {
          blockedBySpend = true;
          continue;
        }
        choice = { market: m, bid: m.bid!, onDemand: false };
        break;
      }
    }
    const wantsOnDemand = need.onDemand || (!choice && spec.fallback === 'on-demand' && (need.reason === 'fill' || need.reason === 'notice'));
    if (!choice && wantsOnDemand) {
      for (const m of rankedOnDemand(markets)) {
        if (!room(m)) continue;
        if (!affordable(Math.max(m.onDemand, m.price))) {
          blockedBySpend = true;
          continue;
        }
        choice = { market: m, bid: onDemandBid(m), onDemand: true };
        break;
      }
    }
    if (!choice) {
      if (!need.voluntary) waiting.push({ slot: need.slot, reason: need.reason, why: blockedBySpend ? 'max-spend' : 'no-market' });
      continue;
    }
    const { market, bid, onDemand } = choice;
    const gen = Math.max(input.generations.get(need.slot) ?? 0, ...(slots.get(need.slot) ?? []).map((m) => m.gen)) + 1;
    actions.push({
      kind: 'buy',
      slot: need.slot,
      gen,
      metro: market.metro,
      plan: market.plan,
      bid,
      onDemand,
      reason: need.reason,
      ...(need.incumbent ? { replaces: need.incumbent.id } : {}),
    });
    count++;
    spend += onDemand ? Math.max(market.onDemand, market.price) : bid;
    const k = marketKey(market.metro, market.plan);
    staying.set(k, (staying.get(k) ?? 0) + 1);
    if (need.incumbent) {
      const ik = marketKey(need.incumbent.metro, need.incumbent.plan);
      if (!need.incumbent.noticed && leaving.delete(need.incumbent.id)) staying.set(ik, (staying.get(ik) ?? 1) - 1);
      replacing++;
    }
  }
  return { actions, waiting };
}

/** A spot market a purchase may go to now, best first: it fits the price, is not cooling down, and is not the one being left. */
function rankedSpot(markets: readonly MarketView[], spec: FleetSpec, now: number, need: Need): MarketView[] {
  const margin = spec.rebalanceMargin ?? 0;
  return markets
    .filter((m) => {
      if (m.bid === null || m.outOfCapacity || m.price > m.bid * (1 - margin)) return false;
      if (now < m.lastAbove + spec.cooldownSeconds) return false;
      if ((need.reason === 'return' || need.reason === 'cheaper') && now < m.lastAbove + spec.holdDownSeconds) return false;
      if ((need.reason === 'rebalance' || need.reason === 'notice' || need.reason === 'cheaper') && need.incumbent && need.incumbent.metro === m.metro && need.incumbent.plan === m.plan) return false;
      return true;
    })
    .sort((a, b) => a.score - b.score || a.metro.localeCompare(b.metro) || a.plan.localeCompare(b.plan));
}

/** Markets an on-demand spot may be bought in, cheapest on-demand price first. */
function rankedOnDemand(markets: readonly MarketView[]): MarketView[] {
  return markets.filter((m) => !m.outOfCapacity && m.price < onDemandBid(m)).sort((a, b) => a.onDemand - b.onDemand || a.price - b.price || a.metro.localeCompare(b.metro));
}

function onDemandBid(m: MarketView): number {
  return Math.round(m.onDemand * ON_DEMAND_BID_FACTOR * 10_000) / 10_000;
}

/** Is the target met: every slot held by a live member that is not under notice? */
export function targetMet(spec: FleetSpec, members: readonly Member[]): boolean {
  const held = new Set(members.filter((m) => !m.noticed && m.state === 'active' && m.slot >= 0 && m.slot < spec.count).map((m) => m.slot));
  return held.size === spec.count;
}
