// The `fas` program: global options and the command groups. Only the
// definitions: each command's handler loads when it runs (see context.ts,
// Runner), so `fas --help` loads commander and this, nothing more.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { commandPath } from './command-tree.js';
import { registerBids } from './bids/commands.js';
import { registerCompletion } from './completion/commands.js';
import { registerAccount } from './account/commands.js';
import { registerEvents } from './events/commands.js';
import { registerExecutions } from './executions/commands.js';
import { registerMarket } from './market/commands.js';
import { registerMcp } from './mcp/commands.js';
import { registerSandbox } from './sandbox/commands.js';
import { registerSpots } from './spots/commands.js';
import { registerFleet } from './fleet/commands.js';
import type { Runner } from './handler.js';
import { configureGroups, configureHelp, FasCommand, helpOf } from './help.js';
import type { IO } from './shared/io.js';
import { CommandLineError } from './shared/report.js';
import { globalOptions } from './shared/global-options.js';

export const EXIT_CODE_HELP = `
Exit codes:
  0    success
  1    other error (network, server, config file)
  2    usage: a bad command, flag or value, or a request the API rejects
  3    authentication: missing or wrong token
  4    not found
  5    execution failed (spots watch: a termination hook that failed)
  6    wait timed out (fleet keep --once: the target not met)
  7    conflict with the resource's state
  130  interrupted (Ctrl-C), or no to a question
  143  stopped by SIGTERM (129: SIGHUP), a watch's hooks stopped first

Environment:
  FAS_API_URL, FAS_TOKEN, FAS_PROFILE, FAS_OUTPUT, FAS_RETRIES,
  FAS_REQUEST_TIMEOUT, FAS_CONFIG_DIR, FAS_IDEMPOTENCY_KEY, NO_COLOR
`;

const handlers = () => import('./handlers.js');

/** The program; its help, version and usage go to `io`. */
export function buildProgram(run: Runner, io: IO): CommandUnknownOpts {
  const program = globalOptions(
    new FasCommand('fas')
      .description('Rent cheap compute on the FaaSpot spot market: spots, executions, prices and bids.')
      .version(FAS_VERSION, '-v, --version', 'print the version')
      .helpOption('-h, --help', 'show help'),
  )
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .examples([
      ['fas sandbox start --detach', "a local API with a simulated market, saved as the profile 'sandbox'"],
      ['fas spots add --wait', 'buy a spot and wait until it is active'],
      ['fas spots list --json', 'the pool, as JSON'],
      ['fas help spots add', 'the help of one command'],
    ])
    .addHelpText('after', EXIT_CODE_HELP)
    .hook('preAction', (_program, command) => rejectEmptyArguments(command));
  configureHelp(program);

  // The groups, in the order the help lists them; each with its handlers,
  // which load (all at once, see handler.ts) only when a command runs.
  registerSpots(program, run, async () => (await handlers()).spots);
  registerExecutions(program, run, async () => (await handlers()).executions);
  registerMarket(program, run, async () => (await handlers()).market);
  registerBids(program, run, async () => (await handlers()).bids);
  registerEvents(program, run, async () => (await handlers()).events);
  registerFleet(program, run, async () => (await handlers()).fleet);
  registerAccount(program, run, async () => (await handlers()).account);
  registerSandbox(program, run, async () => (await handlers()).sandbox);
  registerCompletion(program, run, async () => (await handlers()).completion);
  registerMcp(program, run, async () => (await handlers()).mcp);
  program
    .command('help')
    .description('show the help of a command')
    .argument('[command...]', 'the command, e.g. spots list')
    .completes({ command: 'command' })
    .examples([
      ['fas help', 'what fas does, its global options and commands'],
      ['fas help spots list', 'the same as fas spots list --help'],
    ])
    .action((names: string[]) => helpOf(program, names).outputHelp());
  configureGroups(program);

  const configure = (cmd: CommandUnknownOpts) => {
    // Commander's errors name the command whose help the hint points to.
    cmd.exitOverride((err) => {
      throw new CommandLineError(err, commandPath(cmd));
    });
    cmd.configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander reads no width (undefined, off a terminal) as 80 columns; its types say number.
      getOutHelpWidth: () => io.columns as number,
      getErrHelpWidth: () => io.stderrColumns as number,
      // The help has no colour of its own to keep or strip.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // Commander's own errors become the same one line as ours (see report.ts).
      outputError: () => {},
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}

// An unset shell variable turns `fas spots remove "$ID"` into `fas spots remove ''`,
// which would otherwise mean "the newest spot"; no argument of ours may be empty.
function rejectEmptyArguments(command: CommandUnknownOpts): void {
  command.registeredArguments.forEach((arg, i) => {
    const value: unknown = command.processedArgs[i];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) {
      throw new UsageError(`the argument <${arg.name()}> must not be empty`, { hint: `see ${commandPath(command)} --help` });
    }
  });
}
