// Reading commander's tree of commands: what help, suggestions, completion
// and the command reference walk, so that every command added is covered.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';

/** `fas spots list`: the command line that names `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The long flags `cmd` takes: its own, then those it inherits. */
export function longFlags(cmd: Command): string[] {
  const longs: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) for (const o of c.options) if (o.long) longs.push(o.long);
  return longs;
}

/** Commander keeps a command's `hidden` to itself. */
function isHidden(cmd: Command): boolean {
  return (cmd as unknown as { _hidden?: boolean })._hidden === true;
}

/** The subcommands a user may name: the hidden ones left out. */
export function visibleSubcommands(cmd: Command): Command[] {
  return cmd.commands.filter((c) => !isHidden(c));
}

/** The subcommand of `cmd` named `name` or one of its aliases (hidden ones too: they run). */
export function subcommand(cmd: Command, name: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
}

/** `root` and every visible command under it, depth first. */
export function walk(root: Command): Command[] {
  return [root, ...visibleSubcommands(root).flatMap(walk)];
}
