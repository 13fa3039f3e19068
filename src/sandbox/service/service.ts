// What the sandbox does, apart from HTTP: its clock, adding, changing and
// removing spots through executions that move on that clock, and (exchange.ts)
// the market they buy from.
import { EVENT_RETENTION_DAYS, type Execution, type Spot, type SpotAddRequest, type SpotUpdateRequest } from '../../api/types.js';
import { DEFAULT_METRO, DEFAULT_PLAN, findPlan } from '../market/catalog.js';
import { allowed, EXECUTION_TRANSITIONS, SPOT_TRANSITIONS, spotPhase } from '../lifecycle.js';
import { IDEMPOTENCY_TTL_MS, type DueExecution, type Store } from '../store/store.js';
import { prng } from '../random.js';
import { SpotExchange } from './exchange.js';
import { Conflict } from './errors.js';
import { newSpot } from './new-spot.js';
import type { Volatility } from '../market/price-model.js';
import { findExecution, findSpot } from './refs.js';

const EVENT_RETENTION_MS = EVENT_RETENTION_DAYS * 86_400_000;
const MARKET_TICK_MS = 250;

export interface ServiceOptions {
  provisionSeconds: number;
  failRate: number;
  seed: number;
  volatility?: Volatility | undefined;
}

export class Service {
  /** The market the spots buy from: its prices, and the bids it fills. */
  readonly exchange: SpotExchange;
  private readonly random: () => number;
  private lastMarketTick = 0;
  // Read on every request; only advanceClock changes it, and one sandbox serves a data directory.
  private clockOffsetMs: number;

  constructor(
    readonly store: Store,
    private readonly options: ServiceOptions,
  ) {
    // A hand-edited database must not stop the clock: an unreadable offset counts as none.
    const offset = Number(store.meta('clock_offset_ms') ?? '0');
    this.clockOffsetMs = Number.isFinite(offset) ? offset : 0;
    this.random = prng(options.seed ^ Number(store.meta('executions_made') ?? 0));
    this.exchange = new SpotExchange(store, options.seed, () => this.now(), options.volatility);
  }

  /** The sandbox clock: real time plus the offset `clock advance` added. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the clock forward; everything due by then happens, or (the database failing) nothing does. */
  advanceClock(seconds: number): void {
    const before = this.clockOffsetMs;
    try {
      this.store.transaction(() => {
        this.clockOffsetMs = before + Math.round(seconds * 1000);
        this.store.setMeta('clock_offset_ms', String(this.clockOffsetMs));
        this.tick();
        this.tickMarket();
      });
    } catch (err) {
      this.clockOffsetMs = before;
      throw err;
    }
  }

  /** Moves every execution whose time has come. */
  tick(): void {
    const now = this.now();
    const due = this.store.dueExecutions(now);
    if (due.length === 0) return;
    this.store.transaction(() => {
      for (const e of due) {
        if (e.dueMs > now) this.store.changes.moveExecution(e.id, 'start', now);
        else this.finish(e, now);
      }
    });
  }

  /**
   * The market moves (exchange.ts), and Idempotency-Keys past their day and
   * events past their week (by the sandbox clock) are let go. Requests come
   * far more often than that needs doing: unless forced, at most every
   * quarter second.
   */
  tickMarket(force = true): void {
    const now = this.now();
    if (!force && now - this.lastMarketTick < MARKET_TICK_MS) return;
    this.lastMarketTick = now;
    this.store.transaction(() => {
      this.exchange.tick();
      this.store.forgetRepliesBefore(now - IDEMPOTENCY_TTL_MS);
      this.store.events.prune(now - EVENT_RETENTION_MS);
    });
  }

  addSpot(account: string, body: SpotAddRequest): Execution {
    return this.store.transaction(() => {
      const metro = body.metro ?? DEFAULT_METRO;
      const plan = findPlan(body.plan ?? DEFAULT_PLAN)!;
      const now = this.now();
      const price = this.exchange.price(metro, plan.slug);
      const max = body.max_bid_price ?? plan.pricing.hour;
      const spot = newSpot(
        this.store,
        {
          hostnamePrefix: `spot-${metro}`,
          state: 'provisioning',
          metro,
          plan: plan.slug,
          price,
          spotPriceMax: max,
          bidId: null,
          tags: body.tags ?? [],
          description: body.description ?? null,
        },
        now,
      );
      this.store.changes.insertSpot(spot, account, now);
      const execution = this.schedule(account, 'spot.add', spot.id);
      if (price <= max) return execution;
      // Too dear now: the execution fails at once rather than buying above the bid.
      this.store.changes.moveSpot(spot.id, 'add_failed', now);
      this.store.changes.moveExecution(execution.id, 'fail', now, { error: `spot price ${price} is above max_bid_price ${max}` });
      return this.store.execution(account, execution.id)!;
    });
  }

  /** Changes a spot (`ref`: see refs.ts); `spot_instance: false` converts it to on-demand, which only a spot without a termination notice may be. */
  updateSpot(account: string, ref: string, body: SpotUpdateRequest): Spot {
    return this.store.transaction(() => {
      const spot = findSpot(this.store, account, ref);
      if (spot.state === 'removed') throw new Conflict(`spot ${spot.id} is removed`);
      const { spot_instance: spotInstance, ...changes } = body;
      const now = this.now();
      let updated = Object.keys(changes).length ? this.store.changes.updateSpot(spot.id, changes, now) : spot;
      if (spotInstance === false && spot.spot_instance) {
        if (!allowed(SPOT_TRANSITIONS, spotPhase(spot), 'convert')) {
          throw new Conflict(`spot ${spot.id} is already marked for termination at ${spot.termination_time}; too late to convert`);
        }
        updated = this.store.changes.convertSpot(spot.id, findPlan(spot.plan)!.pricing.hour, now);
      }
      return this.exchange.present(updated);
    });
  }

  /** Removes a spot (`ref`: see refs.ts), or (`ref` undefined) the newest active, unlocked one. */
  removeSpot(account: string, ref: string | undefined): Execution {
    return this.store.transaction(() => {
      const spot = ref === undefined ? this.store.newestRemovableSpot(account) : findSpot(this.store, account, ref);
      if (!spot) throw new Conflict('no spot to remove: the pool has no active, unlocked spot');
      if (spot.locked) throw new Conflict(`spot ${spot.id} is locked`);
      if (spot.state === 'removed') throw new Conflict(`spot ${spot.id} is already removed`);
      if (this.store.openExecutionFor(spot.id) || !allowed(SPOT_TRANSITIONS, spotPhase(spot), 'remove')) {
        throw new Conflict(`spot ${spot.id} is busy: an execution on it has not ended`);
      }
      this.store.changes.moveSpot(spot.id, 'remove', this.now());
      return this.schedule(account, 'spot.remove', spot.id);
    });
  }

  cancelExecution(account: string, ref: string): Execution {
    return this.store.transaction(() => {
      const e = findExecution(this.store, account, ref);
      const { id } = e;
      if (!allowed(EXECUTION_TRANSITIONS, e.status, 'cancel')) throw new Conflict(`execution ${id} has already ended (${e.status})`);
      const now = this.now();
      if (e.resource_id) this.store.changes.moveSpot(e.resource_id, e.operation === 'spot.add' ? 'add_cancelled' : 'removal_cancelled', now);
      this.store.changes.moveExecution(id, 'cancel', now, { error: 'cancelled' });
      return this.store.execution(account, id)!;
    });
  }

  private finish(e: DueExecution, now: number): void {
    const changes = this.store.changes;
    if (e.operation === 'spot.add') {
      if (e.willFail) {
        changes.moveSpot(e.resourceId, 'add_failed', now);
        changes.moveExecution(e.id, 'fail', now, { error: 'provisioning failed: no capacity left on the host' });
      } else {
        changes.moveExecution(e.id, 'complete', now, { result: changes.moveSpot(e.resourceId, 'provisioned', now) });
      }
    } else if (e.willFail) {
      changes.moveSpot(e.resourceId, 'removal_failed', now);
      changes.moveExecution(e.id, 'fail', now, { error: 'removal failed: the host did not answer' });
    } else {
      changes.moveExecution(e.id, 'complete', now, { result: changes.moveSpot(e.resourceId, 'removal_done', now) });
    }
  }

  private schedule(account: string, operation: Execution['operation'], spotId: string): Execution {
    const now = this.now();
    const total = this.options.provisionSeconds * 1000;
    const made = Number(this.store.meta('executions_made') ?? '0') + 1;
    this.store.setMeta('executions_made', String(made));
    const execution = this.store.changes.insertExecution({
      account,
      operation,
      resourceId: spotId,
      willFail: this.random() < this.options.failRate,
      nowMs: now,
      startMs: now + Math.min(250, total / 4),
      dueMs: now + total,
    });
    return execution;
  }
}
