import type { CancelFlags, ListFlags, WaitFlags } from './commands.js';
import type { Context } from '../shared/context.js';
import { followExecution } from '../shared/follow.js';
import { commandKeys, resumable } from '../shared/idempotency.js';
import { confirmed, named } from '../shared/confirm.js';
import { distinct, forEachId } from '../shared/each.js';
import { listed } from '../shared/list.js';
import { executionView } from './views.js';
import { parsePositiveDuration } from '../shared/parse.js';


export async function get(ctx: Context, id: string): Promise<void> {
  ctx.out.willShow(executionView);
  await ctx.out.item(executionView, await ctx.client().executions.get(id, { signal: ctx.signal }));
}

export async function list(ctx: Context, flags: ListFlags): Promise<void> {
  const filter = { status: flags.status, operation: flags.operation };
  const executions = ctx.client().executions;
  await ctx.out.list(executionView, listed(ctx, flags, (options) => executions.pages(filter, options)));
}

export async function wait(ctx: Context, id: string, flags: WaitFlags): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  ctx.out.willShow(executionView);
  const done = await followExecution(ctx, 'execution', (hooks) => {
    hooks.onAccepted(id);
    return ctx.client().executions.wait(id, { timeoutMs, signal: ctx.signal, onProgress: hooks.onProgress });
  });
  await ctx.out.item(executionView, done);
}

/** Cancels the executions named; several are asked about first. */
export async function cancel(ctx: Context, refs: string[], flags: CancelFlags): Promise<void> {
  ctx.out.willShow(executionView);
  const ids = distinct(refs);
  const { key, keys } = await commandKeys(flags.idempotencyKey, ctx.env, ids);
  if (ids.length > 1) await confirmed(ctx, { yes: flags.yes, question: `Cancel ${named(ids, 'executions')}?`, what: `cancel ${ids.length} executions` });
  const executions = ctx.client().executions;
  const how = { key, outcome: 'the execution may have been cancelled' };
  await forEachId(ctx, {
    ids,
    keys,
    view: executionView,
    work: (id, idempotencyKey) => resumable(ctx, how, () => executions.cancel(id, { signal: ctx.signal, idempotencyKey })),
    said: (e) => `cancelled execution ${e.id}`,
  });
}
