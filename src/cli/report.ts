// The one place where any failure becomes a message on stderr (with a hint)
// and an exit code.
import { CommanderError } from 'commander';
import { EXIT_CODES, FasError } from '../errors.js';
import { redact } from '../redact.js';
import { hintFor } from './hints.js';
import type { Output } from './output/output.js';

/** Commander's error, with the command line of the command that refused it, whose help the hint names. */
export class CommandLineError extends CommanderError {
  constructor(
    err: CommanderError,
    readonly commandPath: string,
  ) {
    super(err.exitCode, err.code, err.message);
  }
}

export interface ReportOptions {
  /** With --debug, the cause's stack too. */
  debug: boolean;
  /** The token, masked wherever it would show. */
  token?: string | undefined;
}

/**
 * Prints the failure as one line (and a hint) and returns its exit code.
 * Everything printed passes through redact() once more: a message built from
 * a server's words must not carry the token, whichever code built it.
 */
export function report(err: unknown, out: Output, { debug, token }: ReportOptions): number {
  const safe = (text: string) => redact(text, token);
  if (err instanceof CommanderError) return reportCommander(err, out);
  if (err instanceof FasError) {
    const hint = hintFor(err);
    out.error(safe(err.message), hint && safe(hint));
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
      // Help printed by commander itself: asked for (0), or in place of a missing command.
      return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  const message = err.message
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, ' (did you mean $1)')
    .replace(/\s+/g, ' ')
    .trim();
  out.error(message, `see ${err instanceof CommandLineError ? err.commandPath : 'fas'} --help`);
  return EXIT_CODES.usage;
}
