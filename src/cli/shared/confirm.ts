// Asking before a command removes more than a person may have meant: the
// newest spot (no id named), several at once, or the spots of a bid. The
// same everywhere: on a terminal a question, which --yes skips; off one,
// --yes is required, as a script cannot answer. A no exits non-zero.
import { InterruptedError, UsageError } from '../../errors.js';
import type { Context } from './context.js';
import { confirm } from './prompt.js';

export interface Confirmation {
  /** --yes. */
  yes: boolean | undefined;
  /** The question, e.g. "Remove 3 spots (1a2b, 3c4d, 5e6f)?". */
  question: string | (() => Promise<string>);
  /** What is refused off a terminal, e.g. "remove 3 spots". */
  what: string;
}

/**
 * Returns to go ahead. A no ends the command as a Ctrl-C at the question
 * would (exit 130, nothing done), so a script or an `&&` does not go on as if
 * the work were done; gh's cancelled prompts exit non-zero too.
 */
export async function confirmed(ctx: Context, { yes, question, what }: Confirmation): Promise<void> {
  if (yes) return;
  if (!ctx.io.stdinIsTTY || !ctx.io.stderrIsTTY) {
    throw new UsageError(`refusing to ${what} without --yes when not on a terminal`, { hint: 'add --yes to go ahead' });
  }
  if (await confirm(ctx.io, typeof question === 'string' ? question : await question())) return;
  throw new InterruptedError('not confirmed; nothing done');
}

/** "3 spots (1a2b, 3c4d, 5e6f)", the ids as given; many are cut short. */
export function named(ids: readonly string[], noun: string): string {
  const shown = ids.length > 5 ? [...ids.slice(0, 5), `${ids.length - 5} more`] : ids;
  return `${ids.length} ${noun} (${shown.join(', ')})`;
}
