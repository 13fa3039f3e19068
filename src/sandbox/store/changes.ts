// Every write that makes or changes a spot, an execution or a bid. This is
// the one place where their lifecycles are kept: each change of state goes
// through transition() on the tables of lifecycle.ts, which throws on a move
// they leave out. Whatever should see every change (a log of events written
// in the same transaction, say) belongs here, beside the write it records.
import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../../api/values.js';
import type { Bid, BidState, Execution, Operation, Spot } from '../../api/types.js';
import {
  BID_TRANSITIONS,
  EXECUTION_TRANSITIONS,
  SPOT_TRANSITIONS,
  spotPhase,
  spotState,
  transition,
  type BidEvent,
  type ExecutionEvent,
  type SpotEvent,
} from '../lifecycle.js';
import type { Db } from './db.js';
import { spotColumns, toSpot, type SpotRow } from './rows.js';

export interface NewExecution {
  account: string;
  operation: Operation;
  resourceId: string;
  willFail: boolean;
  nowMs: number;
  startMs: number;
  dueMs: number;
}

/** What an update may change: what a spot is called, tagged and whether it is locked. */
export type SpotChanges = Partial<Pick<Spot, 'hostname' | 'tags' | 'description' | 'locked'>>;

export class Changes {
  constructor(private readonly db: Db) {}

  // ---- spots

  insertSpot(spot: Spot, account: string): void {
    this.db
      .prepare(
        `INSERT INTO spots (id, account_id, hostname, ip, state, metro, plan, price, spot_instance, spot_price_max,
          termination_time, bid_id, tags, description, locked, created_at, updated_at)
         VALUES (@id, @account_id, @hostname, @ip, @state, @metro, @plan, @price, @spot_instance, @spot_price_max,
          @termination_time, @bid_id, @tags, @description, @locked, @created_at, @updated_at)`,
      )
      .run({ ...spotColumns(spot), account_id: account });
  }

  /** A spot made to fill a bid, which must be one the market may still fill. */
  insertBidSpot(spot: Spot & { bid_id: string }, account: string): void {
    this.moveBid(spot.bid_id, 'fill');
    this.insertSpot(spot, account);
  }

  /** Changes what a spot is called or tagged, or its lock; its state moves only through moveSpot. */
  updateSpot(id: string, changes: SpotChanges, nowMs: number): Spot {
    const current = this.currentSpot(id);
    const next: Spot = { ...current, ...changes, updated_at: isoSeconds(nowMs) };
    this.writeSpot(next);
    return next;
  }

  /**
   * Moves a spot along its lifecycle. A warning sets the termination time; a
   * removal that removes the spot clears it (the market did not end it);
   * every other move keeps it.
   */
  moveSpot(id: string, event: SpotEvent, nowMs: number, terminationTime?: string): Spot {
    const current = this.currentSpot(id);
    const from = spotPhase(current);
    const to = transition(SPOT_TRANSITIONS, `spot ${id}`, from, event);
    let termination = current.termination_time;
    if (event === 'warn') termination = terminationTime ?? null;
    else if (event === 'removal_done' && from !== 'removed') termination = null;
    const next: Spot = { ...current, state: spotState(to), termination_time: termination, updated_at: isoSeconds(nowMs) };
    if (to !== from || termination !== current.termination_time) this.writeSpot(next);
    return next;
  }

  /** Makes a spot instance on-demand: it pays `price` from now on and no market revokes it. */
  convertSpot(id: string, price: number, nowMs: number): Spot {
    this.moveSpot(id, 'convert', nowMs);
    const next: Spot = { ...this.currentSpot(id), spot_instance: false, spot_price_max: null, price, updated_at: isoSeconds(nowMs) };
    this.writeSpot(next);
    return next;
  }

  /** Warns the spot instances of a market whose bid the price now exceeds. */
  warnOutbid(metro: string, plan: string, price: number, terminationTime: string, nowMs: number): void {
    const ids = this.db
      .prepare("SELECT id FROM spots WHERE metro = ? AND plan = ? AND state = 'active' AND spot_instance = 1 AND spot_price_max < ?")
      .pluck()
      .all(metro, plan, price) as string[];
    for (const id of ids) this.moveSpot(id, 'warn', nowMs, terminationTime);
  }

  /** Revokes the spots whose termination time has come. */
  revokeDue(nowMs: number): void {
    const ids = this.db
      .prepare("SELECT id FROM spots WHERE state = 'terminating' AND termination_time IS NOT NULL AND termination_time <= ?")
      .pluck()
      .all(isoSeconds(nowMs)) as string[];
    for (const id of ids) this.moveSpot(id, 'revoke', nowMs);
  }

  /** Removes, at once, the spots a bid still has in the pool. */
  forceTerminateBidSpots(bidId: string, nowMs: number): void {
    const ids = this.db.prepare("SELECT id FROM spots WHERE bid_id = ? AND state != 'removed' ORDER BY seq").pluck().all(bidId) as string[];
    for (const id of ids) this.moveSpot(id, 'force_terminate', nowMs);
  }

  private currentSpot(id: string): Spot {
    return toSpot(this.db.prepare('SELECT * FROM spots WHERE id = ?').get(id) as SpotRow);
  }

  private writeSpot(next: Spot): void {
    this.db
      .prepare(
        `UPDATE spots SET hostname = @hostname, state = @state, price = @price, spot_instance = @spot_instance,
          spot_price_max = @spot_price_max, termination_time = @termination_time, tags = @tags,
          description = @description, locked = @locked, updated_at = @updated_at WHERE id = @id`,
      )
      .run(spotColumns(next));
  }

  // ---- executions

  insertExecution(e: NewExecution): Execution {
    const id = randomUUID();
    const at = isoSeconds(e.nowMs);
    this.db
      .prepare(
        `INSERT INTO executions (id, account_id, operation, status, resource_id, will_fail, start_ms, due_ms, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, e.account, e.operation, e.resourceId, e.willFail ? 1 : 0, e.startMs, e.dueMs, at, at);
    return { id, operation: e.operation, status: 'pending', created_at: at, updated_at: at, resource_id: e.resourceId, result: null, error: null };
  }

  /** Moves an execution along its lifecycle; a final one keeps its outcome. */
  moveExecution(id: string, event: ExecutionEvent, nowMs: number, outcome: { error?: string; result?: Spot } = {}): void {
    const { status } = this.db.prepare('SELECT status FROM executions WHERE id = ?').get(id) as { status: Execution['status'] };
    const to = transition(EXECUTION_TRANSITIONS, `execution ${id}`, status, event);
    this.db
      .prepare('UPDATE executions SET status = ?, error = ?, result = ?, updated_at = ? WHERE id = ?')
      .run(to, outcome.error ?? null, outcome.result ? JSON.stringify(outcome.result) : null, isoSeconds(nowMs), id);
  }

  // ---- bids

  insertBid(account: string, bid: Omit<Bid, 'spots'>): void {
    this.db
      .prepare(
        `INSERT INTO bids (id, account_id, devices_min, devices_max, max_bid_price, metro, instance_parameters, end_at, end_ms, state, created_at)
         VALUES (@id, @account_id, @devices_min, @devices_max, @max_bid_price, @metro, @instance_parameters, @end_at, @end_ms, @state, @created_at)`,
      )
      .run({
        ...bid,
        account_id: account,
        instance_parameters: JSON.stringify(bid.instance_parameters),
        end_ms: bid.end_at ? Date.parse(bid.end_at) : null,
      });
  }

  /** Moves a bid along its lifecycle. */
  moveBid(id: string, event: BidEvent): BidState {
    const { state } = this.db.prepare('SELECT state FROM bids WHERE id = ?').get(id) as { state: BidState };
    const to = transition(BID_TRANSITIONS, `bid ${id}`, state, event);
    if (to !== state) this.db.prepare('UPDATE bids SET state = ? WHERE id = ?').run(to, id);
    return to;
  }
}
