// The `fas` program: global options, the command groups, and the one place
// where any failure becomes a message on stderr and an exit code.
import { Command, CommanderError, Option } from 'commander';
import type { FasClient } from '../client/client.js';
import { EXIT_CODES, FasError, InterruptedError, UsageError } from '../errors.js';
import { redact } from '../redact.js';
import { createContext, type Context } from './context.js';
import { Output } from './output.js';
import type { GlobalFlags } from './settings.js';
import { registerBids } from './commands/bids.js';
import { registerConfig } from './commands/config.js';
import { registerExecutions } from './commands/executions.js';
import { registerMarket } from './commands/market.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerSpots } from './commands/spots.js';

export const EXIT_CODE_HELP = `
Exit codes:
  0    success
  1    other error (network, server, config file)
  2    usage: bad command, flag or value (also a request the API rejects as invalid)
  3    authentication: missing or wrong token
  4    not found
  5    execution failed
  6    wait timed out
  7    conflict with the resource's state
  130  interrupted (Ctrl-C)

Environment:
  FAS_API_URL, FAS_TOKEN, FAS_PROFILE, FAS_OUTPUT, FAS_RETRIES,
  FAS_REQUEST_TIMEOUT, FAS_CONFIG_DIR, FAS_IDEMPOTENCY_KEY, NO_COLOR
`;

/** Runs a command handler with its context; the argument list ends with commander's Command. */
export type Runner = <A extends unknown[]>(
  handler: (ctx: Context, ...args: A) => Promise<void>,
) => (...commanderArgs: unknown[]) => Promise<void>;

export function buildProgram(run: Runner): Command {
  const program = new Command('fas')
    .description('Rent cheap compute on the FaaSpot spot market: spots, executions, prices and bids.')
    .version(FAS_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--api-url <url>', 'API base URL (default: the local sandbox, http://127.0.0.1:7878)'))
    .addOption(new Option('--token <token>', 'API token (prefer fas login or FAS_TOKEN)'))
    .addOption(new Option('--profile <name>', 'config profile to use'))
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json']))
    .option('--json', 'same as --output json')
    .option('-q, --quiet', 'print only ids; no progress or messages')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'trace HTTP requests on stderr (the token is never shown)')
    .option('--retries <n>', 'extra attempts for transient failures (default 5)')
    .option('--request-timeout <duration>', 'time limit for each HTTP request (default 30s)')
    .option('--insecure', 'allow plain http:// to a host that is not loopback')
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .addHelpText('after', EXIT_CODE_HELP);

  registerSpots(program, run);
  registerExecutions(program, run);
  registerMarket(program, run);
  registerBids(program, run);
  registerConfig(program, run);
  registerSandbox(program, run);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    // A second Ctrl-C means "now": don't wait for anything to wind down.
    if (interrupts > 1) process.exit(EXIT_CODES.interrupted);
    controller.abort(new InterruptedError('interrupted'));
  };
  process.on('SIGINT', onSignal);

  let out: Output | undefined;
  let debug = argv.includes('--debug');
  let token: string | undefined;
  const clients: FasClient[] = [];
  const run: Runner =
    (handler) =>
    async (...commanderArgs) => {
      const command = commanderArgs.at(-1) as Command;
      rejectEmptyArguments(command, commanderArgs);
      const flags = command.optsWithGlobals() as GlobalFlags;
      debug = flags.debug ?? debug;
      const ctx = await createContext(flags, argv, controller.signal, (c) => clients.push(c));
      out = ctx.out;
      token = ctx.settings.token;
      await handler(ctx, ...(commanderArgs.slice(0, -1) as never));
    };

  const program = buildProgram(run);
  program.exitOverride();
  configureCommanderOutput(program);

  let code: number = EXIT_CODES.ok;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    code = report(err, out ?? Output.fallback(), debug, token);
  } finally {
    process.off('SIGINT', onSignal);
    await Promise.allSettled(clients.map((c) => c.close()));
  }
  return code;
}

// An unset shell variable turns `fas spots remove "$ID"` into `fas spots remove ''`,
// which would otherwise mean "the newest spot"; no argument of ours may be empty.
function rejectEmptyArguments(command: Command, args: readonly unknown[]): void {
  command.registeredArguments.forEach((arg, i) => {
    if (typeof args[i] === 'string' && args[i].trim() === '') {
      throw new UsageError(`the argument <${arg.name()}> must not be empty`);
    }
  });
}

function configureCommanderOutput(program: Command): void {
  const apply = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({
      // Commander's own errors become the same one line as ours (see report()).
      outputError: () => {},
    });
    cmd.commands.forEach(apply);
  };
  apply(program);
}

/**
 * Prints the failure as one line (and a hint) and returns its exit code.
 * Everything printed passes through redact() once more: a message built from
 * a server's words must not carry the token, whichever code built it.
 */
export function report(err: unknown, out: Output, debug: boolean, token?: string): number {
  const safe = (text: string) => redact(text, token);
  if (err instanceof CommanderError) return reportCommander(err, out);
  if (err instanceof FasError) {
    out.error(safe(err.message), err.hint && safe(err.hint));
    if (debug && err.cause) out.debug(safe(String((err.cause as Error).stack ?? err.cause)));
    return EXIT_CODES[err.kind];
  }
  const message = err instanceof Error ? err.message : String(err);
  out.error(safe(`unexpected error: ${message}`), debug ? undefined : 'run again with --debug for details');
  if (debug && err instanceof Error && err.stack) out.debug(safe(err.stack));
  return EXIT_CODES.server;
}

function reportCommander(err: CommanderError, out: Output): number {
  switch (err.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return EXIT_CODES.ok;
    case 'commander.help':
    case 'commander.executeSubCommandAsync':
      // A group named without a subcommand: the help it printed is the answer.
      return EXIT_CODES.usage;
  }
  const message = err.message
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, " (did you mean $1)")
    .replace(/\s+/g, ' ')
    .trim();
  out.error(message, 'see fas --help, or fas COMMAND --help');
  return EXIT_CODES.usage;
}
