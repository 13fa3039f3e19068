// `fas __complete WORD...`: what the shell scripts (scripts.ts) call on each
// Tab. The words are those after `fas`, the last one the word being
// completed (empty for a new one). It walks the program as commander would
// parse those words, and prints one candidate a line (`value`, a tab, a
// description), then a directive line: `:` (nothing more), or `:dirs` (the
// shell completes a directory). It never fails: on any error it prints
// nothing but the directive, and it never writes to stderr.
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import { subcommand, visibleSubcommands } from '../command-tree.js';
import type { RunEnvironment } from '../shared/context.js';
import { clean } from '../output/clean.js';
import { buildProgram } from '../program.js';
import type { GlobalFlags } from '../shared/settings.js';
import { ApiLookup } from './lookup.js';
import { OPTION_VALUES, type Source } from './values.js';
import { FasCommand } from '../help.js';

export interface Candidate {
  value: string;
  description?: string | undefined;
}

export interface Completion {
  candidates: Candidate[];
  /** `dirs`: the shell should complete a directory name itself. */
  directive: 'none' | 'dirs';
}

/** Values from the API or the config file, for the global flags given on the line (its profile, URL, token). */
export type Lookup = (source: 'spot' | 'bid' | 'execution' | 'metro' | 'plan' | 'profile', flags: GlobalFlags) => Promise<Candidate[]>;

const NOTHING: Completion = { candidates: [], directive: 'none' };

/** The command line as commander reads it, up to the word being completed. */
interface Parsed {
  cmd: Command;
  /** The operands given to `cmd` (after the subcommand names). */
  operands: string[];
  used: Set<Option>;
  /** The option whose value the word being completed is. */
  pending: Option | undefined;
  flags: GlobalFlags;
  afterDashes: boolean;
}

/** The options a command takes: its own, then its ancestors' (global ones); --version only on the program. */
function optionsOf(cmd: Command): Option[] {
  const seen = new Map<string, Option>();
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.createHelp().visibleOptions(c)) {
      if (o.long === '--version' && c !== cmd) continue;
      const key = o.long ?? o.short ?? o.flags;
      if (!seen.has(key)) seen.set(key, o);
    }
  }
  return [...seen.values()];
}

const takesValue = (o: Option) => o.required || o.optional;
const is = (o: Option, flag: string) => o.long === flag || o.short === flag;

function parse(program: Command, before: readonly string[]): Parsed | undefined {
  const p: Parsed = { cmd: program, operands: [], used: new Set(), pending: undefined, flags: {}, afterDashes: false };
  const setFlag = (o: Option, value: string | boolean) => {
    p.used.add(o);
    // Only the program's options say which API and token to ask.
    if (program.options.includes(o)) (p.flags as Record<string, unknown>)[o.attributeName()] = o.negate ? false : value;
  };
  for (const word of before) {
    if (p.pending) {
      setFlag(p.pending, word);
      p.pending = undefined;
    } else if (!p.afterDashes && word === '--') {
      p.afterDashes = true;
    } else if (!p.afterDashes && word.startsWith('-') && word.length > 1) {
      const options = optionsOf(p.cmd);
      const eq = word.startsWith('--') ? word.indexOf('=') : -1;
      const flag = eq > 0 ? word.slice(0, eq) : word;
      const option = options.find((o) => is(o, flag));
      if (option) {
        if (!takesValue(option)) setFlag(option, true);
        else if (eq > 0) setFlag(option, word.slice(eq + 1));
        else p.pending = option;
      } else if (!word.startsWith('--')) {
        // Short flags together (-qo json): each a flag, but the one that takes a value takes the rest.
        for (let i = 1; i < word.length; i++) {
          const short = options.find((o) => o.short === `-${word[i]}`);
          if (!short) break;
          if (!takesValue(short)) setFlag(short, true);
          else {
            if (i + 1 < word.length) setFlag(short, word.slice(i + 1));
            else p.pending = short;
            break;
          }
        }
      }
    } else if (p.operands.length === 0 && p.cmd.commands.length > 0) {
      const next = subcommand(p.cmd, word);
      // A word that names no command: nothing after it can be completed.
      if (!next) return undefined;
      p.cmd = next;
    } else {
      p.operands.push(word);
    }
  }
  return p;
}

/** The first line of a description, short enough for a completion menu. */
function summary(text: string): string {
  const line = clean(text.split('\n')[0] ?? '');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function matching(candidates: readonly Candidate[], prefix: string): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => c.value.startsWith(prefix) && !seen.has(c.value) && seen.add(c.value));
}

/** The subcommands of `cmd` for `prefix`: names, and an alias only where its name does not match. */
function commandsOf(cmd: Command, prefix: string): Candidate[] {
  return visibleSubcommands(cmd).flatMap((c) => {
    const names = c.name().startsWith(prefix) ? [c.name()] : c.aliases().filter((a) => a.startsWith(prefix));
    return names.map((value) => ({ value, description: summary(c.summary() || c.description()) }));
  });
}

function flagsOf(p: Parsed, prefix: string): Candidate[] {
  return optionsOf(p.cmd)
    .filter((o) => o.long && !p.used.has(o))
    .map((o) => ({ value: o.long!, description: summary(o.description) }))
    .filter((c) => c.value.startsWith(prefix));
}

async function values(source: Source | undefined, choices: readonly string[] | undefined, prefix: string, p: Parsed, program: Command, lookup: Lookup): Promise<Completion> {
  if (choices) return { candidates: matching(choices.map((value) => ({ value })), prefix), directive: 'none' };
  if (source === undefined || source === 'none') return NOTHING;
  if (source === 'dir') return { candidates: [], directive: 'dirs' };
  if (typeof source !== 'string') return { candidates: matching(source.map((value) => ({ value })), prefix), directive: 'none' };
  if (source === 'command') {
    let cmd = program;
    for (const name of p.operands) {
      const next = subcommand(cmd, name);
      if (!next) return NOTHING;
      cmd = next;
    }
    return { candidates: commandsOf(cmd, prefix), directive: 'none' };
  }
  return { candidates: matching(await lookup(source, p.flags), prefix), directive: 'none' };
}

/** What may follow `words` (the last one is the word being completed). */
export async function complete(program: Command, words: readonly string[], lookup: Lookup): Promise<Completion> {
  const current = words.at(-1) ?? '';
  const p = parse(program, words.slice(0, -1));
  if (!p) return NOTHING;

  if (p.pending) return values(OPTION_VALUES[p.pending.long ?? ''], p.pending.argChoices, current, p, program, lookup);
  if (!p.afterDashes && current.startsWith('--') && current.includes('=')) {
    const flag = current.slice(0, current.indexOf('='));
    const option = optionsOf(p.cmd).find((o) => is(o, flag));
    if (!option || !takesValue(option)) return NOTHING;
    const found = await values(OPTION_VALUES[flag], option.argChoices, current.slice(flag.length + 1), p, program, lookup);
    return { ...found, candidates: found.candidates.map((c) => ({ ...c, value: `${flag}=${c.value}` })) };
  }
  if (!p.afterDashes && current.startsWith('-')) return { candidates: flagsOf(p, current), directive: 'none' };

  if (p.cmd.commands.length > 0) return { candidates: commandsOf(p.cmd, current), directive: 'none' };
  const args = p.cmd.registeredArguments;
  const last = args.at(-1);
  const arg = args[p.operands.length] ?? (last?.variadic ? last : undefined);
  const source = arg && !arg.argChoices && p.cmd instanceof FasCommand ? p.cmd.argumentSource(arg.name()) : undefined;
  // No argument to complete: the flags the command still takes.
  if (current === '' && !arg?.argChoices && (source === undefined || source === 'none')) return { candidates: flagsOf(p, ''), directive: 'none' };
  return arg ? values(source, arg.argChoices, current, p, program, lookup) : NOTHING;
}

/** The lines the shell scripts read. Values and descriptions are single lines of plain text. */
export function format(completion: Completion): string {
  const lines = completion.candidates.map((c) => {
    const value = clean(c.value).replace(/\s/g, '');
    return c.description ? `${value}\t${clean(c.description)}` : value;
  });
  lines.push(completion.directive === 'dirs' ? ':dirs' : ':');
  return `${lines.join('\n')}\n`;
}

/** `fas __complete WORD...`: the program's completion of the words, on stdout. Always exit 0. */
export async function runComplete(run: RunEnvironment): Promise<number> {
  let text = format(NOTHING);
  try {
    // A program whose commands do nothing: only its definitions are read.
    const program = buildProgram(() => async () => {}, run.io);
    const api = new ApiLookup(run);
    try {
      text = format(await complete(program, run.argv.slice(1), api.lookup));
    } finally {
      await api.close();
    }
  } catch {
    // A Tab must never print an error into the user's command line.
  }
  run.io.stdout.write(text);
  return 0;
}
