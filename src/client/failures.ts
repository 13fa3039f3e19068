// What a failed attempt means: the typed error for an answer's status or for
// a network failure, and whether the request may have reached the server
// (a lost answer) or may be tried again (a transient failure).
import { isCursor } from '../api/values.js';
import { AmbiguousIdError, AuthError, ConflictError, CursorExpiredError, FasError, NetworkError, NotFoundError, ServerError, UsageError, type IdMatch } from '../errors.js';
import { errorMessageOf, notJson } from './error-body.js';

/** What came back for one attempt. */
export interface Answer {
  status: number;
  text: string;
  contentType: string | undefined;
  retryAfter: string | undefined;
  location: string | undefined;
  /** The server's clock when it answered (the Date header). */
  date: string | undefined;
}

/** A 1xx or 3xx as the final answer: not what was asked for. Redirects are never followed, so the token goes nowhere else. */
export function notAnAnswer(answer: Answer, apiUrl: string): ServerError {
  if (answer.status >= 300 && answer.location) {
    const where = oneLine(answer.location);
    return new ServerError(`${apiUrl} answered ${answer.status}, a redirect to ${where}; fas does not follow redirects`, answer.status, {
      code: 'redirect',
      url: apiUrl,
    });
  }
  return new ServerError(`${apiUrl} answered ${answer.status}, which is not an answer to the request`, answer.status, { code: 'not_the_api', url: apiUrl });
}

function oneLine(text: string): string {
  // Control characters would break the one line of the message.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/** A 2xx answer's JSON; a ServerError when it is none. */
export function parseBody(answer: Pick<Answer, 'status' | 'text' | 'contentType'>, apiUrl: string): unknown {
  if (answer.text === '') return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    if (notJson(answer.text, answer.contentType) === 'an HTML page') {
      // Typically a web server or a captive portal at the wrong URL, not the API.
      throw new ServerError(`${apiUrl} answered ${answer.status} with an HTML page, not the API's JSON`, answer.status, { code: 'not_the_api', url: apiUrl });
    }
    throw new ServerError(`server answered ${answer.status} with a body that is not valid JSON`, answer.status);
  }
}

/** The error for a 4xx or 5xx answer. `idempotencyKey` is the key the request carried, if any. */
export function errorForStatus(answer: Answer, apiUrl: string, idempotencyKey: string | undefined): FasError {
  const { status, text, contentType } = answer;
  // In the server's words: the token they may quote is masked as the error leaves the client (see FasClient).
  const detail = errorMessageOf(text, contentType);
  const said = detail ?? `no error message`;
  switch (status) {
    case 400:
    case 413:
    case 422: {
      const error = new UsageError(`invalid request: ${said}`, { status });
      // The API names the header when the key was first used with another request.
      if (idempotencyKey && /idempotency-key/i.test(said)) Object.assign(error, { code: 'idempotency_key_reused', idempotencyKey });
      return error;
    }
    case 401:
    case 403:
      return new AuthError(`authentication failed: ${said}`, { status, code: 'token_rejected' });
    case 404: {
      // The API says "not found" in JSON. Any other 404 comes from something else at
      // that URL, and exit 4 would tell a script that the spot it asked for is gone.
      const kind = notJson(text, contentType);
      if (kind) return new ServerError(`${apiUrl} answered 404 with ${kind}: is it the FaaSpot API?`, status, { code: 'not_the_api', url: apiUrl });
      return new NotFoundError(detail ?? 'not found', { status });
    }
    case 409: {
      const ambiguous = matchesOf(text);
      if (ambiguous && detail) return new AmbiguousIdError(detail, ambiguous.matches, ambiguous.total, { status });
      return new ConflictError(detail ?? 'conflict with the current state', { status });
    }
    case 410:
      return new CursorExpiredError(detail ?? 'the events asked for are no longer kept', status, { oldestCursor: oldestCursorOf(text) });
    case 429:
      return new ServerError(`rate limited by the server: ${said}`, status, { code: 'rate_limited' });
    default:
      return new ServerError(`server error ${status}: ${said}`, status);
  }
}

/** The resources a 409 says an ambiguous name stands for (`matches`, `total`); undefined for any other 409. */
function matchesOf(text: string): { matches: IdMatch[]; total: number } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { matches, total } = (body ?? {}) as { matches?: unknown; total?: unknown };
  if (!Array.isArray(matches) || matches.length === 0) return undefined;
  const listed: IdMatch[] = [];
  for (const m of matches as unknown[]) {
    const { id, hostname } = (m ?? {}) as { id?: unknown; hostname?: unknown };
    if (typeof id !== 'string') return undefined;
    listed.push(typeof hostname === 'string' ? { id, hostname } : { id });
  }
  return { matches: listed, total: typeof total === 'number' && Number.isInteger(total) && total >= listed.length ? total : listed.length };
}

/** The `oldest` cursor of a 410's body, when it names one. */
function oldestCursorOf(text: string): string | undefined {
  try {
    const oldest = (JSON.parse(text) as { oldest?: unknown } | null)?.oldest;
    return typeof oldest === 'string' && isCursor(oldest) ? oldest : undefined;
  } catch {
    return undefined;
  }
}

const RETRYABLE_SOCKET_CODES = new Set([
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

export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isLostAnswer(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && LOST_ANSWER_CODES.has(code);
}

export function isRetryableSocketError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && RETRYABLE_SOCKET_CODES.has(code);
}

/** The error, marked as one after which the work may have been done (see FasError.mayHaveSucceeded). */
export function lostAnswer<E extends FasError>(error: E, idempotencyKey: string): E {
  return Object.assign(error, { idempotencyKey, mayHaveSucceeded: true });
}

/** A failure to reach the server or to hear its answer, as a NetworkError. */
export function networkError(err: unknown, apiUrl: string, { transient = true } = {}): NetworkError {
  const code = errorCode(err);
  const common = { cause: err, url: apiUrl, transient };
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`cannot connect to ${apiUrl}: connection refused`, { ...common, code: 'connection_refused' });
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetworkError(`the connection to ${apiUrl} was closed before an answer came`, { ...common, code: 'connection_closed' });
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'FAS_REQUEST_TIMEOUT':
      return new NetworkError(`${apiUrl} did not answer in time`, { ...common, code: 'request_timeout' });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new NetworkError(`cannot connect to ${apiUrl}: timed out`, { ...common, code: 'connect_timeout' });
    case 'ENOTFOUND':
      return new NetworkError(`cannot resolve the API host of ${apiUrl}`, { ...common, code: 'host_not_found' });
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return new NetworkError(`connection to ${apiUrl} failed: ${code ?? message}`, { ...common, code: 'connection_failed' });
    }
  }
}
