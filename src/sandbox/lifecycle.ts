// The lifecycles of spots, bids and executions, written down as tables.
// Every change of state in the sandbox goes through transition(), which
// refuses whatever a table leaves out: no order of requests, market moves,
// clock jumps or restarts can make a move that is not written here.
import type { BidState, ExecutionStatus, SpotState } from '../api/types.js';

/**
 * Where a spot is in its life. The API shows `removing` and `warned` alike
 * as `terminating`; a warned spot is one with a termination_time, the
 * market's two-minute notice, which nothing withdraws. Both are read from
 * the stored row alone (see spotPhase), so a restart changes nothing.
 */
export type SpotPhase = 'provisioning' | 'active' | 'removing' | 'warned' | 'removed';

export type SpotEvent =
  | 'provisioned' // its add completed
  | 'add_failed'
  | 'add_cancelled'
  | 'remove' // a removal started
  | 'removal_done'
  | 'removal_failed'
  | 'removal_cancelled'
  | 'warn' // the market price passed its bid
  | 'revoke' // its notice ran out
  | 'force_terminate' // its bid was cancelled with force_termination
  | 'convert'; // made on-demand: its phase stays, its bid goes

/**
 * A removal that ends without removing the spot gives back the phase the
 * removal found (active, or warned with its notice still running); a spot
 * that went meanwhile (revoked, or its bid force-terminated) stays gone.
 * The market warns a spot being removed as it warns an active one: the
 * removal goes on, and the spot goes at whichever ends first, its removal
 * or its notice; a removal that then fails or is cancelled leaves it warned.
 * `removed` is final.
 */
export const SPOT_TRANSITIONS: Readonly<Record<SpotPhase, Partial<Record<SpotEvent, SpotPhase>>>> = {
  provisioning: { provisioned: 'active', add_failed: 'removed', add_cancelled: 'removed', convert: 'provisioning' },
  active: { remove: 'removing', warn: 'warned', force_terminate: 'removed', convert: 'active' },
  removing: { removal_done: 'removed', removal_failed: 'active', removal_cancelled: 'active', warn: 'warned', force_terminate: 'removed', convert: 'removing' },
  warned: { remove: 'warned', removal_done: 'removed', removal_failed: 'warned', removal_cancelled: 'warned', revoke: 'removed', force_terminate: 'removed' },
  removed: { removal_done: 'removed', removal_failed: 'removed', removal_cancelled: 'removed' },
};

export type BidEvent =
  | 'fill' // a spot is made for it
  | 'hold_none' // settled: how many of its spots are in the pool
  | 'hold_some'
  | 'hold_all'
  | 'cancel'
  | 'expire';

const OPEN_BID = { fill: 'open', hold_none: 'open', hold_some: 'partially_fulfilled', hold_all: 'fulfilled', cancel: 'cancelled', expire: 'expired' } as const;

/** A bid fills (again, after revocations) while it is open, and never once it ended. */
export const BID_TRANSITIONS: Readonly<Record<BidState, Partial<Record<BidEvent, BidState>>>> = {
  open: OPEN_BID,
  partially_fulfilled: { ...OPEN_BID, fill: 'partially_fulfilled' },
  fulfilled: { ...OPEN_BID, fill: 'fulfilled' },
  cancelled: {},
  expired: {},
};

export type ExecutionEvent = 'start' | 'complete' | 'fail' | 'cancel';

/** An execution ends once; an ended one never changes. */
export const EXECUTION_TRANSITIONS: Readonly<Record<ExecutionStatus, Partial<Record<ExecutionEvent, ExecutionStatus>>>> = {
  pending: { start: 'started', complete: 'completed', fail: 'failed', cancel: 'cancelled' },
  started: { complete: 'completed', fail: 'failed', cancel: 'cancelled' },
  completed: {},
  failed: {},
  cancelled: {},
};

/** A move no table allows: a fault in the sandbox, never in the request. */
export class LifecycleError extends Error {
  constructor(what: string, from: string, event: string) {
    super(`${what} cannot go from ${from} on ${event}`);
    this.name = 'LifecycleError';
  }
}

type Table<S extends string, E extends string> = Readonly<Record<S, Partial<Record<E, S>>>>;

export function allowed<S extends string, E extends string>(table: Table<S, E>, from: S, event: E): boolean {
  return table[from]?.[event] !== undefined;
}

export function transition<S extends string, E extends string>(table: Table<S, E>, what: string, from: S, event: E): S {
  const next = table[from]?.[event];
  if (next === undefined) throw new LifecycleError(what, from, event);
  return next;
}

export function spotPhase(spot: { state: SpotState; termination_time: string | null }): SpotPhase {
  if (spot.state !== 'terminating') return spot.state;
  return spot.termination_time ? 'warned' : 'removing';
}

export function spotState(phase: SpotPhase): SpotState {
  return phase === 'removing' || phase === 'warned' ? 'terminating' : phase;
}
