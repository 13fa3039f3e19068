// Options that several commands share, worded alike everywhere.
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_PER_PAGE } from '../../api/types.js';
import { BID_STRATEGIES } from '../../client/bid-strategy.js';
import type { FlagsOf } from '../flags.js';
import { IDEMPOTENCY_ENV } from './idempotency.js';

/** The options of a list command; see list.ts. */
export type ListFlags = FlagsOf<typeof listOptions<[], {}, {}>>;

/** The options of a command that may wait for its work; see follow.ts. */
export type WaitFlags = FlagsOf<typeof waitOptions<[], {}, {}>>;

/** The option of a command that creates or removes something; see idempotency.ts. */
export type KeyFlags = FlagsOf<typeof idempotencyOption<[], {}, {}>>;

/** --limit and --all. */
export function listOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--limit <n>', `show at most this many (default: ${DEFAULT_PER_PAGE})`)
    .option('--all', 'show every one, fetching as many pages as it takes');
}

/** --wait (`what` says until when) and its --timeout. */
export function waitOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, what: string) {
  return cmd.option('--wait', what).option('--timeout <duration>', 'with --wait, give up after this long', '10m');
}

/** --strategy: a bid strategy chooses the max bid price; see bid-price.ts. */
export function strategyOption() {
  return new Option('--strategy <name>', `choose the price: ${BID_STRATEGIES.join(', ').replace(/, ([^,]*)$/, ' or $1')}`).choices(BID_STRATEGIES);
}

const RERUN_HELP = `
Rerunning:
  Each run sends an Idempotency-Key, and the API answers a key it has seen
  with its first answer. When a run fails after its request may have been
  done (an answer lost, a 5xx), the hint is the same command with its
  key: rerun it to get what the first run did (with
  --wait, waited for) rather than doing it twice. A CI job can give its own,
  e.g. --idempotency-key "$CI_JOB_ID-add", so that rerunning the job is safe.
  A key is 1 to 255 printable ASCII characters and names one request.
`;

const SEVERAL_HELP = `  Given several ids, each id's request is sent with KEY:ID (the id as given),
  so a rerun with the same key replays each.
`;

/** --idempotency-key, for a command that creates or removes something (`several`: given several ids); see idempotency.ts. */
export function idempotencyOption<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, { several = false } = {}) {
  return cmd
    .option(
      '--idempotency-key <key>',
      `name this request: a rerun with the same key gets the first run's result instead of doing it again (default: $${IDEMPOTENCY_ENV}, else a new key)`,
    )
    .addHelpText('after', several ? RERUN_HELP + SEVERAL_HELP : RERUN_HELP);
}
