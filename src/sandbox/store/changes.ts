// Every write that makes or changes a spot, an execution or a bid. This is
// the one place where their lifecycles are kept: each change of state goes
// through transition() on the tables of lifecycle.ts, which throws on a move
// they leave out. Each change that moves a state also appends its event to
// the feed (events.ts) here, beside the write, in the same transaction.
import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../../api/values.js';
import type { Bid, BidState, Execution, ExecutionEventType, InstanceParameters, Operation, Spot, SpotEventData, SpotEventType, SpotRemovedReason } from '../../api/types.js';
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
import type { EventLog } from './events.js';
import type { Notifier } from './notifier.js';
import { bidSpotIds, spotColumns, toSpot, type BidRow, type SpotRow } from './rows.js';

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

/** The event each move of a spot writes, when the move changes it. */
const SPOT_EVENTS: Record<SpotEvent, { type: SpotEventType; reason?: SpotRemovedReason }> = {
  provisioned: { type: 'spot.active' },
  add_failed: { type: 'spot.removed', reason: 'add_failed' },
  add_cancelled: { type: 'spot.removed', reason: 'add_cancelled' },
  remove: { type: 'spot.removing' },
  removal_done: { type: 'spot.removed', reason: 'removed' },
  removal_failed: { type: 'spot.active' },
  removal_cancelled: { type: 'spot.active' },
  warn: { type: 'spot.termination_notice' },
  revoke: { type: 'spot.removed', reason: 'revoked' },
  force_terminate: { type: 'spot.removed', reason: 'bid_force_terminated' },
  convert: { type: 'spot.converted' },
};

const EXECUTION_EVENTS: Partial<Record<Execution['status'], ExecutionEventType>> = {
  completed: 'execution.completed',
  failed: 'execution.failed',
  cancelled: 'execution.cancelled',
};

export class Changes {
  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly notifier: Notifier,
  ) {}

  // ---- spots

  insertSpot(spot: Spot, account: string, nowMs: number): void {
    this.db
      .prepare(
        `INSERT INTO spots (id, account_id, hostname, ip, state, metro, plan, price, spot_instance, spot_price_max,
          termination_time, bid_id, tags, description, locked, created_at, updated_at)
         VALUES (@id, @account_id, @hostname, @ip, @state, @metro, @plan, @price, @spot_instance, @spot_price_max,
          @termination_time, @bid_id, @tags, @description, @locked, @created_at, @updated_at)`,
      )
      .run({ ...spotColumns(spot), account_id: account });
    this.spotEvent(account, spot.state === 'active' ? 'spot.active' : 'spot.provisioning', spot, nowMs);
  }

  /** A spot made to fill a bid, which must be one the market may still fill. */
  insertBidSpot(spot: Spot & { bid_id: string }, account: string, nowMs: number): void {
    this.moveBid(spot.bid_id, 'fill', nowMs);
    this.insertSpot(spot, account, nowMs);
  }

  /** Changes what a spot is called or tagged, or its lock; its state moves only through moveSpot. */
  updateSpot(id: string, changes: SpotChanges, nowMs: number): Spot {
    const next: Spot = { ...this.currentSpot(id).spot, ...changes, updated_at: isoSeconds(nowMs) };
    this.writeSpot(next);
    return next;
  }

  /**
   * Moves a spot along its lifecycle. A warning sets the termination time; a
   * removal that removes the spot clears it (the market did not end it);
   * every other move keeps it.
   */
  moveSpot(id: string, event: SpotEvent, nowMs: number, notice?: { terminationTime: string; price: number }): Spot {
    const { account, spot: current } = this.currentSpot(id);
    const from = spotPhase(current);
    const to = transition(SPOT_TRANSITIONS, `spot ${id}`, from, event);
    let termination = current.termination_time;
    if (event === 'warn') termination = notice?.terminationTime ?? null;
    else if (event === 'removal_done' && from !== 'removed') termination = null;
    const next: Spot = { ...current, state: spotState(to), termination_time: termination, updated_at: isoSeconds(nowMs) };
    if (to !== from || termination !== current.termination_time) {
      this.writeSpot(next);
      const { type, reason } = SPOT_EVENTS[event];
      this.spotEvent(account, type, next, nowMs, { ...(event === 'warn' && notice ? { price: notice.price } : {}), ...(reason ? { reason } : {}) });
    }
    return next;
  }

  /**
   * Makes a spot instance on-demand: it pays `price` from now on, no market
   * revokes it, and it leaves its bid, whose devices_max it no longer fills
   * and whose forced cancellation no longer reaches it.
   */
  convertSpot(id: string, price: number, nowMs: number): Spot {
    const { account, spot } = this.currentSpot(id);
    // Its phase stays what it is; the table says from which phases it may convert.
    transition(SPOT_TRANSITIONS, `spot ${id}`, spotPhase(spot), 'convert');
    const next: Spot = { ...spot, spot_instance: false, spot_price_max: null, price, bid_id: null, updated_at: isoSeconds(nowMs) };
    this.writeSpot(next);
    this.spotEvent(account, SPOT_EVENTS.convert.type, next, nowMs, { price });
    // The bid's spots changed: its event says what it holds now.
    if (spot.bid_id) this.bidEvent(spot.bid_id, nowMs);
    return next;
  }

  /** Warns the spot instances of a market whose bid the price now exceeds: active ones, and those being removed. */
  warnOutbid(metro: string, plan: string, price: number, terminationTime: string, nowMs: number): void {
    const ids = this.db
      .prepare(
        `SELECT id FROM spots WHERE metro = ? AND plan = ? AND spot_instance = 1 AND spot_price_max < ?
           AND (state = 'active' OR (state = 'terminating' AND termination_time IS NULL))`,
      )
      .pluck()
      .all(metro, plan, price) as string[];
    for (const id of ids) this.moveSpot(id, 'warn', nowMs, { terminationTime, price });
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
    for (const id of bidSpotIds(this.db, bidId)) this.moveSpot(id, 'force_terminate', nowMs);
  }

  private currentSpot(id: string): { account: string; spot: Spot } {
    const row = this.db.prepare('SELECT * FROM spots WHERE id = ?').get(id) as SpotRow;
    return { account: row.account_id, spot: toSpot(row) };
  }

  /** The spot as the change left it, in brief, with what the change adds (a notice's price, a removal's reason). */
  private spotEvent(account: string, type: SpotEventType, spot: Spot, nowMs: number, extra: Pick<SpotEventData, 'price' | 'reason'> = {}): void {
    const data: SpotEventData = {
      state: spot.state,
      ip: spot.ip,
      hostname: spot.hostname,
      metro: spot.metro,
      plan: spot.plan,
      bid_id: spot.bid_id,
      spot_instance: spot.spot_instance,
      spot_price_max: spot.spot_price_max,
      termination_time: spot.termination_time,
      ...extra,
    };
    this.events.append({ account, type, resourceType: 'spot', resourceId: spot.id, data, nowMs });
  }

  private writeSpot(next: Spot): void {
    this.db
      .prepare(
        `UPDATE spots SET hostname = @hostname, state = @state, price = @price, spot_instance = @spot_instance,
          spot_price_max = @spot_price_max, termination_time = @termination_time, bid_id = @bid_id, tags = @tags,
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
    this.notifier.executionChanged(id);
    return { id, operation: e.operation, status: 'pending', created_at: at, updated_at: at, resource_id: e.resourceId, result: null, error: null };
  }

  /** Moves an execution along its lifecycle; a final one keeps its outcome. */
  moveExecution(id: string, event: ExecutionEvent, nowMs: number, outcome: { error?: string; result?: Spot } = {}): void {
    const row = this.db.prepare('SELECT status, account_id, operation, resource_id FROM executions WHERE id = ?').get(id) as {
      status: Execution['status'];
      account_id: string;
      operation: Operation;
      resource_id: string | null;
    };
    const to = transition(EXECUTION_TRANSITIONS, `execution ${id}`, row.status, event);
    this.db
      .prepare('UPDATE executions SET status = ?, error = ?, result = ?, updated_at = ? WHERE id = ?')
      .run(to, outcome.error ?? null, outcome.result ? JSON.stringify(outcome.result) : null, isoSeconds(nowMs), id);
    this.notifier.executionChanged(id);
    const type = EXECUTION_EVENTS[to];
    if (type) {
      const data = { operation: row.operation, status: to, spot_id: row.resource_id, error: outcome.error ?? null };
      this.events.append({ account: row.account_id, type, resourceType: 'execution', resourceId: id, data, nowMs });
    }
  }

  // ---- bids

  insertBid(account: string, bid: Omit<Bid, 'spots'>, nowMs: number): void {
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
    this.bidEvent(bid.id, nowMs);
  }

  /** Moves a bid along its lifecycle. */
  moveBid(bidId: string, event: BidEvent, nowMs: number): BidState {
    const { state } = this.db.prepare('SELECT state FROM bids WHERE id = ?').get(bidId) as { state: BidState };
    const to = transition(BID_TRANSITIONS, `bid ${bidId}`, state, event);
    if (to !== state) {
      this.db.prepare('UPDATE bids SET state = ? WHERE id = ?').run(to, bidId);
      this.bidEvent(bidId, nowMs);
    }
    return to;
  }

  /** The bid as it is now: its state, its terms and the spots it holds. */
  private bidEvent(bidId: string, nowMs: number): void {
    const row = this.db.prepare('SELECT * FROM bids WHERE id = ?').get(bidId) as BidRow;
    const spots = bidSpotIds(this.db, bidId);
    const plan = (JSON.parse(row.instance_parameters) as InstanceParameters).plan;
    const data = { state: row.state, metro: row.metro, plan, max_bid_price: row.max_bid_price, devices_min: row.devices_min, devices_max: row.devices_max, spots };
    this.events.append({ account: row.account_id, type: `bid.${row.state}`, resourceType: 'bid', resourceId: bidId, data, nowMs });
  }
}
