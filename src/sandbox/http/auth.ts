// Which account a request's token names, if any.
import type { IncomingHttpHeaders } from 'node:http';
import type { Store } from '../store/store.js';

export function authenticate(store: Store, headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const token = header?.startsWith('Token ') ? header.slice(6).trim() : (headers['x-auth-token'] as string | undefined);
  if (!token) return undefined;
  // Looked up by its SHA-256: the comparison never runs over the token's
  // own bytes, so its timing says nothing about how much of it matched.
  return store.accountForToken(token);
}
