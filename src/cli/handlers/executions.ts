import type { ExecutionStatus, Operation } from '../../api/types.js';
import type { KeyFlags, ListFlags } from '../commands/options.js';
import type { Context } from '../context.js';
import { followExecution } from '../follow.js';
import { commandKey, resumable } from '../idempotency.js';
import { listed } from '../list.js';
import { executionView } from '../output/views.js';
import { parsePositiveDuration } from '../parse.js';

interface ExecutionListFlags extends ListFlags {
  status?: ExecutionStatus;
  operation?: Operation;
}

export async function get(ctx: Context, id: string): Promise<void> {
  await ctx.out.item(executionView, await ctx.client().executions.get(id, { signal: ctx.signal }));
}

export async function list(ctx: Context, flags: ExecutionListFlags): Promise<void> {
  const filter = { status: flags.status, operation: flags.operation };
  const executions = ctx.client().executions;
  await ctx.out.list(executionView, listed(ctx, flags, (options) => executions.pages(filter, options)));
}

export async function wait(ctx: Context, id: string, flags: { timeout: string }): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  ctx.out.willShow(executionView);
  const done = await followExecution(ctx, 'execution', (hooks) => {
    hooks.onAccepted(id);
    return ctx.client().executions.wait(id, { timeoutMs, signal: ctx.signal, onProgress: hooks.onProgress });
  });
  await ctx.out.item(executionView, done);
}

export async function cancel(ctx: Context, id: string, flags: KeyFlags): Promise<void> {
  ctx.out.willShow(executionView);
  const idempotencyKey = await commandKey(flags.idempotencyKey, ctx.env);
  const done = await resumable(ctx, { key: idempotencyKey, outcome: 'the execution may have been cancelled' }, () =>
    ctx.client().executions.cancel(id, { signal: ctx.signal, idempotencyKey }),
  );
  await ctx.out.item(executionView, done);
}
