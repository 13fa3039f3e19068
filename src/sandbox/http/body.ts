// A request's body: at most 1 MiB (413), sent as application/json (415), and
// JSON (400). Read only for the operations that take one.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

const MAX_BODY_BYTES = 1 << 20;

export interface Body {
  /** As sent: what an Idempotency-Key's request is told apart by. */
  text: string;
  /** Undefined when none was sent (an empty or blank body). */
  value: unknown;
}

export async function readBody(req: IncomingMessage): Promise<Body> {
  const text = await readText(req);
  if (text.trim() === '') return { text, value: undefined };
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, [type ? `Content-Type: a body must be sent as application/json, not '${type}'` : 'Content-Type: missing; a body must be sent as application/json']);
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw new HttpError(400, ['body: not valid JSON']);
  }
}

function readText(req: IncomingMessage): Promise<string> {
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
