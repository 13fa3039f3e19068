import { type Command, Option } from 'commander';
import { EXECUTION_STATUSES, OPERATIONS } from '../../api/types.js';
import { lazy, type Runner } from '../handler.js';
import { idempotencyOption, listOptions } from './options.js';

const handler = (name: keyof typeof import('../handlers/executions.js')) => lazy(async () => (await import('../handlers/index.js')).executions, name);

const EXECUTION_ID = 'the execution id, or the first 4+ characters of it';

export function registerExecutions(program: Command, run: Runner): void {
  const executions = program
    .command('executions')
    .alias('exec')
    .description('follow the asynchronous tasks that add and remove spots');

  executions.command('get').description('show one execution').argument('<id>', EXECUTION_ID).action(run(handler('get')));

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
    .argument('<id>', EXECUTION_ID)
    .option('--timeout <duration>', 'give up after this long', '10m')
    .action(run(handler('wait')));

  idempotencyOption(
    executions
      .command('cancel')
      .description('cancel executions that have not ended (asks first for several, unless --yes)')
      .argument('<id...>', EXECUTION_ID)
      .option('-y, --yes', 'do not ask before cancelling several'),
    { several: true },
  ).action(run(handler('cancel')));
}
