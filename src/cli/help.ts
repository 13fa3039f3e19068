// The help of every command, written one way: usage, description, arguments,
// options, the global options it inherits, subcommands, then examples; an
// option's extras as `(required; choices: a, b; default: x)`. Also what a
// group does when it is named alone, and `fas help COMMAND...`.
import { Command, Help, type Argument, type CommandUnknownOpts, type Option, type OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { commandPath, subcommand, walk } from './command-tree.js';
import { unknownCommand, unknownOption } from './suggest.js';
import type { Source } from './completion/source.js';

/** One example of a command's help: the command line, and what it does. */
export interface Example {
  command: string;
  what: string;
}

declare module '@commander-js/extra-typings' {
  // Every command of fas is a FasCommand (createCommand below): its subcommands have examples too.
  interface Command<Args extends any[] = [], Opts extends OptionValues = {}, GlobalOpts extends OptionValues = {}> {
    /** The examples its help shows: each [command line, what it does]; a long line goes on in a line after ` \\`. */
    examples(list: readonly (readonly [command: string, what: string])[]): this;
    /** What each argument completes to (see completion/), by its name; one with .choices() needs none. */
    completes(sources: Readonly<Record<string, Source>>): this;
  }
}

/** A command of fas: commander's, with examples. Its subcommands are FasCommands too. */
export class FasCommand extends Command {
  #examples: Example[] = [];
  #sources: Readonly<Record<string, Source>> = {};

  override createCommand(name?: string): FasCommand {
    return new FasCommand(name);
  }

  /** The examples its help shows: each [command line, what it does]; a long line goes on in a line after ` \\`. */
  override examples(list: readonly (readonly [command: string, what: string])[]): this {
    this.#examples = list.map(([command, what]) => ({ command, what }));
    return this;
  }

  override completes(sources: Readonly<Record<string, Source>>): this {
    this.#sources = sources;
    return this;
  }

  /** The source of the argument named `name`, if the definition gave one. */
  argumentSource(name: string): Source | undefined {
    return this.#sources[name];
  }

  get exampleList(): readonly Example[] {
    return this.#examples;
  }
}

/** The examples of `cmd`, if it is a FasCommand. */
export function examplesOf(cmd: CommandUnknownOpts): readonly Example[] {
  return cmd instanceof FasCommand ? cmd.exampleList : [];
}

/** `(required; choices: a, b; default: x)`, or nothing. */
function extras(what: { mandatory?: boolean; argChoices?: string[] | undefined; defaultValue?: unknown; defaultValueDescription?: string | undefined }): string {
  const parts: string[] = [];
  if (what.mandatory) parts.push('required');
  if (what.argChoices) parts.push(`choices: ${what.argChoices.join(', ')}`);
  if (what.defaultValue !== undefined && typeof what.defaultValue !== 'boolean') {
    parts.push(`default: ${what.defaultValueDescription ?? String(what.defaultValue)}`);
  }
  return parts.length ? `(${parts.join('; ')})` : '';
}

const joined = (description: string, extra: string) => [description, extra].filter(Boolean).join(' ');

/** The examples as the help shows them; a command of several lines (each but the last ending in `\`) is indented after its first. */
function formatExamples(list: readonly Example[]): string {
  if (!list.length) return '';
  return `Examples:\n${list.map((e) => `  # ${e.what}\n  $ ${e.command.replaceAll('\n', '\n      ')}\n`).join('\n')}`;
}

/**
 * A group's commands before the options every command takes, which gh
 * prints last ("inherited flags"): what the group holds is what its help is
 * read for. Sections are a heading line ending in ':' after a blank line.
 */
function globalOptionsLast(text: string): string {
  const sections = text.split(/\n\n(?=[A-Z][^\n]*:\n)/);
  const at = sections.findIndex((s) => s.startsWith('Global options:\n'));
  if (at === -1) return text;
  const [global] = sections.splice(at, 1);
  return `${[...sections.map((s) => s.trimEnd()), global!.trimEnd()].join('\n\n')}\n`;
}

/** Gives `program` and every command under it (made after or before) the help above. */
export function configureHelp(program: CommandUnknownOpts): void {
  program.configureHelp({
    showGlobalOptions: true,
    optionDescription: (option: Option) => joined(option.description, extras(option)),
    argumentDescription: (argument: Argument) => joined(argument.description, extras(argument)),
    // --version belongs to the program, not to each command.
    visibleGlobalOptions(this: Help, cmd: CommandUnknownOpts) {
      return Help.prototype.visibleGlobalOptions.call(this, cmd).filter((o) => o.long !== '--version');
    },
    formatHelp(this: Help, cmd: CommandUnknownOpts, helper: Help) {
      const text = globalOptionsLast(Help.prototype.formatHelp.call(this, cmd, helper).replace(/^Global Options:$/m, 'Global options:'));
      const examples = formatExamples(examplesOf(cmd));
      return examples ? `${text}\n${examples}` : text;
    },
  });
}

/**
 * A group named alone prints its help, on stdout, and succeeds, as gh and
 * hcloud do: it was asked what the group holds. A word that names none of
 * its commands is a usage error with the nearest one. `fas spots help list`
 * is `fas help spots list`. Given to every group under `program`.
 */
export function configureGroups(program: CommandUnknownOpts): void {
  for (const group of walk(program).filter((c) => c.commands.length > 0)) {
    if ((group as unknown as { _actionHandler?: unknown })._actionHandler) continue;
    // Unknown words reach the action, so that `fas bids add --metro sv` says what `add` should be.
    group.allowExcessArguments(true).allowUnknownOption(true).action(function (this: CommandUnknownOpts) {
      const self = this;
      const [word, ...rest] = self.args;
      if (word === undefined) return self.outputHelp();
      if (word === 'help') return helpOf(self, rest).outputHelp();
      throw word.startsWith('-') && word !== '-' ? unknownOption(self, word) : unknownCommand(self, word);
    });
  }
}

/** The command that `names` name under `from`, or the usage error for the first word that names none. */
export function helpOf(from: CommandUnknownOpts, names: readonly string[]): CommandUnknownOpts {
  let cmd = from;
  for (const name of names) {
    const next = subcommand(cmd, name);
    if (!next) throw cmd.commands.length ? unknownCommand(cmd, name) : new UsageError(`${commandPath(cmd)} has no subcommands`, { hint: `see ${commandPath(cmd)} --help` });
    cmd = next;
  }
  return cmd;
}
