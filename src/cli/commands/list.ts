// --limit and --all, shared by every list command.
import type { Command } from 'commander';
import type { Page } from '../../client/pagination.js';
import { collectAll } from '../../client/pagination.js';
import { DEFAULT_PER_PAGE } from '../../api/types.js';
import type { Context } from '../context.js';
import { parseInteger } from '../parse.js';

export interface ListFlags {
  limit?: string;
  all?: boolean;
}

export function listOptions(cmd: Command): Command {
  return cmd
    .option('--limit <n>', `show at most this many (default ${DEFAULT_PER_PAGE})`)
    .option('--all', 'show every one, fetching as many pages as it takes');
}

export async function listRows<T>(
  ctx: Context,
  flags: ListFlags,
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>,
): Promise<T[]> {
  if (flags.all && flags.limit !== undefined) {
    ctx.out.warn('--all overrides --limit');
  }
  const limit = flags.all ? undefined : flags.limit === undefined ? DEFAULT_PER_PAGE : parseInteger(flags.limit, '--limit', { min: 1 });
  let total = 0;
  const rows = await collectAll(
    async (q) => {
      const page = await fetchPage(Number(q.page), Number(q.per_page));
      total = page.meta.total;
      return page;
    },
    { limit, signal: ctx.signal },
  );
  if (rows.length < total) {
    ctx.out.info(`showing ${rows.length} of ${total}; use --all or --limit to see more`);
  }
  return rows;
}
