// What the sandbox does, apart from HTTP: adding and removing spots through
// executions that move on the sandbox clock, and the market they buy from.
import { randomBytes, randomUUID } from 'node:crypto';
import { TERMINATION_NOTICE_SECONDS, type Bid, type BidCreateRequest, type Execution, type InstanceParameters, type Spot } from '../api/types.js';
import { DEFAULT_METRO, DEFAULT_PLAN, findMetro, findPlan, METROS, PLANS } from './market/catalog.js';
import { PriceModel } from './market/price-model.js';
import { allowed, BID_TRANSITIONS, EXECUTION_TRANSITIONS, SPOT_TRANSITIONS, spotPhase, transition } from './lifecycle.js';
import { Store, type BidRow } from './store.js';
import { isoSeconds } from '../api/values.js';
import { prng } from './random.js';

const MARKET_TICK_MS = 250;
/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.join('; '));
  }
}

export interface ServiceOptions {
  provisionSeconds: number;
  failRate: number;
  seed: number;
}

export class Service {
  readonly prices: PriceModel;
  private readonly random: () => number;
  private readonly listeners = new Set<(changed: Set<string>) => void>();
  private lastMarketTick = 0;
  // Read on every request; only advanceClock changes it, and one sandbox serves a data directory.
  private clockOffsetMs: number;

  constructor(
    readonly store: Store,
    private readonly options: ServiceOptions,
  ) {
    this.prices = new PriceModel(options.seed);
    // A hand-edited database must not stop the clock: an unreadable offset counts as none.
    const offset = Number(store.meta('clock_offset_ms') ?? '0');
    this.clockOffsetMs = Number.isFinite(offset) ? offset : 0;
    this.random = prng(options.seed ^ Number(store.meta('executions_made') ?? 0));
  }

  /** The sandbox clock: real time plus the offset `clock advance` added. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the clock forward; everything due by then happens, or (the database failing) nothing does. */
  advanceClock(seconds: number): void {
    const before = this.clockOffsetMs;
    let changed: Set<string>;
    try {
      changed = this.store.db.transaction(() => {
        this.clockOffsetMs = before + Math.round(seconds * 1000);
        this.store.setMeta('clock_offset_ms', String(this.clockOffsetMs));
        const moved = this.moveDue();
        this.marketTick();
        return moved;
      })();
    } catch (err) {
      this.clockOffsetMs = before;
      throw err;
    }
    this.notify(changed);
  }

  onChange(listener: (changed: Set<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Holds a market at a price (null hands it back to the simulation), and lets the market react at once. */
  setPrice(metro: string, plan: string, price: number | null): void {
    this.store.db.transaction(() => {
      this.store.setPriceOverride(metro, plan, price);
      this.marketTick();
    })();
  }

  /** The price now: a held price (`sandbox price set`) or the simulated one. */
  marketPrice(metro: string, plan: string): number {
    return this.store.priceOverride(metro, plan) ?? this.prices.priceAt(metro, plan, Math.floor(this.now() / 1000));
  }

  /** A spot as the API shows it: a spot instance pays the market price of the moment. */
  present(spot: Spot): Spot {
    return this.presentAll([spot])[0]!;
  }

  /** Many spots at one moment: each market's price is worked out once, not once a spot. */
  presentAll(spots: readonly Spot[]): Spot[] {
    const prices = new Map<string, number>();
    return spots.map((spot) => {
      if (!spot.spot_instance || spot.state === 'removed') return spot;
      const market = `${spot.metro}/${spot.plan}`;
      let price = prices.get(market);
      if (price === undefined) prices.set(market, (price = this.marketPrice(spot.metro, spot.plan)));
      return { ...spot, price };
    });
  }

  /**
   * The market moves: spots whose bid it now exceeds get their two-minute
   * warning, those whose warning ran out are revoked, open bids fill and
   * bids past their end expire. Idempotency keys past their day are let go.
   */
  marketTick(force = true): void {
    const now = this.now();
    // Requests come far more often than the market needs looking at.
    if (!force && now - this.lastMarketTick < MARKET_TICK_MS) return;
    this.lastMarketTick = now;
    this.store.db.transaction(() => {
      this.store.revokeDue(isoSeconds(now), now);
      const warning = isoSeconds(now + TERMINATION_NOTICE_SECONDS * 1000);
      for (const m of METROS) for (const p of PLANS) this.store.markForRevocation(m.code, p.slug, this.marketPrice(m.code, p.slug), warning, now);
      for (const bid of this.store.openBids()) this.settleBid(bid, now);
      this.store.forgetIdempotencyBefore(now - IDEMPOTENCY_TTL_MS);
    })();
  }

  private settleBid(bid: BidRow, now: number): void {
    if (bid.end_ms !== null && bid.end_ms <= now) {
      this.store.moveBid(bid.id, 'expire');
      return;
    }
    const params = JSON.parse(bid.instance_parameters) as InstanceParameters;
    let count = this.store.bidSpotIds(bid.id).length;
    if (count < bid.devices_max && this.marketPrice(bid.metro, params.plan) <= bid.max_bid_price) {
      for (; count < bid.devices_max; count++) this.createBidSpot(bid, params, now);
    }
    this.store.moveBid(bid.id, count === 0 ? 'hold_none' : count >= bid.devices_max ? 'hold_all' : 'hold_some');
  }

  private createBidSpot(bid: BidRow, params: InstanceParameters, now: number): Spot {
    transition(BID_TRANSITIONS, `bid ${bid.id}`, bid.state, 'fill');
    const { account_id: account, metro, max_bid_price: max, id: bidId } = bid;
    const id = randomUUID();
    let hostname: string;
    do hostname = `${params.hostname ?? `spot-${metro}`}-${randomBytes(3).toString('hex')}`;
    while (this.store.hostnameTaken(hostname));
    const spot: Spot = {
      id,
      hostname,
      ip: this.store.nextIp(),
      state: 'active',
      metro,
      plan: params.plan,
      price: this.marketPrice(metro, params.plan),
      spot_instance: true,
      spot_price_max: max,
      termination_time: null,
      bid_id: bidId,
      tags: params.tags ?? [],
      description: params.description ?? null,
      locked: false,
      created_at: isoSeconds(now),
      updated_at: isoSeconds(now),
    };
    this.store.insertSpot(spot, account);
    return spot;
  }

  createBid(account: string, body: BidCreateRequest): Bid {
    const now = this.now();
    const row: BidRow = {
      id: randomUUID(),
      account_id: account,
      devices_min: body.devices_min,
      devices_max: body.devices_max,
      max_bid_price: body.max_bid_price,
      metro: body.metro,
      instance_parameters: JSON.stringify(body.instance_parameters),
      end_at: body.end_at ?? null,
      end_ms: body.end_at ? Date.parse(body.end_at) : null,
      state: 'open',
      created_at: isoSeconds(now),
    };
    this.store.db.transaction(() => {
      this.store.insertBid(row);
      this.settleBid(row, now);
    })();
    return this.bid(account, row.id)!;
  }

  bid(account: string, id: string): Bid | undefined {
    const row = this.store.bidRow(account, id);
    return row && this.toBid(row);
  }

  toBid(row: BidRow): Bid {
    return {
      id: row.id,
      devices_min: row.devices_min,
      devices_max: row.devices_max,
      max_bid_price: row.max_bid_price,
      metro: row.metro,
      instance_parameters: JSON.parse(row.instance_parameters) as InstanceParameters,
      end_at: row.end_at,
      created_at: row.created_at,
      state: row.state,
      spots: this.store.bidSpotIds(row.id),
    };
  }

  cancelBid(account: string, id: string, forceTermination: boolean): Bid {
    const row = this.store.bidRow(account, id);
    if (!row) throw new HttpError(404, [`no bid '${id}'`]);
    if (!allowed(BID_TRANSITIONS, row.state, 'cancel')) throw new HttpError(409, [`bid ${id} has already ended (${row.state})`]);
    const now = this.now();
    this.store.db.transaction(() => {
      if (forceTermination) {
        // As with removing one spot: a lock keeps a spot, so nothing is done rather than half of it.
        const locked = this.store.lockedBidSpotIds(id);
        if (locked.length) {
          throw new HttpError(409, [
            `bid ${id} has locked spots (${locked.join(', ')}): unlock them first, or cancel it without force_termination`,
          ]);
        }
      }
      this.store.moveBid(id, 'cancel');
      if (forceTermination) this.store.removeBidSpots(id, now);
    })();
    return this.bid(account, id)!;
  }

  /** Moves every execution whose time has come; returns the ids that changed. */
  tick(): Set<string> {
    const changed = this.moveDue();
    // Told only once committed: a long poll must never hear of an end that is rolled back.
    if (changed.size) this.notify(changed);
    return changed;
  }

  private moveDue(): Set<string> {
    const now = this.now();
    const changed = new Set<string>();
    const due = this.store.dueExecutions(now);
    if (due.length === 0) return changed;
    this.store.db.transaction(() => {
      for (const e of due) {
        changed.add(e.id);
        if (e.due_ms > now) {
          this.store.moveExecution(e.id, 'start', now);
          continue;
        }
        this.finish(e.id, e.operation, e.resource_id!, e.will_fail === 1, now);
      }
    })();
    return changed;
  }

  private finish(id: string, operation: Execution['operation'], spotId: string, fail: boolean, now: number): void {
    if (operation === 'spot.add') {
      if (fail) {
        this.store.moveSpot(spotId, 'add_failed', now);
        this.store.moveExecution(id, 'fail', now, { error: 'provisioning failed: no capacity left on the host' });
      } else {
        const spot = this.store.moveSpot(spotId, 'provisioned', now);
        this.store.moveExecution(id, 'complete', now, { result: spot });
      }
    } else if (fail) {
      this.store.moveSpot(spotId, 'removal_failed', now);
      this.store.moveExecution(id, 'fail', now, { error: 'removal failed: the host did not answer' });
    } else {
      const spot = this.store.moveSpot(spotId, 'removal_done', now);
      this.store.moveExecution(id, 'complete', now, { result: spot });
    }
  }

  private schedule(account: string, operation: Execution['operation'], spotId: string): Execution {
    const now = this.now();
    const total = this.options.provisionSeconds * 1000;
    const made = Number(this.store.meta('executions_made') ?? '0') + 1;
    this.store.setMeta('executions_made', String(made));
    const execution = this.store.insertExecution({
      account,
      operation,
      resourceId: spotId,
      willFail: this.random() < this.options.failRate,
      nowMs: now,
      startMs: now + Math.min(250, total / 4),
      dueMs: now + total,
    });
    this.notify(new Set([execution.id]));
    return execution;
  }

  private notify(changed: Set<string>): void {
    for (const l of this.listeners) l(changed);
  }

  addSpot(account: string, body: { metro?: string; plan?: string; max_bid_price?: number }): Execution {
    return this.store.db.transaction(() => this.addSpotNow(account, body))();
  }

  private addSpotNow(account: string, body: { metro?: string; plan?: string; max_bid_price?: number }): Execution {
    const metro = body.metro ?? DEFAULT_METRO;
    const plan = body.plan ?? DEFAULT_PLAN;
    const errors: string[] = [];
    if (!findMetro(metro)) errors.push(`metro: unknown metro '${metro}' (known: ${METROS.map((m) => m.code).join(', ')})`);
    const planInfo = findPlan(plan);
    if (!planInfo) errors.push(`plan: unknown plan '${plan}' (known: ${PLANS.map((p) => p.slug).join(', ')})`);
    if (errors.length) throw new HttpError(422, errors);
    const now = this.now();
    const price = this.marketPrice(metro, plan);
    const max = body.max_bid_price ?? planInfo!.pricing.hour;
    const id = randomUUID();
    let hostname: string;
    do hostname = `spot-${metro}-${randomBytes(3).toString('hex')}`;
    while (this.store.hostnameTaken(hostname));
    const spot: Spot = {
      id,
      hostname,
      ip: this.store.nextIp(),
      state: 'provisioning',
      metro,
      plan,
      price,
      spot_instance: true,
      spot_price_max: max,
      termination_time: null,
      bid_id: null,
      tags: [],
      description: null,
      locked: false,
      created_at: isoSeconds(now),
      updated_at: isoSeconds(now),
    };
    this.store.insertSpot(spot, account);
    const execution = this.schedule(account, 'spot.add', id);
    if (price > max) {
      // Too dear now: the execution fails at once rather than buying above the bid.
      this.store.moveSpot(id, 'add_failed', now);
      this.store.moveExecution(execution.id, 'fail', now, { error: `spot price ${price} is above max_bid_price ${max}` });
      return this.store.execution(account, execution.id)!;
    }
    return execution;
  }

  removeSpot(account: string, idOrIp: string | undefined): Execution {
    return this.store.db.transaction(() => {
      const spot = idOrIp === undefined ? this.store.newestRemovableSpot(account) : this.store.spot(account, idOrIp);
      if (!spot) {
        if (idOrIp === undefined) throw new HttpError(409, ['no spot to remove: the pool has no active, unlocked spot']);
        throw new HttpError(404, [`no spot '${idOrIp}'`]);
      }
      if (spot.locked) throw new HttpError(409, [`spot ${spot.id} is locked`]);
      if (spot.state === 'removed') throw new HttpError(409, [`spot ${spot.id} is already removed`]);
      if (this.store.openExecutionFor(spot.id) || !allowed(SPOT_TRANSITIONS, spotPhase(spot), 'remove')) {
        throw new HttpError(409, [`spot ${spot.id} is busy: an execution on it has not ended`]);
      }
      this.store.moveSpot(spot.id, 'remove', this.now());
      return this.schedule(account, 'spot.remove', spot.id);
    })();
  }

  cancelExecution(account: string, id: string): Execution {
    const e = this.store.execution(account, id);
    if (!e) throw new HttpError(404, [`no execution '${id}'`]);
    if (!allowed(EXECUTION_TRANSITIONS, e.status, 'cancel')) throw new HttpError(409, [`execution ${id} has already ended (${e.status})`]);
    const now = this.now();
    this.store.db.transaction(() => {
      if (e.resource_id) this.store.moveSpot(e.resource_id, e.operation === 'spot.add' ? 'add_cancelled' : 'removal_cancelled', now);
      this.store.moveExecution(id, 'cancel', now, { error: 'cancelled' });
    })();
    this.notify(new Set([id]));
    return this.store.execution(account, id)!;
  }
}
