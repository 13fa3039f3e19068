import { type Command, Option } from 'commander';
import { EXECUTION_STATUSES, OPERATIONS } from '../../api/types.js';
import { lazy, type Runner } from '../handler.js';
import { idempotencyOption, listOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/executions.js')) => lazy(async () => (await import('../handlers/index.js')).executions, name);

export function registerExecutions(program: Command, run: Runner): void {
  const executions = program
    .command('executions')
    .alias('exec')
    .description('follow the asynchronous tasks that add and remove spots');

  executions.command('get').description('show one execution').argument('<id>').action(run(handler('get')));

  listOptions(
    executions
      .command('list')
      .alias('ls')
      .description('list executions, newest first')
      .addOption(new Option('--status <status>', 'only executions in this status').choices(EXECUTION_STATUSES))
      .addOption(new Option('--operation <op>', 'only this operation').choices(OPERATIONS)),
  ).action(run(handler('list')));

  executions
    .command('wait')
    .description('wait until an execution ends (exit 5 if it fails, 6 on timeout)')
    .argument('<id>')
    .option('--timeout <duration>', 'give up after this long', '10m')
    .action(run(handler('wait')));

  idempotencyOption(executions.command('cancel').description('cancel an execution that has not ended').argument('<id>')).action(
    run(handler('cancel')),
  );
}
