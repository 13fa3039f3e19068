import { Option } from '@commander-js/extra-typings';
import { EXECUTION_STATUSES, OPERATIONS } from '../../api/types.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';
import { idempotencyOption, listOptions } from '../shared/options.js';

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface ExecutionsHandlers {
  get: HandlerOf<typeof get>;
  list: HandlerOf<typeof list>;
  wait: HandlerOf<typeof wait>;
  cancel: HandlerOf<typeof cancel>;
}

const EXECUTION_ID = 'the execution id, or the first 4+ characters of it';

export type ListFlags = FlagsOf<typeof list>;
export type WaitFlags = FlagsOf<typeof wait>;
export type CancelFlags = FlagsOf<typeof cancel>;

export function registerExecutions(program: Group, run: Runner, load: () => Promise<ExecutionsHandlers>): void {
  const handler = <K extends keyof ExecutionsHandlers & string>(name: K) => lazy(load, name);
  const executions = program
    .command('executions')
    .alias('exec')
    .description('follow the asynchronous tasks that add and remove spots')
    .examples([
      ['fas executions list --status failed', 'the executions that failed'],
      ['fas executions wait EXECUTION_ID', 'wait until one ends'],
    ]);
  get(executions).action(run(handler('get')));
  list(executions).action(run(handler('list')));
  wait(executions).action(run(handler('wait')));
  cancel(executions).action(run(handler('cancel')));
}

const get = (executions: Group) =>
  executions
    .command('get')
    .description('show one execution')
    .argument('<id>', EXECUTION_ID)
    .completes({ id: 'execution' })
    .examples([
      ['fas executions get EXECUTION_ID', 'its operation, status and spot'],
      ['fas executions get EXECUTION_ID --query error', 'why it failed (empty when it did not)'],
    ]);

const list = (executions: Group) =>
  listOptions(
    executions
      .command('list')
      .alias('ls')
      .description('list executions, newest first')
      .addOption(new Option('--status <status>', 'only executions in this status').choices(EXECUTION_STATUSES))
      .addOption(new Option('--operation <op>', 'only this operation').choices(OPERATIONS))
      .examples([
        ['fas executions list', 'the newest 100'],
        ['fas executions list --status failed --operation spot.add', 'the adds that failed'],
        ['fas exec ls --all -o csv > executions.csv', 'every one, as CSV'],
      ]),
  );

const wait = (executions: Group) =>
  executions
    .command('wait')
    .description('wait until an execution ends (exit 5 if it fails, 6 on timeout)')
    .argument('<id>', EXECUTION_ID)
    .completes({ id: 'execution' })
    .option('--timeout <duration>', 'give up after this long', '10m')
    .examples([
      ['fas executions wait EXECUTION_ID', 'until it ends: exit 0, or 5 if it failed'],
      ['fas executions wait EXECUTION_ID --timeout 30s', 'give up after 30 seconds (exit 6); it may still finish'],
    ]);

const cancel = (executions: Group) =>
  idempotencyOption(
    executions
      .command('cancel')
      .description('cancel executions that have not ended (asks first for several, unless --yes)')
      .argument('<id...>', EXECUTION_ID)
      .completes({ id: 'execution' })
      .option('-y, --yes', 'do not ask before cancelling several')
      .examples([
        ['fas executions cancel EXECUTION_ID', 'stop adding or removing a spot'],
        ['fas executions cancel 1a2b 3c4d --yes', 'several at once, by the first characters of their ids'],
        ['fas executions cancel EXECUTION_ID --idempotency-key "$CI_JOB_ID-cancel"', 'in CI: safe to rerun'],
      ]),
    { several: true },
  );
