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
  type FasError,
} from '../errors.js';
import { errorMessageOf, notJson } from './error-body.js';
import type { Dispatcher, Pool } from './undici-lean.js';

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null>;

export interface TransportOptions {
  apiUrl: string;
  token?: string | undefined;
  /** Extra attempts after the first for transient failures. Default 5: about 6 s of backoff at most. */
  retries?: number | undefined;
  /** Longest wait for the answer's headers, and between body chunks. Default 30 s. */
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
  signal?: AbortSignal | undefined;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
const RETRY_AFTER_CAP_MS = 60_000;

export class HttpTransport {
  readonly apiUrl: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly retries: number;
  private readonly requestTimeoutMs: number;
  private pool: Pool | undefined;
  private lean: typeof import('./undici-lean.js') | undefined;

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
    for (let attempt = 0; ; attempt++) {
      let failure: { error: FasError; retryable: boolean; retryAfterMs?: number | undefined };
      try {
        const answer = await this.once(spec, key);
        if (answer.status < 400) return { status: answer.status, body: parseBody<T>(answer, this.apiUrl) };
        failure = {
          error: errorForStatus(answer.status, this.redact(answer.text), answer.contentType, this.apiUrl),
          retryable: RETRYABLE_STATUS.has(answer.status),
          retryAfterMs: parseRetryAfter(answer.retryAfter),
        };
      } catch (err) {
        if (spec.signal?.aborted) throw new InterruptedError('interrupted', { cause: err });
        failure = { error: networkError(err, this.apiUrl), retryable: isTransient(err) };
      }
      if (!failure.retryable || attempt >= this.retries) throw failure.error;
      const delayMs = failure.retryAfterMs ?? backoff(attempt);
      this.options.onRetry?.({ method: spec.method, path: spec.path, attempt: attempt + 1, delayMs, reason: failure.error.message });
      this.trace(`retry ${attempt + 1}/${this.retries} of ${spec.method} ${spec.path} in ${delayMs} ms: ${failure.error.message}`);
      await sleep(delayMs, spec.signal);
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async once(spec: RequestSpec, idempotencyKey: string | undefined) {
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
    const timeout = this.requestTimeoutMs + (spec.holdMs ?? 0);
    const started = performance.now();
    this.trace(`> ${spec.method} ${this.origin}${path}${idempotencyKey ? ` (Idempotency-Key: ${idempotencyKey})` : ''}${payload ? ` ${payload}` : ''}`);
    const res: Dispatcher.ResponseData = await this.lean.request(this.pool, {
      method: spec.method,
      path,
      headers,
      body: payload,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: spec.signal,
    });
    const text = await res.body.text();
    this.trace(`< ${res.statusCode} ${spec.method} ${path} (${Math.round(performance.now() - started)} ms, ${text.length} bytes)`);
    return {
      status: res.statusCode,
      text,
      contentType: headerValue(res.headers['content-type']),
      retryAfter: headerValue(res.headers['retry-after']),
    };
  }

  /** A server may echo the request back in its error; the token must not reach the terminal that way. */
  private redact(text: string): string {
    const token = this.options.token;
    return token ? text.split(token).join('[token]') : text;
  }

  private trace(line: string): void {
    this.options.onTrace?.(line);
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

function parseBody<T>(answer: { status: number; text: string; contentType: string | undefined }, apiUrl: string): T {
  if (answer.text === '') return undefined as T;
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    if (notJson(answer.text, answer.contentType) === 'an HTML page') {
      // Typically a web server or a captive portal at the wrong URL, not the API.
      throw new ServerError(`${apiUrl} answered ${answer.status} with an HTML page, not the API's JSON`, answer.status, { hint: CHECK_API_URL });
    }
    throw new ServerError(`server answered ${answer.status} with a body that is not valid JSON`, answer.status);
  }
}

function errorForStatus(status: number, text: string, contentType: string | undefined, apiUrl: string): FasError {
  const detail = errorMessageOf(text, contentType);
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
]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

function networkError(err: unknown, apiUrl: string): FasError {
  if (err instanceof ServerError || err instanceof UsageError) return err;
  const code = errorCode(err);
  const hint = isLoopback(new URL(apiUrl).hostname)
    ? 'is the sandbox running? start it with: fas sandbox start --detach'
    : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`cannot connect to ${apiUrl}: connection refused`, { hint, cause: err });
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      // Something listens there, so "is the sandbox running?" would mislead.
      return new NetworkError(`the connection to ${apiUrl} was closed before an answer came`, { cause: err });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
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
  return Math.min(Math.max(0, Math.round(ms)), RETRY_AFTER_CAP_MS);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError('interrupted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError('interrupted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
