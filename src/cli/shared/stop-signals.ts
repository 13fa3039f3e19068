// A command that runs until it is stopped (a watch, `events --follow`,
// `spots wait`) is stopped the same way whatever stops it: Ctrl-C, SIGTERM
// (how CI runners cancel a job) or SIGHUP (its terminal closed). Dying of
// the signal would leave a watch's hooks running in their own process groups
// and lose the cursor a follow resumes from. Each ends the command through
// one abort signal; the exit code tells which it was, as a shell would
// (128 + the signal's number), and a second one ends it at once.
import { EXIT_CODES, InterruptedError } from '../../errors.js';
import type { Context } from './context.js';

/** The exit code of a command stopped by each signal besides Ctrl-C (which is 130, as every command's). */
export const STOP_EXIT_CODES = { SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_EXIT_CODES;

export interface Stopper {
  /** Aborts on Ctrl-C, SIGTERM or SIGHUP. */
  signal: AbortSignal;
  /** The signal that stopped the command, when it was not Ctrl-C. */
  stoppedBy(): StopSignal | undefined;
  /** The exit code of a stop: 130 after Ctrl-C. */
  exitCode(): number;
  dispose(): void;
}

export function stopSignals(ctx: Context): Stopper {
  const controller = new AbortController();
  let by: StopSignal | undefined;
  // Ctrl-C after SIGTERM or SIGHUP is a second signal too: the command ends at once.
  const fromRun = () => (controller.signal.aborted && by ? ctx.host.exit(STOP_EXIT_CODES[by]) : controller.abort(ctx.signal.reason));
  if (ctx.signal.aborted) fromRun();
  else ctx.signal.addEventListener('abort', fromRun, { once: true });
  const offs = (Object.keys(STOP_EXIT_CODES) as StopSignal[]).map((name) =>
    ctx.host.onSignal(name, () => {
      if (controller.signal.aborted) ctx.host.exit(by ? STOP_EXIT_CODES[by] : EXIT_CODES.interrupted);
      by = name;
      controller.abort(new InterruptedError(`stopped by ${name}`));
    }),
  );
  return {
    signal: controller.signal,
    stoppedBy: () => by,
    exitCode: () => (by ? STOP_EXIT_CODES[by] : EXIT_CODES.interrupted),
    dispose() {
      ctx.signal.removeEventListener('abort', fromRun);
      for (const off of offs) off();
    },
  };
}
