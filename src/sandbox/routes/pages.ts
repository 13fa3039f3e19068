// Lists come a page at a time, with links to the others.
import type { Meta } from '../../api/types.js';
import type { Reply } from '../http/reply.js';
import type { Listed } from '../store/store.js';

interface Page {
  page: number;
  perPage: number;
  offset: number;
}

interface ListRequest {
  query: { page?: number; per_page?: number };
  url: { path: string; search: URLSearchParams };
}

/** The page asked for of a list, as the API answers it: the items under `key`, and the links to the other pages. */
export function listReply<T>(req: ListRequest, key: string, list: (limit: number, offset: number) => Listed<T>): Reply {
  const page = pageOf(req.query);
  const { total, items } = list(page.perPage, page.offset);
  return { status: 200, body: { [key]: items, meta: meta(req.url, page, total) } };
}

/** The page asked for; validation has filled in the document's defaults. */
function pageOf(query: { page?: number; per_page?: number }): Page {
  const page = query.page!;
  const perPage = query.per_page!;
  return { page, perPage, offset: (page - 1) * perPage };
}

function meta(url: { path: string; search: URLSearchParams }, page: Page, total: number): Meta {
  const lastPage = Math.max(1, Math.ceil(total / page.perPage));
  const href = (p: number) => {
    const q = new URLSearchParams(url.search);
    q.set('page', String(p));
    q.set('per_page', String(page.perPage));
    return { href: `${url.path}?${q.toString()}` };
  };
  return {
    total,
    current_page: page.page,
    last_page: lastPage,
    first: href(1),
    previous: page.page > 1 ? href(page.page - 1) : null,
    next: page.page < lastPage ? href(page.page + 1) : null,
    last: href(lastPage),
    self: href(page.page),
  };
}
