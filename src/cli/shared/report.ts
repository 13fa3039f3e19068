// The one place where any failure becomes a message on stderr (with a hint)
// and an exit code.
import { CommanderError } from '@commander-js/extra-typings';
import { EXIT_CODES, FasError } from '../../errors.js';
import { redact } from '../../redact.js';
import { hintFor } from './hints.js';
import { closestWord } from '../suggest.js';
import type { Output } from '../output/output.js';

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
  /** With --debug, the chain of causes too (their messages; never a stack trace). */
  debug: boolean;
  /** The token, masked wherever it would show. */
  token?: string | undefined;
  /** What the failure is about, before its message: the id of one of several (`Error: 1a2b: no spot '1a2b'`). */
  subject?: string | undefined;
}

/**
 * A failure whose lines are already on stderr (each of several ids said its
 * own): only its exit code is left to give.
 */
export class Reported extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/**
 * Prints the failure as one line (and a hint) and returns its exit code.
 * Everything printed passes through redact() once more: a message built from
 * a server's words must not carry the token, whichever code built it.
 */
export function report(err: unknown, out: Output, { debug, token, subject }: ReportOptions): number {
  const safe = (text: string) => redact(text, token);
  const about = subject === undefined ? '' : `${subject}: `;
  if (err instanceof Reported) return err.exitCode;
  if (err instanceof CommanderError) return reportCommander(err, out);
  if (err instanceof FasError) {
    const hint = hintFor(err);
    out.error(safe(about + err.message), hint && safe(hint));
    if (debug) causes(err.cause).forEach((line) => out.debug(safe(`[debug] caused by ${line}`)));
    return EXIT_CODES[err.kind];
  }
  const message = err instanceof Error ? err.message : String(err);
  out.error(safe(`${about}unexpected error: ${message}`), debug ? undefined : 'run again with --debug for details');
  if (debug) causes(err).forEach((line, i) => out.debug(safe(`[debug] ${i === 0 ? '' : 'caused by '}${line}`)));
  return EXIT_CODES.server;
}

/**
 * `error` and what caused it, one line each: its kind, its code and its
 * message. Where a failure came from in our code is no help to the person
 * who reads it, and a stack trace is never printed.
 */
function causes(error: unknown): string[] {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error; e !== undefined && e !== null && !seen.has(e) && lines.length < 10; e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    lines.push(describe(e));
    // Several attempts failed at once (a connection to each address of a host).
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) inner.slice(0, 5).forEach((x) => lines.push(`  ${describe(x)}`));
  }
  return lines;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return `${e.name}${typeof code === 'string' ? ` (${code})` : ''}: ${e.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** A value not among an option's choices (`-o tabel`) with the choice it is a typo of, as an unknown option gets. */
function withChoiceMeant(message: string): string {
  const m = /argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(message);
  const meant = m && closestWord(m[1]!, m[2]!.split(', '));
  return meant ? `${message.slice(0, -1)} (did you mean ${meant}?)` : message;
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
  const message = withChoiceMeant(
    err.message
      .replace(/^error:\s*/i, '')
      .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, ' (did you mean $1)')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  out.error(message, `see ${err instanceof CommandLineError ? err.commandPath : 'fas'} --help`);
  return EXIT_CODES.usage;
}
