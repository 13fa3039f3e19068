// One run of fas: parse the command line, run the command's handler with its
// context, and turn whatever fails into a message and an exit code (report.ts).
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import type { FasClient } from '../client/client.js';
import { EXIT_CODES, InterruptedError, UsageError } from '../errors.js';
import { commandPath, longFlags } from './command-tree.js';
import { createContext, type RunEnvironment } from './shared/context.js';
import type { Handler, Runner } from './handler.js';
import { hintFor } from './shared/hints.js';
import { Output } from './output/output.js';
import { buildProgram } from './program.js';
import { report } from './shared/report.js';
import type { GlobalFlags } from './shared/settings.js';

export async function runCli(run: RunEnvironment): Promise<number> {
  // Shell completion asks on every Tab (completion/scripts.ts); it is no command of the program's.
  if (run.argv[0] === '__complete') return (await import('./completion/complete.js')).runComplete(run);
  const controller = new AbortController();
  let interrupts = 0;
  const offSignal = run.host.onSignal('SIGINT', () => {
    interrupts += 1;
    // A second Ctrl-C means "now": don't wait for anything to wind down.
    if (interrupts > 1) run.host.exit(EXIT_CODES.interrupted);
    controller.abort(new InterruptedError('interrupted'));
  });

  let out: Output | undefined;
  let debug = run.argv.includes('--debug');
  let token: string | undefined;
  const clients: FasClient[] = [];
  const runner: Runner = (handler) => async (...commanderArgs) => {
    const command = commanderArgs.at(-1) as Command;
    try {
      const flags = command.optsWithGlobals() as GlobalFlags;
      debug = flags.debug ?? debug;
      const ctx = await createContext(run, flags, controller.signal, (c) => clients.push(c));
      out = ctx.out;
      token = ctx.settings.token;
      const handle = ('load' in handler ? await handler.load() : handler) as Handler<unknown[]>;
      await handle(ctx, ...commanderArgs.slice(0, -1));
    } catch (err) {
      // A flag refused here rather than by commander: the hint names this command's help all the same.
      if (err instanceof UsageError && hintFor(err) === undefined && namesFlagOf(command, err.message)) err.hint = `see ${commandPath(command)} --help`;
      throw err;
    }
  };

  let code: number = EXIT_CODES.ok;
  try {
    await buildProgram(runner, run.io).parseAsync(run.argv, { from: 'user' });
  } catch (err) {
    code = report(err, out ?? Output.fallback(run.io), { debug, token });
  } finally {
    offSignal();
    await Promise.allSettled(clients.map((c) => c.close()));
  }
  return code;
}

/** Whether `message` names a flag that `command` takes (its own or one it inherits). */
function namesFlagOf(command: Command, message: string): boolean {
  const flags = new Set(longFlags(command));
  return [...message.matchAll(/--[a-z][a-z-]*/g)].some(([flag]) => flags.has(flag));
}
