// docs/commands.md, written from the program itself: every command (hidden
// ones left out), its usage, arguments, options and examples, in the words
// of its help. `npm run docs` writes it; a test fails when it is stale.
import type { Argument, CommandUnknownOpts as Command, Help, Option } from '@commander-js/extra-typings';
import { commandPath, visibleSubcommands, walk } from './command-tree.js';
import type { Runner } from './handler.js';
import { examplesOf } from './help.js';
import { testIO } from './shared/io.js';
import { buildProgram } from './program.js';

/** A table cell: one line, its pipes escaped. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
const anchor = (cmd: Command) => commandPath(cmd).replace(/\s+/g, '-');
const link = (cmd: Command) => `[${commandPath(cmd)}](#${anchor(cmd)})`;

function table(head: [string, string], rows: [string, string][]): string[] {
  if (!rows.length) return [];
  return [`| ${head[0]} | ${head[1]} |`, '|---|---|', ...rows.map(([a, b]) => `| \`${a}\` | ${cell(b)} |`), ''];
}

function optionRows(help: Help, options: readonly Option[]): [string, string][] {
  return options.map((o) => [help.optionTerm(o), help.optionDescription(o)]);
}

function section(cmd: Command): string[] {
  const help = cmd.createHelp();
  const lines = [`## ${commandPath(cmd)}`, '', cell(help.commandDescription(cmd)), '', '```', help.commandUsage(cmd), '```', ''];
  const args = help.visibleArguments(cmd);
  if (args.length) lines.push('Arguments:', '', ...table(['argument', 'description'], args.map((a: Argument) => [help.argumentTerm(a), help.argumentDescription(a)])));
  // The program's own options are the global ones, listed once above.
  const options = cmd.parent ? help.visibleOptions(cmd).filter((o) => o.long !== '--help') : [];
  if (options.length) lines.push('Options:', '', ...table(['option', 'description'], optionRows(help, options)));
  const subcommands = visibleSubcommands(cmd);
  if (subcommands.length) lines.push('Commands:', '', '| command | description |', '|---|---|', ...subcommands.map((s) => `| ${link(s)} | ${cell(s.description())} |`), '');
  const examples = examplesOf(cmd);
  if (examples.length) lines.push('Examples:', '', '```sh', ...examples.flatMap((e, i) => [...(i ? [''] : []), `# ${e.what}`, e.command.replaceAll('\n', '\n    ')]), '```', '');
  return lines;
}

/** The reference of `program`, as Markdown. */
function commandReference(program: Command): string {
  const help = program.createHelp();
  const commands = walk(program);
  const globals = help.visibleOptions(program).filter((o) => o.long !== '--version' && o.long !== '--help');
  return [
    '# Command reference',
    '',
    '<!-- Written by `npm run docs` from the program itself: edit the commands, not this file. -->',
    '',
    'Every command of `fas`, with its arguments, options and examples, as its',
    'help gives them (`fas help COMMAND`, or `fas COMMAND --help`). Exit codes',
    'and settings are in the [README](../README.md).',
    '',
    ...commands.slice(1).map((c) => `${'  '.repeat(commandPath(c).split(' ').length - 2)}- ${link(c)}`),
    '',
    '## Global options',
    '',
    'Every command takes these, before or after its name. `-h, --help` shows a',
    "command's help; `-v, --version` prints the version.",
    '',
    ...table(['option', 'description'], optionRows(help, globals)),
    ...commands.flatMap(section),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** The reference of fas. */
export function fasReference(): string {
  const noop: Runner = () => async () => {};
  return commandReference(buildProgram(noop, testIO().io));
}
