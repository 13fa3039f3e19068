// What the `{id}` of a path names. A spot is named by its id, its IP or its
// hostname; any resource by its id or a unique prefix of it, at least 4 hex
// characters in either case, so a person may type `1a2b` for the spot they
// see in a list. A name that stands for several is Ambiguous, listing them
// (the first MAX_LISTED and how many in all); a full id stands for one only.
import type { Bid, Execution, Spot } from '../../api/types.js';
import type { IdTable, Store } from '../store/store.js';
import { Ambiguous, NotFound, Unreadable } from './errors.js';

/** The most matches an Ambiguous lists; `total` says how many there are. */
export const MAX_LISTED = 10;

/** The shortest prefix taken: 4 hex characters are 65536 ids' worth. */
const PREFIX = /^[0-9a-f]{4}[0-9a-f-]{0,32}$/i;
/** Hex too short to be taken as a prefix: said so, rather than "not found". */
const SHORT = /^[0-9a-f]{1,3}$/i;

type Kind = 'spot' | 'bid' | 'execution';
const TABLE: Record<Kind, IdTable> = { spot: 'spots', bid: 'bids', execution: 'executions' };

export function findSpot(store: Store, account: string, ref: string): Spot {
  const exact = store.spot(account, ref);
  if (exact) return exact;
  const named = store.spotsByHostname(account, ref, MAX_LISTED);
  if (named.total > 1) throw new Ambiguous(`hostname '${ref}' names ${named.total} spots`, named);
  if (named.total === 1) return store.spot(account, named.matches[0]!.id)!;
  return byPrefix('spot', store, account, ref, (id) => store.spot(account, id));
}

export function findBid(store: Store, account: string, ref: string): Bid {
  return store.bid(account, ref) ?? byPrefix('bid', store, account, ref, (id) => store.bid(account, id));
}

export function findExecution(store: Store, account: string, ref: string): Execution {
  return store.execution(account, ref) ?? byPrefix('execution', store, account, ref, (id) => store.execution(account, id));
}

function byPrefix<T>(kind: Kind, store: Store, account: string, ref: string, get: (id: string) => T | undefined): T {
  if (SHORT.test(ref)) throw new Unreadable(`id: '${ref}' names no ${kind}, and an id prefix needs at least 4 characters`);
  if (!PREFIX.test(ref)) throw new NotFound(`no ${kind} '${ref}'`);
  const found = store.idsStartingWith(TABLE[kind], account, ref.toLowerCase(), MAX_LISTED);
  if (found.total > 1) throw new Ambiguous(`ambiguous id prefix '${ref}': it matches ${found.total} ${kind}s`, found);
  const one = found.total === 1 ? get(found.matches[0]!.id) : undefined;
  if (!one) throw new NotFound(`no ${kind} '${ref}'`);
  return one;
}
