// The sandbox's HTTP side: every request goes through the same steps, in
// this order, and any step may end it with an answer of its own:
//
//   faults (--faults, /api/ only) -> route (404, 405) -> auth (401)
//   -> admin only? (404) -> rate limit (429) -> body (413, 415, 400)
//   -> validation against openapi/fas.yaml and the route's checks (422)
//   -> the clock moves what is due -> the route's handler, inside one
//   transaction with its Idempotency-Key record when it changes something.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';
import { cut } from '../faults.js';
import { RateLimiter } from '../rate-limit.js';
import type { Service } from '../service/service.js';
import type { SandboxInfo } from '../routes/context.js';
import { allRoutes } from '../routes/index.js';
import { operations } from '../../api/operations.gen.js';
import type { OperationId, OperationSpec } from '../../api/operations.js';
import { errorReply, send, type Reply } from './reply.js';
import { authenticate } from './auth.js';
import { readBody } from './body.js';
import { runMutation } from './idempotency.js';
import { keysOf, Waiters } from './long-poll.js';
import type { AnyEndpoint, ValidRequest } from './endpoint.js';
import { Router } from './router.js';
import { readTarget } from './target.js';
import { Checks, readHeaders, readQuery, validate, type RequestParts } from './validate.js';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from '../unavailable.js';

export interface HandlerOptions extends SandboxInfo {
  service: Service;
  log?: ((line: string) => void) | undefined;
}

export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { service } = opts;
  // One set of waiters for every long poll, woken by the store once a commit changed what they wait on.
  const waiters = new Waiters((wake) => service.store.notifier.listen((committed) => wake(keysOf(committed))));
  const routes = allRoutes({ service, waiters, sandbox: opts });
  const router = new Router(withSpecs(routes));
  const limiter = opts.rateLimit ? new RateLimiter(opts.rateLimit) : undefined;

  // A read moves what is due before it answers, when the database can be
  // written; when it cannot (locked by another process, a full disk), the
  // read is answered from what is written rather than refused, and for a
  // second reads do not wait on the database again.
  let clockStuckUntil = 0;
  function moveClockForRead(): void {
    if (performance.now() < clockStuckUntil) return;
    try {
      service.tick();
      service.tickMarket(false);
    } catch (err) {
      if (!databaseUnavailable(err)) throw err;
      clockStuckUntil = performance.now() + RETRY_AFTER_SECONDS * 1000;
    }
  }

  async function handle(raw: IncomingMessage, signal: AbortSignal): Promise<Reply> {
    const url = readTarget(raw.url);
    if (!url) throw new HttpError(404, ['no route: the request target must be a path']);
    const { path } = url;
    const method = raw.method ?? 'GET';
    const { route, params } = router.match(method, path);
    const account = authenticate(service.store, raw.headers) ?? '';
    if (!route.public) {
      if (!account) throw new HttpError(401, ['missing or invalid token']);
      if (route.admin && !opts.admin) throw new HttpError(404, ['not found (control routes need a sandbox started with --admin)']);
      const waitSeconds = limiter?.take(account);
      if (waitSeconds !== undefined) {
        throw new HttpError(429, [`rate limit exceeded: ${opts.rateLimit}/s per token`], { 'retry-after': String(waitSeconds) });
      }
    }
    const { spec } = route;
    const body = spec.body === 'none' ? { text: '', value: undefined } : await readBody(raw);
    const parts: RequestParts = {
      path: params,
      query: readQuery(spec, url.search),
      headers: readHeaders(spec, raw.headers),
      ...(body.value === undefined ? {} : { body: body.value }),
    };
    const { failed, lines } = validate(spec, parts);
    // Validated against its operation's schema: from here it is the request that schema types.
    const req = { account, params, query: parts.query, body: body.value, url: { path, search: url.search }, signal } as ValidRequest<OperationId>;
    const checks = new Checks(failed);
    route.check?.(req, checks);
    if (lines.length || checks.lines.length) throw new HttpError(422, [...lines, ...checks.lines]);
    if (route.public) return route.handle(req);

    if (!route.mutates) {
      moveClockForRead();
      return route.handle(req);
    }
    service.tick();
    service.tickMarket(false);
    const mutation = { account, idempotencyKey: parts.headers['idempotency-key'], method, path, search: url.search, bodyText: body.text };
    return runMutation(service.store, service.now(), mutation, () => route.handle(req));
  }

  return (req, res) => {
    const started = performance.now();
    const controller = new AbortController();
    res.on('close', () => {
      // A request still waiting (a long poll) when its client goes; after an answer there is nothing to stop.
      if (!res.writableFinished) controller.abort();
    });
    // Faults hit the API only: health checks and the control routes stay reliable.
    const fault = opts.faults && req.url?.startsWith('/api/') ? opts.faults.draw() : undefined;
    const logLine = (outcome: string) => opts.log?.(`${req.method} ${req.url} ${outcome} ${Math.round(performance.now() - started)}ms`);
    void (async () => {
      if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      const kind = fault?.kind;
      if (kind?.startsWith('status-')) {
        const status = Number(kind.slice(7));
        // As the real 429 and 503 do: a client waits as told, and knows a 503 did nothing.
        const retryAfter = status === 429 || status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : undefined;
        send(res, { status, body: { errors: [`injected fault: ${status}`] }, headers: retryAfter }, service.now());
        return logLine(`${status} (injected)`);
      }
      if (kind === 'drop-before' || kind === 'reset-before') {
        cut(req.socket, kind);
        return logLine(`${kind} (injected)`);
      }
      const reply = await handle(req, controller.signal).catch((err: unknown) => errorReply(err));
      if (kind === 'drop-after' || kind === 'reset-after') {
        cut(req.socket, kind);
        return logLine(`${reply.status} then ${kind} (injected)`);
      }
      send(res, reply, service.now());
      logLine(String(reply.status));
    })();
  };
}

/** Each route with its operation in the document: one route for every operation, at its method and path. */
function withSpecs(routes: AnyEndpoint[]): (AnyEndpoint & { spec: OperationSpec })[] {
  const served = new Set(routes.map((r) => r.operationId));
  const missing = Object.keys(operations).filter((id) => !served.has(id as OperationId));
  if (missing.length) throw new Error(`openapi/fas.yaml has operations no route serves: ${missing.join(', ')}`);
  return routes.map((route) => {
    const spec = operations[route.operationId as OperationId];
    if (spec.method !== route.method || spec.path !== route.path) {
      throw new Error(`route ${route.method} ${route.path} says it is ${route.operationId}, which openapi/fas.yaml has at ${spec.method} ${spec.path}`);
    }
    return { ...route, spec };
  });
}
