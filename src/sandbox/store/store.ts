// The sandbox's state in SQLite: accounts, spots, executions and
// idempotency records. Everything time-based is derived from stored
// timestamps, so a restart (even after kill -9) picks up where it stopped.
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isoSeconds } from '../api/values.js';
import type { Bid, Execution, Operation, Spot, SpotState } from '../api/types.js';
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
} from './lifecycle.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  hostname TEXT NOT NULL,
  ip TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  metro TEXT NOT NULL,
  plan TEXT NOT NULL,
  price REAL NOT NULL,
  spot_instance INTEGER NOT NULL,
  spot_price_max REAL,
  termination_time TEXT,
  bid_id TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  description TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spots_by_account ON spots (account_id, state, seq);
-- The default list (every state but removed, oldest first) walks this in order and stops at the page.
CREATE INDEX IF NOT EXISTS spots_in_order ON spots (account_id, seq);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  status TEXT NOT NULL,
  resource_id TEXT,
  will_fail INTEGER NOT NULL,
  error TEXT,
  result TEXT,
  start_ms INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_by_account ON executions (account_id, seq);
CREATE INDEX IF NOT EXISTS executions_open ON executions (status, start_ms, due_ms);
CREATE TABLE IF NOT EXISTS bids (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  devices_min INTEGER NOT NULL,
  devices_max INTEGER NOT NULL,
  max_bid_price REAL NOT NULL,
  metro TEXT NOT NULL,
  instance_parameters TEXT NOT NULL,
  end_at TEXT,
  end_ms INTEGER,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bids_by_account ON bids (account_id, seq);
CREATE INDEX IF NOT EXISTS spots_by_bid ON spots (bid_id);
CREATE INDEX IF NOT EXISTS spots_by_market ON spots (metro, plan, state);
CREATE TABLE IF NOT EXISTS price_overrides (metro TEXT NOT NULL, plan TEXT NOT NULL, price REAL NOT NULL, PRIMARY KEY (metro, plan));
CREATE TABLE IF NOT EXISTS idempotency (
  account_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_ms);
`;

interface SpotRow {
  id: string;
  account_id: string;
  hostname: string;
  ip: string;
  state: SpotState;
  metro: string;
  plan: string;
  price: number;
  spot_instance: number;
  spot_price_max: number | null;
  termination_time: string | null;
  bid_id: string | null;
  tags: string;
  description: string | null;
  locked: number;
  created_at: string;
  updated_at: string;
}

interface ExecutionRow {
  id: string;
  account_id: string;
  operation: Operation;
  status: Execution['status'];
  resource_id: string | null;
  will_fail: number;
  error: string | null;
  result: string | null;
  start_ms: number;
  due_ms: number;
  created_at: string;
  updated_at: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSpot(r: SpotRow): Spot {
  return {
    id: r.id,
    hostname: r.hostname,
    ip: r.ip,
    state: r.state,
    metro: r.metro,
    plan: r.plan,
    price: r.price,
    spot_instance: r.spot_instance === 1,
    spot_price_max: r.spot_price_max,
    termination_time: r.termination_time,
    bid_id: r.bid_id,
    tags: JSON.parse(r.tags) as string[],
    description: r.description,
    locked: r.locked === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export function toExecution(r: ExecutionRow): Execution {
  return {
    id: r.id,
    operation: r.operation,
    status: r.status,
    created_at: r.created_at,
    updated_at: r.updated_at,
    resource_id: r.resource_id,
    result: r.result ? (JSON.parse(r.result) as Spot) : null,
    error: r.error,
  };
}

export class Store {
  readonly db: Database.Database;

  constructor(file: string, options: { busyTimeoutMs?: number | undefined } = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // An application crash (kill -9) loses nothing in WAL mode with NORMAL;
    // FULL would only add safety against power loss, at a cost on every write.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Every query is a prepared statement with bound values, compiled once per text. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  meta(key: string): string | undefined {
    const row = this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  ensureAccount(token: string, nowMs: number): void {
    this.prepare('INSERT INTO accounts (id, token_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING')
      .run(randomUUID(), hashToken(token), isoSeconds(nowMs));
  }

  accountForToken(token: string): string | undefined {
    const row = this.prepare('SELECT id FROM accounts WHERE token_hash = ?').get(hashToken(token)) as { id: string } | undefined;
    return row?.id;
  }

  // ---- spots

  spot(account: string, idOrIp: string): Spot | undefined {
    const row = this.prepare('SELECT * FROM spots WHERE account_id = ? AND (id = ? OR ip = ?)')
      .get(account, idOrIp, idOrIp) as SpotRow | undefined;
    return row && toSpot(row);
  }

  listSpots(account: string, f: { state?: string; metro?: string; bid?: string }, limit: number, offset: number): { total: number; spots: Spot[] } {
    const where = ['account_id = @account'];
    if (f.state) where.push('state = @state');
    else where.push("state != 'removed'");
    if (f.metro) where.push('metro = @metro');
    if (f.bid) where.push('bid_id = @bid');
    const params = { account, state: f.state ?? null, metro: f.metro ?? null, bid: f.bid ?? null, limit, offset };
    const clause = where.join(' AND ');
    const { total } = this.prepare(`SELECT COUNT(*) AS total FROM spots WHERE ${clause}`).get(params) as { total: number };
    const rows = this.prepare(`SELECT * FROM spots WHERE ${clause} ORDER BY seq LIMIT @limit OFFSET @offset`).all(params) as SpotRow[];
    return { total, spots: rows.map(toSpot) };
  }

  insertSpot(spot: Spot, account: string): void {
    this.prepare(
        `INSERT INTO spots (id, account_id, hostname, ip, state, metro, plan, price, spot_instance, spot_price_max,
          termination_time, bid_id, tags, description, locked, created_at, updated_at)
         VALUES (@id, @account_id, @hostname, @ip, @state, @metro, @plan, @price, @spot_instance, @spot_price_max,
          @termination_time, @bid_id, @tags, @description, @locked, @created_at, @updated_at)`,
      )
      .run({
        ...spot,
        account_id: account,
        spot_instance: spot.spot_instance ? 1 : 0,
        tags: JSON.stringify(spot.tags),
        locked: spot.locked ? 1 : 0,
      });
  }

  /** Changes what a spot is called, tagged or paid; its state moves only through moveSpot. */
  updateSpot(id: string, changes: Partial<Omit<Spot, 'state' | 'termination_time'>>, nowMs: number): Spot {
    const current = toSpot(this.prepare('SELECT * FROM spots WHERE id = ?').get(id) as SpotRow);
    const next: Spot = { ...current, ...changes, state: current.state, termination_time: current.termination_time, updated_at: isoSeconds(nowMs) };
    this.writeSpot(next);
    return next;
  }

  /**
   * Moves a spot along its lifecycle (lifecycle.ts), or throws when the
   * table has no such move. A warning sets the termination time; a removal
   * that removes the spot clears it (the market did not end it); every
   * other move keeps it.
   */
  moveSpot(id: string, event: SpotEvent, nowMs: number, terminationTime?: string): Spot {
    const current = toSpot(this.prepare('SELECT * FROM spots WHERE id = ?').get(id) as SpotRow);
    const from = spotPhase(current);
    const to = transition(SPOT_TRANSITIONS, `spot ${id}`, from, event);
    let termination = current.termination_time;
    if (event === 'warn') termination = terminationTime ?? null;
    else if (event === 'removal_done' && from !== 'removed') termination = null;
    const next: Spot = { ...current, state: spotState(to), termination_time: termination, updated_at: isoSeconds(nowMs) };
    if (to !== from || termination !== current.termination_time) this.writeSpot(next);
    return next;
  }

  private writeSpot(next: Spot): void {
    this.prepare(
        `UPDATE spots SET hostname = @hostname, state = @state, price = @price, spot_instance = @spot_instance,
          spot_price_max = @spot_price_max, termination_time = @termination_time, tags = @tags,
          description = @description, locked = @locked, updated_at = @updated_at WHERE id = @id`,
      )
      .run({ ...next, spot_instance: next.spot_instance ? 1 : 0, tags: JSON.stringify(next.tags), locked: next.locked ? 1 : 0 });
  }

  newestRemovableSpot(account: string): Spot | undefined {
    const row = this.prepare("SELECT * FROM spots WHERE account_id = ? AND state = 'active' AND locked = 0 ORDER BY seq DESC LIMIT 1")
      .get(account) as SpotRow | undefined;
    return row && toSpot(row);
  }

  hostnameTaken(hostname: string): boolean {
    return this.prepare('SELECT 1 FROM spots WHERE hostname = ?').get(hostname) !== undefined;
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
    const row = this.prepare('SELECT * FROM executions WHERE account_id = ? AND id = ?').get(account, id) as ExecutionRow | undefined;
    return row && toExecution(row);
  }

  listExecutions(account: string, f: { status?: string; operation?: string }, limit: number, offset: number): { total: number; executions: Execution[] } {
    const where = ['account_id = @account'];
    if (f.status) where.push('status = @status');
    if (f.operation) where.push('operation = @operation');
    const params = { account, status: f.status ?? null, operation: f.operation ?? null, limit, offset };
    const clause = where.join(' AND ');
    const { total } = this.prepare(`SELECT COUNT(*) AS total FROM executions WHERE ${clause}`).get(params) as { total: number };
    const rows = this.prepare(`SELECT * FROM executions WHERE ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all(params) as ExecutionRow[];
    return { total, executions: rows.map(toExecution) };
  }

  insertExecution(e: {
    account: string;
    operation: Operation;
    resourceId: string;
    willFail: boolean;
    nowMs: number;
    startMs: number;
    dueMs: number;
  }): Execution {
    const id = randomUUID();
    const at = isoSeconds(e.nowMs);
    this.prepare(
        `INSERT INTO executions (id, account_id, operation, status, resource_id, will_fail, start_ms, due_ms, created_at, updated_at)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, e.account, e.operation, e.resourceId, e.willFail ? 1 : 0, e.startMs, e.dueMs, at, at);
    return this.execution(e.account, id)!;
  }

  /** Executions whose next step is due by `nowMs`. */
  dueExecutions(nowMs: number): ExecutionRow[] {
    return this.prepare("SELECT * FROM executions WHERE (status = 'pending' AND start_ms <= ?) OR (status IN ('pending', 'started') AND due_ms <= ?) ORDER BY seq")
      .all(nowMs, nowMs) as ExecutionRow[];
  }

  /** The next moment an open execution moves, if any. */
  nextDueMs(): number | undefined {
    const row = this.prepare(
        "SELECT MIN(CASE WHEN status = 'pending' THEN start_ms ELSE due_ms END) AS next FROM executions WHERE status IN ('pending', 'started')",
      )
      .get() as { next: number | null };
    return row.next ?? undefined;
  }

  /** Moves an execution along its lifecycle (lifecycle.ts), or throws when the table has no such move. */
  moveExecution(id: string, event: ExecutionEvent, nowMs: number, outcome: { error?: string; result?: Spot } = {}): void {
    const { status } = this.prepare('SELECT status FROM executions WHERE id = ?').get(id) as { status: Execution['status'] };
    const to = transition(EXECUTION_TRANSITIONS, `execution ${id}`, status, event);
    this.prepare('UPDATE executions SET status = ?, error = ?, result = ?, updated_at = ? WHERE id = ?')
      .run(to, outcome.error ?? null, outcome.result ? JSON.stringify(outcome.result) : null, isoSeconds(nowMs), id);
  }

  openExecutionFor(resourceId: string): boolean {
    return (
      this.prepare("SELECT 1 FROM executions WHERE resource_id = ? AND status IN ('pending', 'started')").get(resourceId) !== undefined
    );
  }

  // ---- market

  priceOverride(metro: string, plan: string): number | undefined {
    const row = this.prepare('SELECT price FROM price_overrides WHERE metro = ? AND plan = ?').get(metro, plan) as { price: number } | undefined;
    return row?.price;
  }

  setPriceOverride(metro: string, plan: string, price: number | null): void {
    if (price === null) this.prepare('DELETE FROM price_overrides WHERE metro = ? AND plan = ?').run(metro, plan);
    else this.prepare('INSERT INTO price_overrides (metro, plan, price) VALUES (?, ?, ?) ON CONFLICT (metro, plan) DO UPDATE SET price = excluded.price').run(metro, plan, price);
  }

  /** Warns the spot instances of a market whose bid the price now exceeds. */
  markForRevocation(metro: string, plan: string, price: number, terminationTime: string, nowMs: number): number {
    const ids = this.prepare(
        "SELECT id FROM spots WHERE metro = ? AND plan = ? AND state = 'active' AND spot_instance = 1 AND spot_price_max < ?",
      )
      .pluck()
      .all(metro, plan, price) as string[];
    for (const id of ids) this.moveSpot(id, 'warn', nowMs, terminationTime);
    return ids.length;
  }

  /** Revokes the spots whose termination time has come. */
  revokeDue(nowIso: string, nowMs: number): number {
    const ids = this.prepare(
        "SELECT id FROM spots WHERE state = 'terminating' AND termination_time IS NOT NULL AND termination_time <= ?",
      )
      .pluck()
      .all(nowIso) as string[];
    for (const id of ids) this.moveSpot(id, 'revoke', nowMs);
    return ids.length;
  }

  insertBid(row: BidRow): void {
    this.prepare(
        `INSERT INTO bids (id, account_id, devices_min, devices_max, max_bid_price, metro, instance_parameters, end_at, end_ms, state, created_at)
         VALUES (@id, @account_id, @devices_min, @devices_max, @max_bid_price, @metro, @instance_parameters, @end_at, @end_ms, @state, @created_at)`,
      )
      .run(row);
  }

  bidRow(account: string, id: string): BidRow | undefined {
    return this.prepare('SELECT * FROM bids WHERE account_id = ? AND id = ?').get(account, id) as BidRow | undefined;
  }

  openBids(): BidRow[] {
    return this.prepare("SELECT * FROM bids WHERE state IN ('open', 'partially_fulfilled', 'fulfilled') ORDER BY seq").all() as BidRow[];
  }

  listBidRows(account: string, limit: number, offset: number): { total: number; rows: BidRow[] } {
    const { total } = this.prepare('SELECT COUNT(*) AS total FROM bids WHERE account_id = ?').get(account) as { total: number };
    const rows = this.prepare('SELECT * FROM bids WHERE account_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?').all(account, limit, offset) as BidRow[];
    return { total, rows };
  }

  /** Moves a bid along its lifecycle (lifecycle.ts), or throws when the table has no such move. */
  moveBid(id: string, event: BidEvent): Bid['state'] {
    const { state } = this.prepare('SELECT state FROM bids WHERE id = ?').get(id) as { state: Bid['state'] };
    const to = transition(BID_TRANSITIONS, `bid ${id}`, state, event);
    if (to !== state) this.prepare('UPDATE bids SET state = ? WHERE id = ?').run(to, id);
    return to;
  }

  bidSpotIds(bidId: string): string[] {
    return (this.prepare("SELECT id FROM spots WHERE bid_id = ? AND state != 'removed' ORDER BY seq").all(bidId) as { id: string }[]).map((r) => r.id);
  }

  /** The bid's spots still in the pool that are locked. */
  lockedBidSpotIds(bidId: string): string[] {
    return this.prepare("SELECT id FROM spots WHERE bid_id = ? AND state != 'removed' AND locked = 1 ORDER BY seq").pluck().all(bidId) as string[];
  }

  removeBidSpots(bidId: string, nowMs: number): void {
    for (const id of this.bidSpotIds(bidId)) this.moveSpot(id, 'force_terminate', nowMs);
  }

  // ---- idempotency

  idempotent(account: string, key: string): { request_hash: string; status: number; body: string; created_ms: number } | undefined {
    return this.prepare('SELECT request_hash, status, body, created_ms FROM idempotency WHERE account_id = ? AND key = ?').get(account, key) as
      | { request_hash: string; status: number; body: string; created_ms: number }
      | undefined;
  }

  remember(account: string, key: string, requestHash: string, status: number, body: string, nowMs: number): void {
    this.prepare(
        `INSERT INTO idempotency (account_id, key, request_hash, status, body, created_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
           body = excluded.body, created_ms = excluded.created_ms`,
      )
      .run(account, key, requestHash, status, body, nowMs);
  }

  /** Forgets the keys recorded before `beforeMs`. */
  forgetIdempotencyBefore(beforeMs: number): number {
    return this.prepare('DELETE FROM idempotency WHERE created_ms < ?').run(beforeMs).changes;
  }
}

export interface BidRow {
  id: string;
  account_id: string;
  devices_min: number;
  devices_max: number;
  max_bid_price: number;
  metro: string;
  instance_parameters: string;
  end_at: string | null;
  end_ms: number | null;
  state: Bid['state'];
  created_at: string;
}

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
