// The sandbox's state in SQLite: accounts, spots, executions, bids, held
// prices, idempotency records and the feed of events. Everything time-based
// is derived from stored timestamps, so a restart (even after kill -9) picks
// up where it stopped. Reads are here; every write to a spot, execution or
// bid is in `changes` (changes.ts), the one place that keeps their
// lifecycles, and which writes their events into `events` (events.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isoSeconds } from '../../api/values.js';
import { BID_STATES, EXECUTION_STATUSES, type Bid, type Execution, type Spot } from '../../api/types.js';
import { isFinal } from '../../api/values.js';
import { allowed, BID_TRANSITIONS } from '../lifecycle.js';
import { Changes } from './changes.js';
import { Db } from './db.js';
import { EventLog } from './events.js';
import { Notifier } from './notifier.js';
import { bidSpotIds, toBid, toExecution, toSpot, type BidRow, type ExecutionRow, type SpotRow } from './rows.js';

export type { SpotChanges } from './changes.js';

/** An execution whose next step is due, as the clock moves it. */
export interface DueExecution {
  id: string;
  operation: Execution['operation'];
  resourceId: string;
  willFail: boolean;
  dueMs: number;
}

/** One page of a list, and how many there are in all. */
export interface Listed<T> {
  total: number;
  items: T[];
}

/** A resource a name may stand for: its id, and a spot's hostname. */
export interface NameMatch {
  id: string;
  hostname?: string;
}

/** The first of the resources a name matches, and how many it matches in all. */
export interface NameMatches {
  total: number;
  matches: NameMatch[];
}

export type IdTable = 'spots' | 'bids' | 'executions';

/** How long an Idempotency-Key's reply is kept, and given back for the same request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export interface StoredReply {
  request_hash: string;
  status: number;
  body: string;
  created_ms: number;
}

// Sets of states as SQL, from the contract's enums and the lifecycle tables,
// so that a state added to the document is counted where it belongs.
const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const OPEN_EXECUTIONS = sqlList(EXECUTION_STATUSES.filter((status) => !isFinal({ status })));
const FILLABLE_BIDS = sqlList(BID_STATES.filter((state) => allowed(BID_TRANSITIONS, state, 'fill')));

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

export class Store {
  private readonly db: Db;
  readonly changes: Changes;
  readonly events: EventLog;
  /** What each commit changed, told to those who wait once it is committed. */
  readonly notifier: Notifier;

  constructor(file: string, options: { busyTimeoutMs?: number | undefined } = {}) {
    this.db = new Db(file, options.busyTimeoutMs ?? 5000);
    this.notifier = new Notifier(this.db);
    this.events = new EventLog(this.db, this.notifier);
    this.changes = new Changes(this.db, this.events, this.notifier);
  }

  close(): void {
    this.db.close();
  }

  /** All of `work` or none of it; nested, a savepoint of the outer one. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  /** Runs `then` once the transaction under way commits; never if it rolls back. */
  afterCommit(then: () => void): void {
    this.db.afterCommit(then);
  }

  meta(key: string): string | undefined {
    return this.db.meta(key);
  }

  setMeta(key: string, value: string): void {
    this.db.setMeta(key, value);
  }

  ensureAccount(token: string, nowMs: number): void {
    this.db
      .prepare('INSERT INTO accounts (id, token_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING')
      .run(randomUUID(), hashToken(token), isoSeconds(nowMs));
  }

  accountForToken(token: string): string | undefined {
    return (this.db.prepare('SELECT id FROM accounts WHERE token_hash = ?').get(hashToken(token)) as { id: string } | undefined)?.id;
  }

  // ---- spots

  spot(account: string, idOrIp: string): Spot | undefined {
    const row = this.db.prepare('SELECT * FROM spots WHERE account_id = ? AND (id = ? OR ip = ?)').get(account, idOrIp, idOrIp) as SpotRow | undefined;
    return row && toSpot(row);
  }

  /** The account's spots with this hostname (hostnames may repeat: `PUT /api/spots/{id}` sets any). */
  spotsByHostname(account: string, hostname: string, limit: number): NameMatches {
    // `+account_id`: looked up by the hostname's index, not by walking the account's spots.
    return this.nameMatches('spots', 'hostname = ? AND +account_id = ?', [hostname, account], limit);
  }

  /**
   * The account's resources of `table` whose id starts with `prefix` (lower
   * case). Ids are lower-case UUIDs, so those ids are exactly the ones from
   * `prefix` up to `prefix + 'g'`, a range the id's index answers
   * (`+account_id` keeps SQLite from walking the account's rows instead).
   */
  idsStartingWith(table: IdTable, account: string, prefix: string, limit: number): NameMatches {
    return this.nameMatches(table, 'id >= ? AND id < ? AND +account_id = ?', [prefix, `${prefix}g`, account], limit);
  }

  /** How many rows of `table` match `where`, and the first `limit` of them by id (a spot with its hostname). */
  private nameMatches(table: IdTable, where: string, args: unknown[], limit: number): NameMatches {
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM ${table} WHERE ${where}`).get(...args) as { total: number };
    const columns = table === 'spots' ? 'id, hostname' : 'id';
    const matches = total ? (this.db.prepare(`SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY id LIMIT ?`).all(...args, limit) as NameMatch[]) : [];
    return { total, matches };
  }

  listSpots(account: string, f: { state?: string; metro?: string; bid?: string; tag?: string[] }, limit: number, offset: number): Listed<Spot> {
    const where = ['account_id = @account', f.state ? 'state = @state' : "state != 'removed'"];
    if (f.metro) where.push('metro = @metro');
    if (f.bid) where.push('bid_id = @bid');
    const tags = Object.fromEntries((f.tag ?? []).map((t, i) => [`tag${i}`, t]));
    for (const name of Object.keys(tags)) where.push(`EXISTS (SELECT 1 FROM json_each(spots.tags) WHERE value = @${name})`);
    const params = { account, state: f.state ?? null, metro: f.metro ?? null, bid: f.bid ?? null, ...tags, limit, offset };
    const clause = where.join(' AND ');
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM spots WHERE ${clause}`).get(params) as { total: number };
    const rows = this.db.prepare(`SELECT * FROM spots WHERE ${clause} ORDER BY seq LIMIT @limit OFFSET @offset`).all(params) as SpotRow[];
    return { total, items: rows.map(toSpot) };
  }

  newestRemovableSpot(account: string): Spot | undefined {
    const row = this.db
      .prepare("SELECT * FROM spots WHERE account_id = ? AND state = 'active' AND locked = 0 ORDER BY seq DESC LIMIT 1")
      .get(account) as SpotRow | undefined;
    return row && toSpot(row);
  }

  hostnameTaken(hostname: string): boolean {
    return this.db.prepare('SELECT 1 FROM spots WHERE hostname = ?').get(hostname) !== undefined;
  }

  nextIp(): string {
    const n = Number(this.meta('ip_counter') ?? '0') + 1;
    this.setMeta('ip_counter', String(n));
    // 10.0.0.2 onwards: private addresses, never routed anywhere.
    const v = n + 1;
    return `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}`;
  }

  // ---- executions

  execution(account: string, id: string): Execution | undefined {
    const row = this.db.prepare('SELECT * FROM executions WHERE account_id = ? AND id = ?').get(account, id) as ExecutionRow | undefined;
    return row && toExecution(row);
  }

  listExecutions(account: string, f: { status?: string; operation?: string }, limit: number, offset: number): Listed<Execution> {
    const where = ['account_id = @account'];
    if (f.status) where.push('status = @status');
    if (f.operation) where.push('operation = @operation');
    const params = { account, status: f.status ?? null, operation: f.operation ?? null, limit, offset };
    const clause = where.join(' AND ');
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM executions WHERE ${clause}`).get(params) as { total: number };
    const rows = this.db.prepare(`SELECT * FROM executions WHERE ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).all(params) as ExecutionRow[];
    return { total, items: rows.map(toExecution) };
  }

  /** Executions whose next step is due by `nowMs`, oldest first. */
  dueExecutions(nowMs: number): DueExecution[] {
    const rows = this.db
      .prepare(`SELECT * FROM executions WHERE (status = 'pending' AND start_ms <= ?) OR (status IN (${OPEN_EXECUTIONS}) AND due_ms <= ?) ORDER BY seq`)
      .all(nowMs, nowMs) as ExecutionRow[];
    return rows.map((r) => ({ id: r.id, operation: r.operation, resourceId: r.resource_id!, willFail: r.will_fail === 1, dueMs: r.due_ms }));
  }

  /** The next moment an open execution moves, if any. */
  nextDueMs(): number | undefined {
    const row = this.db
      .prepare(`SELECT MIN(CASE WHEN status = 'pending' THEN start_ms ELSE due_ms END) AS next FROM executions WHERE status IN (${OPEN_EXECUTIONS})`)
      .get() as { next: number | null };
    return row.next ?? undefined;
  }

  openExecutionFor(resourceId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM executions WHERE resource_id = ? AND status IN (${OPEN_EXECUTIONS})`).get(resourceId) !== undefined;
  }

  // ---- bids

  bid(account: string, id: string): Bid | undefined {
    const row = this.db.prepare('SELECT * FROM bids WHERE account_id = ? AND id = ?').get(account, id) as BidRow | undefined;
    return row && toBid(row, bidSpotIds(this.db, row.id));
  }

  listBids(account: string, limit: number, offset: number): Listed<Bid> {
    const { total } = this.db.prepare('SELECT COUNT(*) AS total FROM bids WHERE account_id = ?').get(account) as { total: number };
    const rows = this.db.prepare('SELECT * FROM bids WHERE account_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?').all(account, limit, offset) as BidRow[];
    return { total, items: rows.map((r) => toBid(r, bidSpotIds(this.db, r.id))) };
  }

  /** The bids the market may still fill, with the account each belongs to, oldest first. */
  openBids(): { account: string; bid: Bid }[] {
    const rows = this.db.prepare(`SELECT * FROM bids WHERE state IN (${FILLABLE_BIDS}) ORDER BY seq`).all() as BidRow[];
    return rows.map((r) => ({ account: r.account_id, bid: toBid(r, bidSpotIds(this.db, r.id)) }));
  }

  /** The bid's spots still in the pool that are locked. */
  lockedBidSpotIds(bidId: string): string[] {
    return this.db.prepare("SELECT id FROM spots WHERE bid_id = ? AND state != 'removed' AND locked = 1 ORDER BY seq").pluck().all(bidId) as string[];
  }

  // ---- the market's held prices

  priceOverride(metro: string, plan: string): number | undefined {
    return (this.db.prepare('SELECT price FROM price_overrides WHERE metro = ? AND plan = ?').get(metro, plan) as { price: number } | undefined)?.price;
  }

  /** Holds a market at `price` from `nowMs` (null: hands it back), ending the hold before; the same price again changes nothing. */
  setPriceOverride(metro: string, plan: string, price: number | null, nowMs: number): void {
    if (price !== null && this.priceOverride(metro, plan) === price) return;
    this.db.prepare('UPDATE price_holds SET until_ms = ? WHERE metro = ? AND plan = ? AND until_ms IS NULL').run(nowMs, metro, plan);
    if (price === null) this.db.prepare('DELETE FROM price_overrides WHERE metro = ? AND plan = ?').run(metro, plan);
    else {
      this.db
        .prepare('INSERT INTO price_overrides (metro, plan, price) VALUES (?, ?, ?) ON CONFLICT (metro, plan) DO UPDATE SET price = excluded.price')
        .run(metro, plan, price);
      this.db.prepare('INSERT INTO price_holds (metro, plan, from_ms, until_ms, price) VALUES (?, ?, ?, NULL, ?)').run(metro, plan, nowMs, price);
    }
  }

  /** The holds of a market that overlap [fromMs, untilMs], oldest first. */
  priceHolds(metro: string, plan: string, fromMs: number, untilMs: number): { fromMs: number; untilMs: number | null; price: number }[] {
    return this.db
      .prepare(
        `SELECT from_ms AS fromMs, until_ms AS untilMs, price FROM price_holds
         WHERE metro = ? AND plan = ? AND from_ms <= ? AND (until_ms IS NULL OR until_ms >= ?) ORDER BY from_ms, rowid`,
      )
      .all(metro, plan, untilMs, fromMs) as { fromMs: number; untilMs: number | null; price: number }[];
  }

  // ---- idempotency

  storedReply(account: string, key: string): StoredReply | undefined {
    return this.db.prepare('SELECT request_hash, status, body, created_ms FROM idempotency WHERE account_id = ? AND key = ?').get(account, key) as
      | StoredReply
      | undefined;
  }

  storeReply(account: string, key: string, reply: StoredReply): void {
    this.db
      .prepare(
        `INSERT INTO idempotency (account_id, key, request_hash, status, body, created_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
           body = excluded.body, created_ms = excluded.created_ms`,
      )
      .run(account, key, reply.request_hash, reply.status, reply.body, reply.created_ms);
  }

  /** Forgets the replies stored before `beforeMs`. */
  forgetRepliesBefore(beforeMs: number): void {
    this.db.prepare('DELETE FROM idempotency WHERE created_ms < ?').run(beforeMs);
  }
}
