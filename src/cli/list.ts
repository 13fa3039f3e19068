// --limit and --all for every list command: how many to fetch, and a word
// on stderr when there are more than shown.
import { DEFAULT_PER_PAGE } from '../api/types.js';
import type { ListAllOptions } from '../client/pagination.js';
import type { ListFlags } from './commands/options.js';
import type { Context } from './context.js';
import { parseInteger } from './parse.js';

/** The rows a list command shows: `fetch` is a client's listAll with the command's filter. */
export async function listed<T>(ctx: Context, flags: ListFlags, fetch: (options: ListAllOptions) => Promise<T[]>): Promise<T[]> {
  if (flags.all && flags.limit !== undefined) {
    ctx.out.warn('--all overrides --limit');
  }
  const limit = flags.all ? undefined : flags.limit === undefined ? DEFAULT_PER_PAGE : parseInteger(flags.limit, '--limit', { min: 1 });
  let total = 0;
  const rows = await fetch({ limit, signal: ctx.signal, onPage: (page) => (total = page.meta.total) });
  if (rows.length < total) {
    ctx.out.info(`showing ${rows.length} of ${total}; use --all or --limit to see more`);
  }
  return rows;
}
