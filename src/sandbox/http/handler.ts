// The sandbox's HTTP side: auth, routing, validation, pagination,
// Idempotency-Key and the `{"errors": [...]}` shape of every failure.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEFAULT_PER_PAGE,
  HISTORY_DAYS,
  MAX_BID_DEVICES,
  MAX_PER_PAGE,
  MAX_WAIT_SECONDS,
  type BidCreateRequest,
  type Execution,
  type Meta,
  type SandboxHealth,
  type Spot,
} from '../api/types.js';
import { isFinal, isoSeconds } from '../api/values.js';
import { findMetro, findPlan, METROS, PLANS } from './market/catalog.js';
import { HttpError, IDEMPOTENCY_TTL_MS, type Service } from './service.js';
import { allowed, SPOT_TRANSITIONS, spotPhase } from './lifecycle.js';
import { cut, describeFaults, type FaultInjector } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from './unavailable.js';

const MAX_BODY_BYTES = 1 << 20;
const HISTORY_MAX_SECONDS = HISTORY_DAYS * 86_400;
// Far past any real pool, and small enough that page * per_page stays an
// exact integer that SQLite takes as an OFFSET.
const MAX_PAGE = 1_000_000_000;
// Times are written as ISO 8601 with 4-digit years, and the sandbox writes
// some up to a day ahead of its clock (provisioning, termination notices).
const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31);
// instance_parameters is stored and echoed as given; JSON.stringify recurses
// and overflows the stack on a deep enough value.
const MAX_NESTING = 32;

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  rawBody: string;
  account: string;
  idempotencyKey: string | undefined;
  signal: AbortSignal;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: Request, params: string[]) => Answer | Promise<Answer>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  mutates?: boolean;
}

export interface HandlerOptions {
  service: Service;
  admin: boolean;
  version: string;
  dataDir: string;
  log?: ((line: string) => void) | undefined;
  faults?: FaultInjector | undefined;
  /** Requests per second per token; 0 or absent for no limit. */
  rateLimit?: number | undefined;
}

export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { service } = opts;
  const store = service.store;
  const waiters = new Map<string, Set<() => void>>();
  service.onChange((changed) => {
    for (const id of changed) for (const wake of waiters.get(id) ?? []) wake();
  });

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/executions$/, handler: listExecutions },
    { method: 'GET', pattern: /^\/api\/executions\/([^/]+)$/, handler: getExecution },
    { method: 'DELETE', pattern: /^\/api\/executions\/([^/]+)$/, handler: cancelExecution, mutates: true },
    { method: 'GET', pattern: /^\/api\/spots$/, handler: listSpots },
    { method: 'PUT', pattern: /^\/api\/spots$/, handler: addSpot, mutates: true },
    { method: 'DELETE', pattern: /^\/api\/spots$/, handler: (r) => accepted(service.removeSpot(r.account, undefined)), mutates: true },
    { method: 'GET', pattern: /^\/api\/spots\/([^/]+)$/, handler: getSpot },
    { method: 'PUT', pattern: /^\/api\/spots\/([^/]+)$/, handler: updateSpot, mutates: true },
    { method: 'DELETE', pattern: /^\/api\/spots\/([^/]+)$/, handler: (r, [id]) => accepted(service.removeSpot(r.account, id)), mutates: true },
    { method: 'GET', pattern: /^\/api\/market\/spot\/prices$/, handler: prices },
    { method: 'GET', pattern: /^\/api\/market\/spot\/prices\/history$/, handler: history },
    { method: 'GET', pattern: /^\/api\/plans$/, handler: () => ({ status: 200, body: { plans: PLANS } }) },
    { method: 'GET', pattern: /^\/api\/metros$/, handler: () => ({ status: 200, body: { metros: METROS } }) },
    { method: 'GET', pattern: /^\/api\/spot-market-requests$/, handler: listBids },
    { method: 'POST', pattern: /^\/api\/spot-market-requests$/, handler: createBid, mutates: true },
    { method: 'GET', pattern: /^\/api\/spot-market-requests\/([^/]+)$/, handler: getBid },
    { method: 'DELETE', pattern: /^\/api\/spot-market-requests\/([^/]+)$/, handler: deleteBid, mutates: true },
    { method: 'PUT', pattern: /^\/_sandbox\/prices$/, handler: adminOnly(setPrice) },
    { method: 'GET', pattern: /^\/_sandbox\/clock$/, handler: adminOnly(clock) },
    { method: 'POST', pattern: /^\/_sandbox\/clock$/, handler: adminOnly(advanceClock) },
  ];

  function adminOnly(h: Handler): Handler {
    return (req, params) => {
      if (!opts.admin) throw new HttpError(404, ['not found (control routes need a sandbox started with --admin)']);
      return h(req, params);
    };
  }

  function accepted(e: Execution): Answer {
    return { status: 202, body: { execution_id: e.id } };
  }

  function listExecutions(req: Request): Answer {
    const status = oneOf(req.query, 'status', ['pending', 'started', 'completed', 'failed', 'cancelled']);
    const operation = oneOf(req.query, 'operation', ['spot.add', 'spot.remove']);
    const page = pagination(req.query);
    const { total, executions } = store.listExecutions(req.account, { status, operation }, page.perPage, page.offset);
    return { status: 200, body: { executions, meta: meta(req, page, total) } };
  }

  async function getExecution(req: Request, [id]: string[]): Promise<Answer> {
    let wait: number | undefined;
    const rawWait = req.query.get('wait');
    if (rawWait !== null && rawWait !== '') {
      wait = Number(rawWait);
      // Number() alone would also take '0x3c', ' 5' and '1e1'.
      if (!/^\d+(\.\d+)?$/.test(rawWait) || wait > MAX_WAIT_SECONDS) {
        throw new HttpError(422, [`wait: must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}`]);
      }
    }
    const found = () => {
      const e = store.execution(req.account, id!);
      if (!e) throw new HttpError(404, [`no execution '${id}'`]);
      return e;
    };
    let e = found();
    if (wait && !isFinal(e)) {
      await new Promise<void>((resolve) => {
        const set = waiters.get(e.id) ?? new Set();
        waiters.set(e.id, set);
        const wake = () => {
          // Woken by every change (pending -> started too); only the end counts.
          if (isFinal(found())) done();
        };
        const done = () => {
          clearTimeout(timer);
          set.delete(wake);
          if (set.size === 0) waiters.delete(e.id);
          req.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, wait! * 1000);
        set.add(wake);
        req.signal.addEventListener('abort', done, { once: true });
      });
      e = found();
    }
    return { status: 200, body: e };
  }

  function cancelExecution(req: Request, [id]: string[]): Answer {
    return { status: 200, body: service.cancelExecution(req.account, id!) };
  }

  function listSpots(req: Request): Answer {
    const state = oneOf(req.query, 'state', ['provisioning', 'active', 'terminating', 'removed']);
    const page = pagination(req.query);
    const { total, spots } = store.listSpots(
      req.account,
      { state, metro: req.query.get('metro') ?? undefined, bid: req.query.get('bid') ?? undefined },
      page.perPage,
      page.offset,
    );
    return { status: 200, body: { spots: service.presentAll(spots), meta: meta(req, page, total) } };
  }

  function addSpot(req: Request): Answer {
    const body = objectBody(req.body, true);
    const errors = unknownFields(body, ['metro', 'plan', 'max_bid_price']);
    if (body.metro !== undefined && typeof body.metro !== 'string') errors.push('metro: must be a string');
    if (body.plan !== undefined && typeof body.plan !== 'string') errors.push('plan: must be a string');
    if (body.max_bid_price !== undefined && !isPrice(body.max_bid_price)) {
      errors.push('max_bid_price: must be a number greater than 0');
    }
    if (errors.length) throw new HttpError(422, errors);
    return accepted(service.addSpot(req.account, body as { metro?: string; plan?: string; max_bid_price?: number }));
  }

  function getSpot(req: Request, [id]: string[]): Answer {
    const spot = store.spot(req.account, id!);
    if (!spot) throw new HttpError(404, [`no spot '${id}'`]);
    return { status: 200, body: service.present(spot) };
  }

  function updateSpot(req: Request, [id]: string[]): Answer {
    const body = objectBody(req.body, false);
    const errors = unknownFields(body, ['spot_instance', 'hostname', 'tags', 'description', 'locked']);
    if (Object.keys(body).length === 0) errors.push('body: give at least one of spot_instance, hostname, tags, description, locked');
    if (body.spot_instance !== undefined && body.spot_instance !== false) errors.push('spot_instance: only false (convert to on-demand) is allowed');
    if (body.hostname !== undefined && !(typeof body.hostname === 'string' && /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(body.hostname))) {
      errors.push('hostname: must be 1 to 253 letters, digits, dots or dashes');
    }
    if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => typeof t === 'string'))) errors.push('tags: must be an array of strings');
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') errors.push('description: must be a string or null');
    if (body.locked !== undefined && typeof body.locked !== 'boolean') errors.push('locked: must be true or false');
    if (errors.length) throw new HttpError(422, errors);
    const spot = store.spot(req.account, id!);
    if (!spot) throw new HttpError(404, [`no spot '${id}'`]);
    if (spot.state === 'removed') throw new HttpError(409, [`spot ${spot.id} is removed`]);
    const changes: Partial<Spot> = {};
    if (body.hostname !== undefined) changes.hostname = body.hostname as string;
    if (body.tags !== undefined) changes.tags = body.tags as string[];
    if (body.description !== undefined) changes.description = body.description as string | null;
    if (body.locked !== undefined) changes.locked = body.locked as boolean;
    if (body.spot_instance === false && spot.spot_instance) {
      if (!allowed(SPOT_TRANSITIONS, spotPhase(spot), 'convert')) {
        throw new HttpError(409, [`spot ${spot.id} is already marked for termination at ${spot.termination_time}; too late to convert`]);
      }
      changes.spot_instance = false;
      changes.spot_price_max = null;
      changes.price = findPlan(spot.plan)!.pricing.hour;
    }
    return { status: 200, body: service.present(store.updateSpot(spot.id, changes, service.now())) };
  }

  function listBids(req: Request): Answer {
    const page = pagination(req.query);
    const { total, rows } = store.listBidRows(req.account, page.perPage, page.offset);
    return { status: 200, body: { spot_market_requests: rows.map((r) => service.toBid(r)), meta: meta(req, page, total) } };
  }

  function getBid(req: Request, [id]: string[]): Answer {
    const bid = service.bid(req.account, id!);
    if (!bid) throw new HttpError(404, [`no bid '${id}'`]);
    return { status: 200, body: bid };
  }

  function createBid(req: Request): Answer {
    const body = objectBody(req.body, false);
    const errors = unknownFields(body, ['devices_min', 'devices_max', 'max_bid_price', 'metro', 'end_at', 'instance_parameters']);
    const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_BID_DEVICES;
    if (!count(body.devices_min)) errors.push(`devices_min: must be a whole number from 1 to ${MAX_BID_DEVICES}`);
    if (!count(body.devices_max)) errors.push(`devices_max: must be a whole number from 1 to ${MAX_BID_DEVICES}`);
    else if (count(body.devices_min) && (body.devices_max as number) < (body.devices_min as number)) errors.push('devices_max: must be at least devices_min');
    if (!isPrice(body.max_bid_price)) {
      errors.push('max_bid_price: must be a number greater than 0');
    }
    if (typeof body.metro !== 'string') errors.push('metro: required');
    else if (!findMetro(body.metro)) errors.push(`metro: unknown metro '${body.metro}' (known: ${METROS.map((m) => m.code).join(', ')})`);
    if (body.end_at !== undefined) {
      const ms = typeof body.end_at === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(body.end_at) ? Date.parse(body.end_at) : NaN;
      if (!Number.isFinite(ms)) errors.push('end_at: must be an ISO 8601 time');
      else if (ms <= service.now()) errors.push('end_at: must be in the future');
    }
    const ip = body.instance_parameters as Record<string, unknown> | undefined;
    if (typeof ip !== 'object' || ip === null || Array.isArray(ip)) errors.push('instance_parameters: required, an object with at least plan');
    else {
      if (typeof ip.plan !== 'string') errors.push('instance_parameters.plan: required');
      else if (!findPlan(ip.plan)) errors.push(`instance_parameters.plan: unknown plan '${ip.plan}' (known: ${PLANS.map((p) => p.slug).join(', ')})`);
      if (ip.hostname !== undefined && !(typeof ip.hostname === 'string' && /^[A-Za-z0-9][A-Za-z0-9.-]{0,200}$/.test(ip.hostname))) {
        errors.push('instance_parameters.hostname: must be letters, digits, dots or dashes');
      }
      for (const k of ['operating_system', 'description'] as const) if (ip[k] !== undefined && typeof ip[k] !== 'string') errors.push(`instance_parameters.${k}: must be a string`);
      if (ip.tags !== undefined && !(Array.isArray(ip.tags) && ip.tags.every((t) => typeof t === 'string'))) errors.push('instance_parameters.tags: must be an array of strings');
      if (nestedDeeperThan(ip, MAX_NESTING)) errors.push(`instance_parameters: nested more than ${MAX_NESTING} levels deep`);
    }
    if (errors.length) throw new HttpError(422, errors);
    return { status: 201, body: service.createBid(req.account, body as unknown as BidCreateRequest) };
  }

  function deleteBid(req: Request, [id]: string[]): Answer {
    const body = req.body === undefined ? {} : objectBody(req.body, false);
    const errors = unknownFields(body, ['force_termination']);
    const q = req.query.get('force_termination');
    if (q !== null && q !== 'true' && q !== 'false') errors.push('force_termination: must be true or false');
    if (body.force_termination !== undefined && typeof body.force_termination !== 'boolean') errors.push('force_termination: must be true or false');
    if (errors.length) throw new HttpError(422, errors);
    return { status: 200, body: service.cancelBid(req.account, id!, q === 'true' || body.force_termination === true) };
  }

  function setPrice(req: Request): Answer {
    const body = objectBody(req.body, false);
    const errors = unknownFields(body, ['metro', 'plan', 'price']);
    // Never String() a value from the body: {"toString": 1} makes it throw.
    if (typeof body.metro !== 'string') errors.push('metro: required, a string');
    else if (!findMetro(body.metro)) errors.push(`metro: unknown metro '${body.metro}'`);
    if (typeof body.plan !== 'string') errors.push('plan: required, a string');
    else if (!findPlan(body.plan)) errors.push(`plan: unknown plan '${body.plan}'`);
    if (!(body.price === null || isPrice(body.price))) {
      errors.push('price: must be a number greater than 0, or null');
    }
    if (errors.length) throw new HttpError(422, errors);
    service.setPrice(body.metro as string, body.plan as string, body.price as number | null);
    const price = service.marketPrice(body.metro as string, body.plan as string);
    return { status: 200, body: { spot_market_prices: { [body.metro as string]: { [body.plan as string]: { price } } } } };
  }

  function prices(req: Request): Answer {
    const metro = req.query.get('metro') ?? undefined;
    const plan = req.query.get('plan') ?? undefined;
    const errors: string[] = [];
    if (metro && !findMetro(metro)) errors.push(`metro: unknown metro '${metro}'`);
    if (plan && !findPlan(plan)) errors.push(`plan: unknown plan '${plan}'`);
    if (errors.length) throw new HttpError(422, errors);
    const out: Record<string, Record<string, { price: number }>> = {};
    for (const m of METROS) {
      if (metro && m.code !== metro) continue;
      const byPlan: Record<string, { price: number }> = {};
      for (const p of PLANS) if (!plan || p.slug === plan) byPlan[p.slug] = { price: service.marketPrice(m.code, p.slug) };
      out[m.code] = byPlan;
    }
    return { status: 200, body: { spot_market_prices: out } };
  }

  function history(req: Request): Answer {
    const metro = req.query.get('metro');
    const plan = req.query.get('plan');
    const errors: string[] = [];
    if (!metro) errors.push('metro: required');
    else if (!findMetro(metro)) errors.push(`metro: unknown metro '${metro}'`);
    if (!plan) errors.push('plan: required');
    else if (!findPlan(plan)) errors.push(`plan: unknown plan '${plan}'`);
    const nowS = Math.floor(service.now() / 1000);
    const until = timeParam(req.query.get('until'), 'until', errors) ?? nowS;
    const from = timeParam(req.query.get('from'), 'from', errors) ?? until - 86_400;
    if (errors.length) throw new HttpError(422, errors);
    if (from >= until) throw new HttpError(422, ['from: must be before until']);
    const start = Math.max(from, nowS - HISTORY_MAX_SECONDS);
    const end = Math.min(until, nowS);
    const points = end < start ? [] : service.prices.history(metro!, plan!, start, end);
    return { status: 200, body: { prices: points } };
  }

  function clock(): Answer {
    const now = service.now();
    return { status: 200, body: { now: isoSeconds(now), offset_seconds: (now - Date.now()) / 1000 } };
  }

  function advanceClock(req: Request): Answer {
    const body = objectBody(req.body, false);
    const errors = unknownFields(body, ['advance_seconds']);
    const room = Math.floor((LATEST_CLOCK_MS - service.now()) / 1000);
    if (!(typeof body.advance_seconds === 'number' && body.advance_seconds > 0)) errors.push('advance_seconds: must be a number greater than 0');
    // The offset is stored: a clock past what a Date can hold (1e400 is read
    // as Infinity) would fail every later request, and every restart.
    else if (body.advance_seconds > room) errors.push(`advance_seconds: at most ${Math.max(0, room)} now, so that the clock stays before ${new Date(LATEST_CLOCK_MS).toISOString()}`);
    if (errors.length) throw new HttpError(422, errors);
    service.advanceClock(body.advance_seconds as number);
    return clock();
  }

  /** Anyone may ask whether it is up; what it is and where (pid, data directory, faults) is for its token holders. */
  function health(raw: IncomingMessage): Answer {
    if (!authenticate(raw)) return { status: 200, body: { status: 'ok' } satisfies SandboxHealth };
    const body: SandboxHealth = { status: 'ok', version: opts.version, pid: process.pid, data_dir: opts.dataDir, admin: opts.admin };
    if (opts.rateLimit) body.rate_limit = opts.rateLimit;
    if (opts.faults) {
      body.faults = { spec: describeFaults(opts.faults.spec), requests: opts.faults.requests, injected: { ...opts.faults.injected } };
    }
    return { status: 200, body };
  }

  function authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    const token = header?.startsWith('Token ') ? header.slice(6).trim() : (req.headers['x-auth-token'] as string | undefined);
    if (!token) return undefined;
    // Looked up by its SHA-256: the comparison never runs over the token's
    // own bytes, so its timing says nothing about how much of it matched.
    return store.accountForToken(token);
  }

  function runIdempotent(req: Request, route: Route, params: string[]): Answer | Promise<Answer> {
    if (!route.mutates || !req.idempotencyKey) return route.handler(req, params);
    const key = req.idempotencyKey;
    // The query is part of the request: DELETE of a bid with and without
    // ?force_termination=true are two requests, never one replayed as the other.
    const query = [...req.query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = createHash('sha256').update(`${req.method} ${req.path}\n${JSON.stringify(query)}\n${req.rawBody}`).digest('hex');
    const tx = store.db.transaction((): Answer => {
      const now = service.now();
      const seen = store.idempotent(req.account, key);
      if (seen && now - seen.created_ms < IDEMPOTENCY_TTL_MS) {
        if (seen.request_hash !== hash) {
          throw new HttpError(422, ['Idempotency-Key: already used with a different request']);
        }
        return { status: seen.status, body: JSON.parse(seen.body), headers: { 'idempotent-replayed': 'true' } };
      }
      // The work and its record commit together: a crash can't leave one without the other.
      const answer = route.handler(req, params) as Answer;
      store.remember(req.account, key, hash, answer.status, JSON.stringify(answer.body), now);
      return answer;
    });
    // A failure rolls back with the work, so it is not remembered: the same
    // key may be retried once the cause is fixed.
    return tx();
  }

  const limiter = opts.rateLimit ? new RateLimiter(opts.rateLimit) : undefined;

  return (req, res) => {
    const started = performance.now();
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    // Faults hit the API only: health checks and the control routes stay reliable.
    const fault = opts.faults && req.url?.startsWith('/api/') ? opts.faults.draw() : undefined;
    const logLine = (outcome: string) =>
      opts.log?.(`${req.method} ${req.url} ${outcome} ${Math.round(performance.now() - started)}ms`);
    void (async () => {
      if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      const kind = fault?.kind;
      if (kind?.startsWith('status-')) {
        const status = Number(kind.slice(7));
        const headers = status === 429 ? { 'retry-after': '1' } : undefined;
        send(res, { status, body: { errors: [`injected fault: ${status}`] }, headers });
        return logLine(`${status} (injected)`);
      }
      if (kind === 'drop-before' || kind === 'reset-before') {
        cut(req.socket, kind);
        return logLine(`${kind} (injected)`);
      }
      const answer = await handle(req, controller.signal).catch((err: unknown) => errorAnswer(err));
      if (kind === 'drop-after' || kind === 'reset-after') {
        cut(req.socket, kind);
        return logLine(`${answer.status} then ${kind} (injected)`);
      }
      send(res, answer);
      logLine(String(answer.status));
    })();
  };

  async function handle(raw: IncomingMessage, signal: AbortSignal): Promise<Answer> {
    const url = new URL(raw.url ?? '/', 'http://sandbox');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = raw.method ?? 'GET';
    const rawBody = await readBody(raw);
    if (path === '/_sandbox/health' && method === 'GET') return health(raw);
    const matches = routes.filter((r) => r.pattern.test(path));
    if (matches.length === 0) throw new HttpError(404, [`no route ${path}`]);
    const route = matches.find((r) => r.method === method);
    if (!route) throw new HttpError(405, [`${method} is not allowed on ${path}`], { allow: matches.map((r) => r.method).join(', ') });
    const account = authenticate(raw);
    if (!account) throw new HttpError(401, ['missing or invalid token']);
    const waitSeconds = limiter?.take(account);
    if (waitSeconds !== undefined) {
      throw new HttpError(429, [`rate limit exceeded: ${opts.rateLimit}/s per token`], { 'retry-after': String(waitSeconds) });
    }
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new HttpError(400, ['body: not valid JSON']);
      }
    }
    const key = raw.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key !== '' ? key : undefined;
    if (idempotencyKey && idempotencyKey.length > 255) throw new HttpError(422, ['Idempotency-Key: at most 255 characters']);
    service.tick();
    service.marketTick(false);
    const params = route.pattern.exec(path)!.slice(1).map(pathParam);
    return runIdempotent({ method, path, query: url.searchParams, body, rawBody, account, idempotencyKey, signal }, route, params);
  }
}


function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, [`body: larger than ${MAX_BODY_BYTES} bytes`]));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}

function errorAnswer(err: unknown): Answer {
  if (err instanceof HttpError) return { status: err.status, body: { errors: err.messages }, headers: err.headers };
  const unavailable = databaseUnavailable(err);
  if (unavailable) {
    return {
      status: 503,
      body: { errors: [`the sandbox's database is unavailable just now (${unavailable}); nothing was done, try again`] },
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { errors: [`internal error: ${message}`] } };
}

function objectBody(body: unknown, optional: boolean): Record<string, unknown> {
  if (body === undefined && optional) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(422, ['body: must be a JSON object']);
  return body as Record<string, unknown>;
}

function unknownFields(body: Record<string, unknown>, known: string[]): string[] {
  return Object.keys(body)
    .filter((k) => !known.includes(k))
    .map((k) => `${k}: unknown field`);
}

/** JSON.parse reads 1e400 as Infinity, which would be stored and then sent back as null. */
function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Looks no deeper than `limit`, so its own recursion stays shallow whatever the value. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => nestedDeeperThan(v, limit - 1));
}

/** A path segment decoded; one that is not valid percent-encoding names nothing, so 404. */
function pathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, [`id: '${raw}' is not valid percent-encoding`]);
  }
}

function oneOf(query: URLSearchParams, name: string, allowed: string[]): string | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!allowed.includes(v)) throw new HttpError(422, [`${name}: must be one of ${allowed.join(', ')}`]);
  return v;
}

interface PageSpec {
  page: number;
  perPage: number;
  offset: number;
}

function pagination(query: URLSearchParams): PageSpec {
  const errors: string[] = [];
  const read = (name: string, fallback: number, max: number) => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > max) {
      errors.push(`${name}: must be a whole number from 1 to ${max}`);
      return fallback;
    }
    return n;
  };
  const page = read('page', 1, MAX_PAGE);
  const perPage = read('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if (errors.length) throw new HttpError(422, errors);
  return { page, perPage, offset: (page - 1) * perPage };
}

function meta(req: Request, page: PageSpec, total: number): Meta {
  const lastPage = Math.max(1, Math.ceil(total / page.perPage));
  const href = (p: number) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('per_page', String(page.perPage));
    return { href: `${req.path}?${q.toString()}` };
  };
  return {
    total,
    current_page: page.page,
    last_page: lastPage,
    first: href(1),
    previous: page.page > 1 ? href(page.page - 1) : null,
    next: page.page < lastPage ? href(page.page + 1) : null,
    last: href(lastPage),
    self: href(page.page),
  };
}

function timeParam(raw: string | null, name: string, errors: string[]): number | undefined {
  if (raw === null || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    errors.push(`${name}: must be an ISO 8601 time or Unix seconds`);
    return undefined;
  }
  return Math.floor(ms / 1000);
}
