// HTTP for the FaaSpot API: one pool per API origin, typed errors for every
// failure, and retries that can never buy the same thing twice (a request that
// changes something is retried only because it carries an Idempotency-Key).
import {
  AuthError,
  ConflictError,
  InterruptedError,
  NetworkError,
  NotFoundError,
  ServerError,
  UsageError,
  FasError,
} from '../errors.js';
import { redact } from '../redact.js';
import { errorMessageOf, notJson } from './error-body.js';
import { sleep, withDeadline } from './timer.js';
import type { Dispatcher, Pool } from './undici-lean.js';

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null>;

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

export interface ApiResponse<T> {
  status: number;
  body: T;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
/**
 * The retry budget: the retries of one request end this long after its first
 * failure, whatever --retries allows, so no server (Retry-After: 999999) and
 * no network can keep a call silent for minutes.
 */
export const RETRY_BUDGET_MS = 60_000;
/**
 * A refused connection before anything has ever listened at the API URL for
 * this client means nothing is there: retried for this long only (a server
 * that is just starting), so that fas says so at once.
 */
const REFUSED_GRACE_MS = 1_000;
/** The largest answer read; the rest of a larger one is not read at all. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

interface Answer {
  status: number;
  text: string;
  contentType: string | undefined;
  retryAfter: string | undefined;
  location: string | undefined;
}

interface Failure {
  error: FasError;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  /** The request may have been done although its answer did not come through. */
  lost: boolean;
}

/** One attempt ran past its time limit. */
class AttemptTimeout extends Error {
  readonly code = 'FAS_REQUEST_TIMEOUT';
}

export class HttpTransport {
  readonly apiUrl: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly retries: number;
  private readonly requestTimeoutMs: number;
  private pool: Pool | undefined;
  private lean: typeof import('./undici-lean.js') | undefined;
  /**
   * Whether something has ever listened at the API URL for this client: it
   * answered, or took a request and dropped it (see REFUSED_GRACE_MS).
   */
  private contacted = false;

  constructor(private readonly options: TransportOptions) {
    const url = parseApiUrl(options.apiUrl, options.insecure ?? false);
    this.apiUrl = url.href.replace(/\/$/, '');
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
    this.retries = options.retries ?? 5;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  async request<T>(spec: RequestSpec): Promise<ApiResponse<T>> {
    // node:crypto is loaded only here: a GET needs no key, and it costs a GET's start-up a few ms.
    const key = spec.method === 'GET' ? undefined : (spec.idempotencyKey ?? (await import('node:crypto')).randomUUID());
    const redactor = (text: string) => this.redact(text);
    const started = Date.now();
    let firstFailure: number | undefined;
    // Whether an earlier attempt may have done the work: a later refusal does not undo that.
    let lost = false;
    const fail = (error: FasError) => (lost && key ? lostAnswer(error, key) : error);
    for (let attempt = 0; ; attempt++) {
      let failure: ApiResponse<T> | Failure;
      try {
        failure = await this.attempt<T>(spec, key, redactor);
      } catch (err) {
        throw err instanceof FasError ? fail(err) : err;
      }
      if ('body' in failure) return failure;
      lost ||= failure.lost;
      if (!failure.retryable || attempt >= this.retries) throw fail(failure.error);

      firstFailure ??= Date.now();
      const delayMs = failure.retryAfterMs ?? backoff(attempt);
      const neverHeard = failure.error instanceof NetworkError && !failure.error.transient;
      const budgetEnd = firstFailure + RETRY_BUDGET_MS;
      const limit = Math.min(budgetEnd, spec.deadline ?? Infinity, neverHeard ? started + REFUSED_GRACE_MS : Infinity);
      const left = limit - Date.now();
      if (delayMs > left) {
        this.trace(`no retry of ${spec.method} ${spec.path}: ${delayMs} ms to wait, ${Math.max(0, Math.round(left))} ms left`);
        if (failure.retryAfterMs === undefined) throw fail(failure.error);
        const status = failure.error instanceof ServerError ? failure.error.status : undefined;
        const room =
          limit === spec.deadline
            ? `the ${seconds(Math.max(0, left))} s left before the deadline`
            : `the ${seconds(RETRY_BUDGET_MS)} s that fas spends retrying one request`;
        throw fail(
          new ServerError(`the server asked to wait ${seconds(delayMs)} s (Retry-After), more than ${room}`, status, {
            hint: 'try again later',
            retryAfterMs: delayMs,
          }),
        );
      }
      const retryAfter = failure.retryAfterMs !== undefined;
      this.options.onRetry?.({ method: spec.method, path: spec.path, attempt: attempt + 1, delayMs, reason: failure.error.message, retryAfter });
      this.trace(`retry ${attempt + 1}/${this.retries} of ${spec.method} ${spec.path} in ${delayMs} ms: ${failure.error.message}`);
      await sleep(delayMs, spec.signal);
    }
  }

  /** One attempt: the answer, or what went wrong and whether to try again. Throws what must end the call. */
  private async attempt<T>(spec: RequestSpec, key: string | undefined, redactor: (text: string) => string): Promise<ApiResponse<T> | Failure> {
    let answer: Answer;
    try {
      answer = await this.once(spec, key);
    } catch (err) {
      if (spec.signal?.aborted) throw new InterruptedError('interrupted', { cause: err });
      // An answer too large to read: the server answered, but what it said is not known.
      if (err instanceof FasError) throw key ? lostAnswer(err, key) : err;
      const lost = isLostAnswer(err);
      this.contacted ||= lost;
      const refusedUnheard = errorCode(err) === 'ECONNREFUSED' && !this.contacted;
      return {
        error: networkError(err, this.apiUrl, { transient: !refusedUnheard }),
        retryable: isTransient(err),
        lost,
      };
    }
    if (answer.status >= 200 && answer.status < 300) {
      try {
        const body = parseBody(answer, this.apiUrl);
        return { status: answer.status, body: (spec.shape ? spec.shape(body) : body) as T };
      } catch (err) {
        if (!(err instanceof FasError)) throw err;
        // The server did the work, or says it did: only its answer is unreadable.
        const unreadable = this.redactError(err);
        throw key ? lostAnswer(unreadable, key) : unreadable;
      }
    }
    if (answer.status < 400) throw notAnAnswer(answer, this.apiUrl, redactor);
    return {
      error: errorForStatus(answer.status, answer.text, answer.contentType, this.apiUrl, redactor),
      retryable: RETRYABLE_STATUS.has(answer.status),
      retryAfterMs: parseRetryAfter(answer.retryAfter),
      // A 5xx may come after the work was done (a gateway, a crash on the way
      // out), except a 503 with Retry-After: the server turned it away, as with 429.
      lost: answer.status >= 500 && !(answer.status === 503 && answer.retryAfter !== undefined),
    };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async once(spec: RequestSpec, idempotencyKey: string | undefined): Promise<Answer> {
    this.lean ??= await import('./undici-lean.js');
    this.pool ??= this.lean.createPool(this.origin, {
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      keepAliveTimeout: 10_000,
    });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'fas',
    };
    if (this.options.token) headers.authorization = `Token ${this.options.token}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let payload: string | undefined;
    if (spec.body !== undefined) {
      payload = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }
    const path = this.basePath + spec.path + queryString(spec.query);
    const started = performance.now();
    this.trace(`> ${spec.method} ${this.origin}${path}${idempotencyKey ? ` (Idempotency-Key: ${idempotencyKey})` : ''}${payload ? ` ${payload}` : ''}`);
    // One time limit for the whole attempt, headers and body: undici's own
    // timers only bound the gaps between bytes, which a trickle never opens.
    const deadline = withDeadline(spec.signal, this.requestTimeoutMs + (spec.holdMs ?? 0));
    try {
      const res: Dispatcher.ResponseData = await this.lean.request(this.pool, {
        method: spec.method,
        path,
        headers,
        body: payload,
        headersTimeout: 0,
        bodyTimeout: 0,
        signal: deadline.signal,
      });
      this.contacted = true;
      const text = await readBody(res, `${spec.method} ${spec.path}`);
      this.trace(`< ${res.statusCode} ${spec.method} ${path} (${Math.round(performance.now() - started)} ms, ${text.length} bytes)`);
      return {
        status: res.statusCode,
        text,
        contentType: headerValue(res.headers['content-type']),
        retryAfter: headerValue(res.headers['retry-after']),
        location: headerValue(res.headers.location),
      };
    } catch (err) {
      if (deadline.expired()) throw new AttemptTimeout('the request timed out', { cause: err });
      throw err;
    } finally {
      deadline.dispose();
    }
  }

  /** A server may echo the request back in its answer; the token must not reach the terminal that way. */
  redact(text: string): string {
    return redact(text, this.options.token);
  }

  /** The error with the token masked in its message and hint, for errors built from what a server said. */
  redactError<E extends FasError>(err: E): E {
    return Object.assign(err, { message: this.redact(err.message), hint: err.hint === undefined ? undefined : this.redact(err.hint) });
  }

  private trace(line: string): void {
    this.options.onTrace?.(this.redact(line));
  }
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseApiUrl(raw: string, insecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid API URL '${raw}': expected e.g. https://api.example.com or http://127.0.0.1:7878`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid API URL '${raw}': only http:// and https:// are supported`);
  }
  if (url.username || url.password) {
    throw new UsageError('invalid API URL: it must not carry credentials; use --token or fas login');
  }
  if (url.protocol === 'http:' && !insecure && !isLoopback(url.hostname)) {
    throw new UsageError(`refusing to send the token over plain http:// to ${url.hostname}`, {
      hint: 'use https://, or pass --insecure if you trust the network',
    });
  }
  return url;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const CHECK_API_URL = 'check the API URL: --api-url, FAS_API_URL, or fas config get api_url';

/** A 1xx or 3xx as the final answer: not what was asked for. Redirects are never followed, so the token goes nowhere else. */
function notAnAnswer(answer: Answer, apiUrl: string, redactor: (text: string) => string): ServerError {
  if (answer.status >= 300 && answer.location) {
    const where = redactor(oneLine(answer.location));
    return new ServerError(`${apiUrl} answered ${answer.status}, a redirect to ${where}; fas does not follow redirects`, answer.status, {
      hint: 'if the API has moved, point fas at its new URL: --api-url, FAS_API_URL, or fas config set api_url',
    });
  }
  return new ServerError(`${apiUrl} answered ${answer.status}, which is not an answer to the request`, answer.status, { hint: CHECK_API_URL });
}

function oneLine(text: string): string {
  // Control characters would break the one line of the message.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

function parseBody(answer: { status: number; text: string; contentType: string | undefined }, apiUrl: string): unknown {
  if (answer.text === '') return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    if (notJson(answer.text, answer.contentType) === 'an HTML page') {
      // Typically a web server or a captive portal at the wrong URL, not the API.
      throw new ServerError(`${apiUrl} answered ${answer.status} with an HTML page, not the API's JSON`, answer.status, { hint: CHECK_API_URL });
    }
    throw new ServerError(`server answered ${answer.status} with a body that is not valid JSON`, answer.status);
  }
}

function errorForStatus(status: number, text: string, contentType: string | undefined, apiUrl: string, redactor: (text: string) => string): FasError {
  // Masked once decoded: a token quoted back JSON-escaped is only spelt out after parsing.
  const found = errorMessageOf(text, contentType);
  const detail = found === undefined ? undefined : redactor(found);
  const said = detail ?? `no error message`;
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new UsageError(`invalid request: ${said}`);
    case 401:
    case 403:
      return new AuthError(`authentication failed: ${said}`, {
        hint: 'check the token: fas login, --token or FAS_TOKEN',
      });
    case 404: {
      // The API says "not found" in JSON. Any other 404 comes from something else at
      // that URL, and exit 4 would tell a script that the spot it asked for is gone.
      const kind = notJson(text, contentType);
      if (kind) return new ServerError(`${apiUrl} answered 404 with ${kind}: is it the FaaSpot API?`, status, { hint: CHECK_API_URL });
      return new NotFoundError(detail ?? 'not found');
    }
    case 409:
      return new ConflictError(detail ?? 'conflict with the current state');
    case 429:
      return new ServerError(`rate limited by the server: ${said}`, status, { hint: 'try again later, or raise --retries' });
    default:
      return new ServerError(`server error ${status}: ${said}`, status);
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'FAS_REQUEST_TIMEOUT',
]);

/** Failures after the request may have reached the server: its answer, not the request, was lost. */
const LOST_ANSWER_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'FAS_REQUEST_TIMEOUT',
]);

function isLostAnswer(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && LOST_ANSWER_CODES.has(code);
}

/** The error, marked as one after which the work may have been done (see FasError.mayHaveSucceeded). */
function lostAnswer(error: FasError, idempotencyKey: string): FasError {
  return Object.assign(error, { idempotencyKey, mayHaveSucceeded: true });
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

function networkError(err: unknown, apiUrl: string, { transient = true } = {}): FasError {
  if (err instanceof FasError) return err;
  const code = errorCode(err);
  const hint = isLoopback(new URL(apiUrl).hostname)
    ? 'is the sandbox running? start it with: fas sandbox start --detach'
    : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`cannot connect to ${apiUrl}: connection refused`, { hint, cause: err, transient });
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      // Something listens there, so "is the sandbox running?" would mislead.
      return new NetworkError(`the connection to ${apiUrl} was closed before an answer came`, { cause: err });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'FAS_REQUEST_TIMEOUT':
      return new NetworkError(`${apiUrl} did not answer in time`, { hint: 'raise --request-timeout', cause: err });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new NetworkError(`cannot connect to ${apiUrl}: timed out`, { hint, cause: err });
    case 'ENOTFOUND':
      return new NetworkError(`cannot resolve the API host of ${apiUrl}`, { cause: err });
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return new NetworkError(`connection to ${apiUrl} failed: ${code ?? message}`, { hint, cause: err });
    }
  }
}

function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  // "Equal jitter": never less than half the ceiling, so retries still back off.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  // Not capped here: one longer than the call can wait ends the call (see request()).
  return Math.max(0, Math.round(ms));
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** The body as text, or a ServerError once it passes MAX_BODY_BYTES: the rest is never read. */
async function readBody(res: Dispatcher.ResponseData, what: string): Promise<string> {
  const tooLarge = () => {
    res.body.destroy();
    return new ServerError(`the answer to ${what} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; fas reads no more of it`, res.statusCode);
  };
  const declared = Number(headerValue(res.headers['content-length']));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
