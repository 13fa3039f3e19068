// Every command's help, read from the program itself: what each must have
// (examples that parse, the global options, options' extras written one
// way, 80 columns), so a command added later is held to the same.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { commandPath, walk } from '../../src/cli/command-tree.js';
import type { Runner } from '../../src/cli/handler.js';
import { examplesOf } from '../../src/cli/help.js';
import { testIO } from '../../src/cli/shared/io.js';
import { buildProgram } from '../../src/cli/program.js';

const noop: Runner = () => async () => {};
const program = buildProgram(noop, testIO().io);
const commands = walk(program);

/** The help `cmd` prints, as a pipe gets it (80 columns). */
function helpOf(cmd: Command): string {
  const t = testIO();
  const fresh = buildProgram(noop, t.io);
  const path = commandPath(cmd).split(' ').slice(1);
  let target: Command = fresh;
  for (const name of path) target = target.commands.find((c) => c.name() === name)!;
  target.outputHelp();
  return t.stdout();
}

/** The words of the `fas ...` part of an example, as a POSIX shell splits them (quotes; no expansion). */
function words(text: string): string[] {
  const line = text.replaceAll('\\\n', ' ');
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (ch === '|' || ch === '>' || ch === ';' || ch === '&') {
      if (word !== undefined) out.push(word);
      out.push(ch);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) out.push(word);
  // The fas part: from the word `fas` to the first pipe or redirection.
  const start = out.indexOf('fas');
  const end = out.findIndex((w, i) => i > start && ['|', '>', ';', '&'].includes(w));
  return out.slice(start + 1, end === -1 ? undefined : end);
}

describe('every command', () => {
  it('the tree has the commands of every group', () => {
    expect(commands.length).toBeGreaterThan(35);
    expect(commands.map(commandPath)).toEqual(expect.arrayContaining(['fas spots list', 'fas help', 'fas completion', 'fas sandbox clock advance']));
  });

  it.each(commands.map((c) => [commandPath(c), c] as const))('%s: 2 to 4 examples of itself, in an Examples section', (path, cmd) => {
    const examples = examplesOf(cmd);
    expect(examples.length, `${path} needs 2 to 4 examples: .examples([...]) in its definition`).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(4);
    const help = helpOf(cmd);
    expect(help).toMatch(/\nExamples:\n {2}# /);
    for (const e of examples) {
      expect(help).toContain(`  # ${e.what}\n  $ ${e.command.replaceAll('\n', '\n      ')}\n`);
      // Each one runs that very command (or, for a group, one of its own): commander accepts it.
      expect(`${e.command} `, e.command).toMatch(/(^|\| )fas /);
      expect(e.what, e.command).toMatch(/^[^A-Z]/);
    }
  });

  it.each(commands.map((c) => [commandPath(c), c] as const))('%s: its examples parse, and reach it', async (path, cmd) => {
    for (const e of examplesOf(cmd)) {
      let reached: string | undefined;
      const recorder: Runner = () => async (...args) => {
        reached = commandPath(args.at(-1) as Command);
      };
      await buildProgram(recorder, testIO().io).parseAsync(words(e.command), { from: 'user' });
      // `fas help ...` and `fas` itself print help rather than run a handler.
      if (path === 'fas' || path === 'fas help') continue;
      expect(reached, e.command).toBeDefined();
      expect(`${reached} `, e.command).toContain(`${path} `);
    }
  });

  it.each(commands.filter((c) => c.parent).map((c) => [commandPath(c), c] as const))('%s: lists the global options it takes', (_path, cmd) => {
    const help = helpOf(cmd);
    expect(help).toMatch(/\nGlobal options:\n/);
    for (const flag of ['--api-url <url>', '-o, --output <format>', '--json', '--query <expr>', '--debug']) expect(help).toContain(`  ${flag}`);
    // --version is the program's alone.
    expect(help.split('Global options:')[1]).not.toContain('--version');
  });

  it.each(commands.map((c) => [commandPath(c), c] as const))('%s: fits 80 columns, defaults written one way, required options marked', (_path, cmd) => {
    const help = helpOf(cmd);
    for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    // "(default: 10m)": never "(default 10m)" nor commander's quoted "(default: \"10m\")".
    expect(help).not.toMatch(/\(default [^:]/);
    expect(help).not.toMatch(/default: "/);
    expect(help).not.toMatch(/choices: "/);
    for (const option of cmd.options.filter((o) => o.mandatory)) {
      // Its entry: its line, and the lines its description wraps onto.
      const entry = help.slice(help.indexOf(`\n  ${option.flags} `)).split(/\n(?! {4})/)[1];
      expect(entry, option.flags).toMatch(/\(required[;)]/);
    }
  });
});

describe('the help of an option', () => {
  it('says required, choices and default in one parenthesis', () => {
    const advise = helpOf(program.commands.find((c) => c.name() === 'market')!.commands.find((c) => c.name() === 'advise')!);
    expect(advise).toMatch(/--plan <slug> +plan \(required\)/);
    expect(advise).toMatch(/--sort <key> +savings \(highest first\)[\s\S]*\(choices: savings,\s+availability,\s+revocations,\s+price,\s+metro;\s+default: savings\)/);
    expect(advise).toMatch(/--lookback <duration> [\s\S]*\(default: 7d\)/);
  });
});
