// The options every command takes, defined once: the program adds them, and
// their type (GlobalFlags) is read from this definition.
import { Option, type Command } from '@commander-js/extra-typings';
import type { FlagsOf } from '../flags.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'jsonl', 'yaml', 'csv'] as const;

/** The global options as a command's optsWithGlobals() holds them; a caller may give only some. */
export type GlobalFlags = Partial<FlagsOf<typeof globalOptions>>;

export function globalOptions(program: Command) {
  return program
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
    .option('--insecure', 'allow plain http:// to a host that is not loopback');
}
