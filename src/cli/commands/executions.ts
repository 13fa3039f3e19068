import { type Command, Option } from 'commander';
import type { ExecutionStatus, Operation } from '../../api/types.js';
import type { Context } from '../context.js';
import { follow } from '../follow.js';
import { commandKey, idempotencyOption, resumable } from '../idempotency.js';
import { parsePositiveDuration } from '../parse.js';
import type { Runner } from '../program.js';
import { executionView } from '../views.js';
import { listOptions, listRows, type ListFlags } from './list.js';

interface ExecutionListFlags extends ListFlags {
  status?: ExecutionStatus;
  operation?: Operation;
}

export function registerExecutions(program: Command, run: Runner): void {
  const executions = program
    .command('executions')
    .alias('exec')
    .description('follow the asynchronous tasks that add and remove spots');

  executions.command('get').description('show one execution').argument('<id>').action(run(get));

  listOptions(
    executions
      .command('list')
      .alias('ls')
      .description('list executions, newest first')
      .addOption(new Option('--status <status>', 'only executions in this status').choices(['pending', 'started', 'completed', 'failed', 'cancelled']))
      .addOption(new Option('--operation <op>', 'only this operation').choices(['spot.add', 'spot.remove'])),
  ).action(run(list));

  executions
    .command('wait')
    .description('wait until an execution ends (exit 5 if it fails, 6 on timeout)')
    .argument('<id>')
    .option('--timeout <duration>', 'give up after this long', '10m')
    .action(run(wait));

  idempotencyOption(executions.command('cancel').description('cancel an execution that has not ended').argument('<id>')).action(run(cancel));
}

async function get(ctx: Context, id: string): Promise<void> {
  await ctx.out.item(executionView, await ctx.client().executions.get(id, { signal: ctx.signal }));
}

async function list(ctx: Context, flags: ExecutionListFlags): Promise<void> {
  const executions = ctx.client().executions;
  const rows = await listRows(ctx, flags, (page, perPage) =>
    executions.list({ status: flags.status, operation: flags.operation, page, perPage, signal: ctx.signal }),
  );
  await ctx.out.list(executionView, rows);
}

async function wait(ctx: Context, id: string, flags: { timeout: string }): Promise<void> {
  const timeoutMs = parsePositiveDuration(flags.timeout, '--timeout');
  const done = await follow(ctx, 'execution', (hooks) => {
    hooks.onAccepted(id);
    return ctx.client().executions.wait(id, { timeoutMs, signal: ctx.signal, onProgress: hooks.onProgress });
  });
  await ctx.out.item(executionView, done);
}

async function cancel(ctx: Context, id: string, flags: { idempotencyKey?: string }): Promise<void> {
  const idempotencyKey = await commandKey(flags.idempotencyKey);
  const client = ctx.client();
  const done = await resumable(ctx, { key: idempotencyKey, outcome: 'the execution may have been cancelled' }, () =>
    client.executions.cancel(id, { signal: ctx.signal, idempotencyKey }),
  );
  await ctx.out.item(executionView, done);
}
