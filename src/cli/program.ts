// The `fas` program: global options and the command groups. Only the
// definitions: each command's handler loads when it runs (see context.ts,
// Runner), so `fas --help` loads commander and this, nothing more.
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { commandPath } from './command-tree.js';
import { registerBids } from './bids/commands.js';
import { registerCompletion } from './completion/commands.js';
import { registerConfig } from './account/commands.js';
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
import { OUTPUT_FORMATS } from './shared/settings.js';

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

/** The program; its help, version and usage go to `io`. */
export function buildProgram(run: Runner, io: IO): FasCommand {
  const program = new FasCommand('fas')
    .description('Rent cheap compute on the FaaSpot spot market: spots, executions, prices and bids.')
    .version(FAS_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--api-url <url>', 'API base URL (default: the local sandbox, http://127.0.0.1:7878)'))
    .addOption(new Option('--token <token>', 'API token (prefer fas login or FAS_TOKEN)'))
    .addOption(new Option('--profile <name>', 'config profile to use'))
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS))
    .option('--json', 'same as --output json')
    .option('--columns <keys>', 'the columns of table, wide and csv output, in order, e.g. id,ip,state')
    .option('--no-header', 'no header row in table, wide and csv output')
    .option('--query <expr>', 'a JMESPath expression over the JSON output, e.g. "[].ip"')
    .option('-q, --quiet', 'print only ids; no progress or messages')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'trace HTTP requests on stderr (the token is never shown)')
    .option('--retries <n>', 'extra attempts for transient failures (default: 5)')
    .option('--request-timeout <duration>', 'time limit for each HTTP request (default: 30s)')
    .option('--insecure', 'allow plain http:// to a host that is not loopback')
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

  registerSpots(program, run);
  registerExecutions(program, run);
  registerMarket(program, run);
  registerBids(program, run);
  registerEvents(program, run);
  registerFleet(program, run);
  registerConfig(program, run);
  registerSandbox(program, run);
  registerCompletion(program, run);
  registerMcp(program, run);
  program
    .command('help')
    .description('show the help of a command')
    .argument('[command...]', 'the command, e.g. spots list')
    .examples([
      ['fas help', 'what fas does, its global options and commands'],
      ['fas help spots list', 'the same as fas spots list --help'],
    ])
    .action((names: string[]) => helpOf(program, names).outputHelp());
  configureGroups(program);

  const configure = (cmd: Command) => {
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
function rejectEmptyArguments(command: Command): void {
  command.registeredArguments.forEach((arg, i) => {
    const value: unknown = command.processedArgs[i];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) {
      throw new UsageError(`the argument <${arg.name()}> must not be empty`, { hint: `see ${commandPath(command)} --help` });
    }
  });
}
