// One HTTP attempt over a keep-alive pool: the request sent, the whole answer
// read within one time limit, and no more of it than MAX_BODY_BYTES.
import { ServerError } from '../errors.js';
import type { Answer } from './failures.js';
import { signalUntil } from './deadline.js';
import type { Dispatcher, Pool } from './undici-lean.js';

/** The largest answer read; the rest of a larger one is not read at all. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** One attempt ran past its time limit. */
class AttemptTimeout extends Error {
  readonly code = 'FAS_REQUEST_TIMEOUT';
}

export interface Outgoing {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** When the whole attempt, headers and body, must be over (epoch ms). */
  deadline: number;
  signal: AbortSignal | undefined;
  /** Names the request in messages, e.g. "GET /api/spots". */
  what: string;
}

/** A pool of connections to one API origin, undici loaded on first use. */
export class Connection {
  private pool: Pool | undefined;
  private lean: typeof import('./undici-lean.js') | undefined;

  constructor(
    private readonly origin: string,
    private readonly connectTimeoutMs: number,
  ) {}

  /** The answer, or what the network threw (undici's errors, AttemptTimeout); a ServerError for one too large. */
  async send(out: Outgoing): Promise<Answer> {
    this.lean ??= await import('./undici-lean.js');
    this.pool ??= this.lean.createPool(this.origin, { connectTimeout: this.connectTimeoutMs, keepAliveTimeout: 10_000 });
    // One time limit for the whole attempt, headers and body: undici's own
    // timers only bound the gaps between bytes, which a trickle never opens.
    const limit = signalUntil(out.signal, out.deadline);
    try {
      const res: Dispatcher.ResponseData = await this.lean.request(this.pool, {
        method: out.method as Dispatcher.HttpMethod,
        path: out.path,
        headers: out.headers,
        body: out.body,
        headersTimeout: 0,
        bodyTimeout: 0,
        signal: limit.signal,
      });
      const text = await readBody(res, out.what);
      return {
        status: res.statusCode,
        text,
        contentType: headerValue(res.headers['content-type']),
        retryAfter: headerValue(res.headers['retry-after']),
        location: headerValue(res.headers.location),
        date: headerValue(res.headers.date),
      };
    } catch (err) {
      if (limit.expired()) throw new AttemptTimeout('the request timed out', { cause: err });
      throw err;
    } finally {
      limit.dispose();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
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
