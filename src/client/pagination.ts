import type { Meta } from '../api/types.js';
import { MAX_PER_PAGE } from '../api/types.js';
import { ServerError } from '../errors.js';

export interface Page<T> {
  items: T[];
  meta: Meta;
}

/** Which page of a list: part of a list call's input, beside its filter. */
export interface PageQuery {
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface ListAllOptions {
  signal?: AbortSignal | undefined;
  /** Stop after this many items. */
  limit?: number | undefined;
  /** Told each page as it comes (its meta says how many items there are in all). */
  onPage?: ((page: Page<unknown>) => void) | undefined;
}

/**
 * Walks the pages of a list until `current_page >= last_page` (or `limit`
 * items), asking for as few pages as the server allows, and yields each
 * page's new items as it comes, so a caller can print 10,000 items without
 * holding them. A server that does not move forward (the same page again, or
 * no page number) ends it with a ServerError before that page's items are
 * taken: never a loop, never an item twice.
 */
export async function* eachPage<T>(fetchPage: (query: Required<PageQuery>) => Promise<Page<T>>, options: ListAllOptions = {}): AsyncGenerator<T[]> {
  const limit = options.limit ?? Infinity;
  const perPage = Math.min(MAX_PER_PAGE, Number.isFinite(limit) ? Math.max(1, limit) : MAX_PER_PAGE);
  let taken = 0;
  let previous = 0;
  // Items added while paging shift the pages: one already taken can come again.
  const seen = new Set<unknown>();
  for (let page = 1; ; page++) {
    const got = await fetchPage({ page, perPage });
    const { items, meta } = got;
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
    options.onPage?.(got);
    previous = current;
    const fresh: T[] = [];
    for (const item of items) {
      if (taken >= limit) break;
      const id = (item as { id?: unknown }).id;
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      fresh.push(item);
      taken += 1;
    }
    if (fresh.length) yield fresh;
    // A server that sends an empty page before its last one would loop forever.
    if (meta.current_page >= meta.last_page || items.length === 0 || taken >= limit) return;
  }
}

/** Every item of a list (or the first `limit`): eachPage, gathered. */
export async function collectAll<T>(fetchPage: (query: Required<PageQuery>) => Promise<Page<T>>, options: ListAllOptions = {}): Promise<T[]> {
  const all: T[] = [];
  for await (const items of eachPage(fetchPage, options)) for (const item of items) all.push(item);
  return all;
}
