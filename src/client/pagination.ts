import type { Meta } from '../api/types.js';
import { MAX_PER_PAGE } from '../api/types.js';
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
 * items), asking for as few pages as the server allows.
 */
export async function collectAll<T>(
  fetchPage: (query: Query) => Promise<Page<T>>,
  options: ListAllOptions = {},
): Promise<T[]> {
  const limit = options.limit ?? Infinity;
  const perPage = Math.min(MAX_PER_PAGE, Number.isFinite(limit) ? Math.max(1, limit) : MAX_PER_PAGE);
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { items, meta } = await fetchPage({ page, per_page: perPage });
    for (const item of items) {
      if (all.length >= limit) return all;
      all.push(item);
    }
    // A server that sends an empty page before its last one would loop forever.
    if (meta.current_page >= meta.last_page || items.length === 0 || all.length >= limit) return all;
  }
}
