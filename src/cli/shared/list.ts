// --limit and --all for every list command: how many to fetch, and a word
// on stderr when there are more than shown.
import { DEFAULT_PER_PAGE } from '../../api/types.js';
import type { ListAllOptions } from '../../client/pagination.js';
import type { ListFlags } from './options.js';
import type { Context } from './context.js';
import { parseInteger } from './parse.js';

/**
 * The rows a list command shows, a page at a time as they come: `fetch` is
 * a client's `pages` with the command's filter. After the last, a word on
 * stderr when there are more than were shown.
 */
export async function* listed<T>(ctx: Context, flags: ListFlags, fetch: (options: ListAllOptions) => AsyncIterable<T[]>): AsyncGenerator<T[]> {
  if (flags.all && flags.limit !== undefined) {
    ctx.out.warn('--all overrides --limit');
  }
  const limit = flags.all ? undefined : flags.limit === undefined ? DEFAULT_PER_PAGE : parseInteger(flags.limit, '--limit', { min: 1 });
  let total = 0;
  let shown = 0;
  for await (const page of fetch({ limit, signal: ctx.signal, onPage: (p) => (total = p.meta.total) })) {
    shown += page.length;
    yield page;
  }
  if (shown < total) {
    ctx.out.info(`showing ${shown} of ${total}; use --all or --limit to see more`);
  }
}
