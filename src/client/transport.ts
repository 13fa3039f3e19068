// HTTP for the FaaSpot API: one pool per API origin, typed errors for every
// failure, and retries that can never buy the same thing twice (a request that
// changes something is retried only because it carries an Idempotency-Key).
import { FasError, InterruptedError, TimeoutError } from '../errors.js';
import { redact } from '../redact.js';
import { parseApiUrl } from './api-url.js';
import { Connection } from './attempt.js';
import { errorCode, errorForStatus, isLostAnswer, isRetryableSocketError, lostAnswer, networkError, notAnAnswer, parseBody, type Answer } from './failures.js';
import { decideRetry, parseRetryAfter, RETRYABLE_STATUS, type Failure } from './retry.js';
import { sleep } from './timer.js';

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
/** An array is sent as its name repeated, once per value (`?tag=a&tag=b`). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

export interface TransportOptions {
  apiUrl: string;
  token?: string | undefined;
  /** Extra attempts after the first for transient failures. Default 5: about 6 s of backoff at most. */
  retries?: number | undefined;
  /**
   * How long one attempt may take in all, from sending the request to the
   * last byte of the answer (a long poll's hold is added). Default 30 s.
   */
  requestTimeoutMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /** Allow plain http:// to a host that is not loopback. */
  insecure?: boolean | undefined;
  userAgent?: string | undefined;
  /** Receives one line per request, answer and retry; the token is never in it. */
  onTrace?: ((line: string) => void) | undefined;
  /** Called before each retry, so a caller can count or report them. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

export interface RetryInfo {
  method: Method;
  path: string;
  attempt: number;
  delayMs: number;
  reason: string;
  /** The delay is the server's own Retry-After, not the client's backoff. */
  retryAfter: boolean;
}

export interface RequestSpec {
  method: Method;
  /** The path below the API URL, its segments already checked (see path.ts). */
  path: string;
  query?: Query | undefined;
  body?: unknown;
  /** Reused across the retries of one logical operation; made up when absent on PUT/POST/DELETE. */
  idempotencyKey?: string | undefined;
  /** The server may hold the answer this long (long poll): the timeout grows by as much. */
  holdMs?: number | undefined;
  /** The caller's own deadline (epoch ms): no retry waits past it. */
  deadline?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Checks a 2xx body's shape (see shapes.ts) and gives it its type. */
  shape?: ((body: unknown) => unknown) | undefined;
}

export class HttpTransport {
  readonly apiUrl: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly retries: number;
  private readonly requestTimeoutMs: number;
  private readonly connection: Connection;
  /**
   * Whether something has ever listened at the API URL for this client: it
   * answered, or took a request and dropped it (see retry.ts, REFUSED_GRACE_MS).
   */
  private contacted = false;
  /** See FasClient.serverTimeOffsetMs. */
  serverTimeOffsetMs: number | undefined;

  constructor(private readonly options: TransportOptions) {
    const url = parseApiUrl(options.apiUrl, options.insecure ?? false);
    this.apiUrl = url.href.replace(/\/$/, '');
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
    this.retries = options.retries ?? 5;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.connection = new Connection(this.origin, options.connectTimeoutMs ?? 10_000);
  }

  /** The 2xx answer's body, shape-checked; a typed error for anything else, after the retries it deserves. */
  async request<T>(spec: RequestSpec): Promise<T> {
    // node:crypto is loaded only here: a GET needs no key, and it costs a GET's start-up a few ms.
    const key = spec.method === 'GET' ? undefined : (spec.idempotencyKey ?? (await import('node:crypto')).randomUUID());
    const started = Date.now();
    let firstFailure: number | undefined;
    // Whether an earlier attempt may have done the work: a later refusal does not undo that.
    let lost = false;
    const fail = (error: FasError) => (lost && key ? lostAnswer(error, key) : error);
    for (let attempt = 0; ; attempt++) {
      let outcome: { body: T } | Failure;
      try {
        outcome = await this.attempt<T>(spec, key);
      } catch (err) {
        throw err instanceof FasError ? fail(err) : err;
      }
      if ('body' in outcome) return outcome.body;
      lost ||= outcome.lost;
      firstFailure ??= Date.now();
      const next = decideRetry(outcome, attempt, this.retries, { started, firstFailure, deadline: spec.deadline });
      if ('error' in next) {
        if (next.why) this.trace(`no retry of ${spec.method} ${spec.path}: ${next.why}`);
        throw fail(next.error);
      }
      // The error is not out of the client yet, nor masked (see FasClient): its words, told here, are.
      const reason = outcome.error.message;
      this.options.onRetry?.({ method: spec.method, path: spec.path, attempt: attempt + 1, delayMs: next.delayMs, reason: this.redact(reason), retryAfter: next.retryAfter });
      this.trace(`retry ${attempt + 1}/${this.retries} of ${spec.method} ${spec.path} in ${next.delayMs} ms: ${reason}`);
      await sleep(next.delayMs, spec.signal);
    }
  }

  /** One attempt: the body, or what went wrong and whether to try again. Throws what must end the call. */
  private async attempt<T>(spec: RequestSpec, key: string | undefined): Promise<{ body: T } | Failure> {
    let answer: Answer;
    try {
      answer = await this.send(spec, key);
    } catch (err) {
      if (spec.signal?.aborted) throw new InterruptedError('interrupted', { cause: err });
      // The caller's deadline, not the request's own limit, cut it short: the call is over, not the attempt.
      if (errorCode(err) === 'FAS_REQUEST_TIMEOUT' && spec.deadline !== undefined && Date.now() >= spec.deadline) {
        const late = new TimeoutError(`no answer to ${spec.method} ${spec.path} before the deadline`, { cause: err, url: this.apiUrl, code: 'deadline_reached' });
        throw key ? lostAnswer(late, key) : late;
      }
      // An answer too large to read: the server answered, but what it said is not known.
      if (err instanceof FasError) throw key ? lostAnswer(err, key) : err;
      const lost = isLostAnswer(err);
      this.contacted ||= lost;
      const refusedUnheard = errorCode(err) === 'ECONNREFUSED' && !this.contacted;
      return { error: networkError(err, this.apiUrl, { transient: !refusedUnheard }), retryable: isRetryableSocketError(err), lost };
    }
    this.contacted = true;
    if (answer.status >= 200 && answer.status < 300) {
      try {
        const body = parseBody(answer, this.apiUrl);
        return { body: (spec.shape ? spec.shape(body) : body) as T };
      } catch (err) {
        if (!(err instanceof FasError)) throw err;
        // The server did the work, or says it did: only its answer is unreadable.
        throw key ? lostAnswer(err, key) : err;
      }
    }
    if (answer.status < 400) throw notAnAnswer(answer, this.apiUrl);
    return {
      error: errorForStatus(answer, this.apiUrl, key),
      retryable: RETRYABLE_STATUS.has(answer.status),
      retryAfterMs: parseRetryAfter(answer.retryAfter),
      // A 5xx may come after the work was done (a gateway, a crash on the way
      // out), except a 503 with Retry-After: the server turned it away, as with 429.
      lost: answer.status >= 500 && !(answer.status === 503 && answer.retryAfter !== undefined),
    };
  }

  private async send(spec: RequestSpec, idempotencyKey: string | undefined): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.options.userAgent ?? 'fas' };
    if (this.options.token) headers.authorization = `Token ${this.options.token}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    const path = this.basePath + spec.path + queryString(spec.query);
    const started = performance.now();
    this.trace(`> ${spec.method} ${this.origin}${path}${idempotencyKey ? ` (Idempotency-Key: ${idempotencyKey})` : ''}${body ? ` ${body}` : ''}`);
    const answer = await this.connection.send({
      method: spec.method,
      path,
      headers,
      body,
      // A caller's deadline bounds the attempt too: a server slow to answer must not hold the call past it.
      deadline: Math.min(Date.now() + this.requestTimeoutMs + (spec.holdMs ?? 0), spec.deadline ?? Infinity),
      signal: spec.signal,
      what: `${spec.method} ${spec.path}`,
    });
    this.trace(`< ${answer.status} ${spec.method} ${path} (${Math.round(performance.now() - started)} ms, ${answer.text.length} bytes)`);
    this.noteServerTime(answer.date);
    return answer;
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  /**
   * The API's clock against ours, from an answer's Date. Date has whole
   * seconds, cut short: the server's time was half a second past it on
   * average, which keeps a server on our own clock within half a second of 0.
   */
  private noteServerTime(date: string | undefined): void {
    const at = date === undefined ? NaN : Date.parse(date);
    if (Number.isFinite(at)) this.serverTimeOffsetMs = at + 500 - Date.now();
  }

  /**
   * The lines this transport gives out itself (traces, retry reasons) may
   * quote a server's answer: the token is masked in them here. Its errors are
   * masked as they leave the client (see FasClient).
   */
  private redact(text: string): string {
    return redact(text, this.options.token);
  }

  private trace(line: string): void {
    this.options.onTrace?.(this.redact(line));
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const item of v as readonly string[]) params.append(k, item);
    else if (v !== undefined && v !== null) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
