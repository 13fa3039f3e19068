import type { Meta } from '../api/types.js';
import { MAX_PER_PAGE } from '../api/types.js';
import { ServerError } from '../errors.js';
import type { Query } from './http.js';

export interface Page<T> {
  items: T[];
  meta: Meta;
}

export interface ListOptions {
  page?: number | undefined;
  perPage?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface ListAllOptions {
  /** Stop after this many items. */
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Walks the pages of a list until `current_page >= last_page` (or `limit`
 * items), asking for as few pages as the server allows. A server that does
 * not move forward (the same page again, or no page number) ends it with a
 * ServerError before that page's items are taken: never a loop, never an
 * item twice.
 */
export async function collectAll<T>(
  fetchPage: (query: Query) => Promise<Page<T>>,
  options: ListAllOptions = {},
): Promise<T[]> {
  const limit = options.limit ?? Infinity;
  const perPage = Math.min(MAX_PER_PAGE, Number.isFinite(limit) ? Math.max(1, limit) : MAX_PER_PAGE);
  const all: T[] = [];
  let previous = 0;
  // Items added while paging shift the pages: one already taken can come again.
  const seen = new Set<unknown>();
  for (let page = 1; ; page++) {
    const { items, meta } = await fetchPage({ page, per_page: perPage });
    const current = meta.current_page as unknown;
    if (typeof current !== 'number' || !Number.isInteger(current)) {
      throw new ServerError(`the server answered page ${page} of a list without a whole current_page`, undefined);
    }
    if (current <= previous) {
      throw new ServerError(`the server did not move past page ${previous} of a list (asked for page ${page}, it answered page ${current})`, undefined);
    }
    if (typeof meta.last_page !== 'number') {
      throw new ServerError(`the server answered page ${page} of a list without a number last_page`, undefined);
    }
    previous = current;
    for (const item of items) {
      if (all.length >= limit) return all;
      const id = (item as { id?: unknown }).id;
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      all.push(item);
    }
    // A server that sends an empty page before its last one would loop forever.
    if (meta.current_page >= meta.last_page || items.length === 0 || all.length >= limit) return all;
  }
}
