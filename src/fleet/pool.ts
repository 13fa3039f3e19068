// The simulated pool a replay acts on: spots bought, made active after a
// provisioning time, noticed when their market passes their bid, revoked a
// notice later; the same rules as the API's, kept in memory.
import type { Action, Member } from './policy.js';

export const NOTICE_SECONDS = 120;

export interface SimMember extends Member {
  activeAt: number;
  terminationTime: number | null;
}

export class SimPool {
  readonly members = new Map<string, SimMember>();
  readonly generations = new Map<number, number>();
  private seq = 0;

  constructor(private readonly provisionSeconds: number) {}

  /** Moves the pool to time `t`: the activations and revocations that are due. */
  advance(t: number): void {
    for (const m of this.members.values()) {
      if (m.state === 'provisioning' && m.activeAt <= t) m.state = 'active';
      if (m.terminationTime !== null && m.terminationTime <= t) this.members.delete(m.id);
    }
  }

  /** The earliest activation or revocation after `t`, or Infinity. */
  nextDue(t: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const m of this.members.values()) {
      if (m.state === 'provisioning' && m.activeAt > t) next = Math.min(next, m.activeAt);
      if (m.terminationTime !== null && m.terminationTime > t) next = Math.min(next, m.terminationTime);
    }
    return next;
  }

  /** Notices for the spots whose market price is above their bid; returns those noticed. */
  notice(priceOf: (metro: string, plan: string) => number, t: number): SimMember[] {
    const noticed: SimMember[] = [];
    for (const m of this.members.values()) {
      if (m.onDemand || m.noticed) continue;
      if (priceOf(m.metro, m.plan) > m.bid) {
        m.noticed = true;
        m.state = 'terminating';
        m.terminationTime = t + NOTICE_SECONDS;
        noticed.push(m);
      }
    }
    return noticed;
  }

  apply(action: Action, t: number): void {
    switch (action.kind) {
      case 'buy': {
        const id = `sim-${++this.seq}`;
        const m: SimMember = {
          id,
          slot: action.slot,
          gen: action.gen,
          metro: action.metro,
          plan: action.plan,
          onDemand: action.onDemand,
          bid: action.bid,
          state: 'provisioning',
          noticed: false,
          since: t,
          activeAt: t + this.provisionSeconds,
          terminationTime: null,
        };
        if (this.provisionSeconds <= 0) m.state = 'active';
        this.members.set(id, m);
        this.generations.set(action.slot, Math.max(this.generations.get(action.slot) ?? 0, action.gen));
        return;
      }
      case 'convert': {
        const m = this.members.get(action.id);
        if (m && !m.noticed) m.onDemand = true;
        return;
      }
      case 'remove': {
        this.members.delete(action.id);
        return;
      }
    }
  }

  list(): Member[] {
    return [...this.members.values()];
  }
}
