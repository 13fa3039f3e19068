// A request that changes something runs in one transaction with the record
// of its answer, so a crash never keeps one without the other. With an
// Idempotency-Key, the same request again within a day gets that answer
// back instead of doing the work twice.
import { createHash } from 'node:crypto';
import { HttpError } from './http-error.js';
import { IDEMPOTENCY_TTL_MS, type Store } from '../store/store.js';
import type { Reply } from './reply.js';

export interface Mutation {
  account: string;
  idempotencyKey: string | undefined;
  method: string;
  path: string;
  search: URLSearchParams;
  bodyText: string;
}

export function runMutation(store: Store, nowMs: number, m: Mutation, work: () => Reply): Reply {
  const key = m.idempotencyKey;
  // A failure rolls back with the work, so it is not remembered: the same
  // key may be sent again once the cause is fixed.
  return store.transaction(() => {
    if (key === undefined) return work();
    const hash = requestHash(m);
    const seen = store.storedReply(m.account, key);
    if (seen && nowMs - seen.created_ms < IDEMPOTENCY_TTL_MS) {
      if (seen.request_hash !== hash) throw new HttpError(422, ['Idempotency-Key: already used with a different request']);
      return { status: seen.status, body: JSON.parse(seen.body) as unknown, headers: { 'idempotent-replayed': 'true' } };
    }
    const reply = work();
    store.storeReply(m.account, key, { request_hash: hash, status: reply.status, body: JSON.stringify(reply.body), created_ms: nowMs });
    return reply;
  });
}

/**
 * What tells requests apart: method, path, query and body. DELETE of a bid
 * with and without ?force_termination=true are two requests, never one
 * replayed as the other.
 */
function requestHash(m: Mutation): string {
  const query = [...m.search].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(`${m.method} ${m.path}\n${JSON.stringify(query)}\n${m.bodyText}`).digest('hex');
}
