// What every listable resource has: a page of its list, and all of it.
import type { CallOptions, Caller, Endpoint } from '../call.js';
import { collectAll, eachPage, type ListAllOptions, type Page, type PageQuery } from '../pagination.js';
import * as shape from '../shapes.js';

export class Collection<T, F extends object> {
  constructor(
    protected readonly client: Caller,
    protected readonly endpoint: Endpoint,
    /** The list's items are under this key of a page. */
    private readonly key: string,
    private readonly item: (value: unknown) => T,
    /** The filter's fields, named as the query names them. */
    private readonly filterKeys: readonly (keyof F & string)[],
  ) {}

  /** One page of the list; `page` counts from 1. */
  list(query: F & PageQuery = {} as F & PageQuery, options: CallOptions = {}): Promise<Page<T>> {
    const q: Record<string, unknown> = { page: query.page, per_page: query.perPage };
    for (const k of this.filterKeys) q[k] = query[k];
    return this.client.request(
      { method: 'GET', endpoint: this.endpoint, query: q as Record<string, string>, shape: (body) => shape.page(body, this.key, this.item) },
      options,
    );
  }

  /** Every item (or the first `limit`), page after page. */
  listAll(filter: F = {} as F, options: ListAllOptions = {}): Promise<T[]> {
    return collectAll((page) => this.list({ ...filter, ...page }, { signal: options.signal }), options);
  }

  /** The same items a page at a time, each page's as it comes: for lists too long to hold. */
  pages(filter: F = {} as F, options: ListAllOptions = {}): AsyncGenerator<T[]> {
    return eachPage((page) => this.list({ ...filter, ...page }, { signal: options.signal }), options);
  }
}
