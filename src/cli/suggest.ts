// What to suggest for a word that names no command: the group's verb for a
// synonym (`spots delete` -> remove, `bids add` -> create), else the names it
// is a typo or the start of. One table for every group.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { commandPath, longFlags, visibleSubcommands } from './command-tree.js';

/**
 * Words people type for the same thing. A word that names no command of a
 * group suggests the first word of its row that the group has, rows tried
 * in order (`launch` is `add` among spots, `start` in the sandbox).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['add', 'create', 'new', 'buy', 'make', 'launch', 'provision', 'rent'],
  ['remove', 'delete', 'cancel', 'rm', 'del', 'destroy', 'terminate', 'release', 'drop'],
  ['get', 'show', 'describe', 'view', 'info', 'inspect', 'read', 'status'],
  ['list', 'ls', 'all', 'find', 'search'],
  ['set', 'update', 'edit', 'change', 'put', 'modify'],
  ['use', 'switch', 'select', 'activate', 'checkout'],
  ['start', 'run', 'up', 'serve', 'boot', 'launch'],
  ['stop', 'kill', 'halt', 'shutdown', 'down'],
  ['wait', 'await', 'follow'],
  ['convert', 'promote', 'ondemand', 'on-demand'],
  ['login', 'signin', 'sign-in', 'auth', 'authenticate'],
  ['logout', 'signout', 'sign-out'],
  ['prices', 'price', 'quote', 'quotes'],
  ['history', 'chart', 'graph'],
  ['advise', 'advice', 'recommend', 'suggest'],
  ['backtest', 'simulate', 'replay'],
  ['metros', 'regions', 'locations', 'zones', 'datacenters'],
  ['plans', 'sizes', 'types', 'flavors', 'server-types'],
  ['executions', 'execution', 'exec', 'tasks', 'jobs', 'actions'],
  ['profiles', 'profile', 'contexts'],
  ['spots', 'servers', 'server', 'vms', 'instances', 'machines'],
];

/** Damerau-Levenshtein distance (adjacent transpositions count one). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Whether `typed` is a typo of `name`, as commander measures it: at most 3 edits, and less than 60% of the word. */
function similar(typed: string, name: string, d = distance(typed, name)): boolean {
  const longest = Math.max(typed.length, name.length);
  return d <= 3 && (longest - d) / longest > 0.4;
}

/** The commands of `group` that `word` may have meant, best first (names, not aliases). */
function suggestCommands(group: Command, word: string): string[] {
  const byName = new Map<string, string>();
  for (const c of visibleSubcommands(group)) for (const n of [c.name(), ...c.aliases()]) byName.set(n, c.name());
  const typed = word.toLowerCase();

  for (const row of SYNONYMS) {
    if (!row.includes(typed)) continue;
    const meant = row.find((w) => w !== typed && byName.has(w));
    if (meant) return [byName.get(meant)!];
  }

  // A typo, or the start of a name.
  let best = Infinity;
  let found: string[] = [];
  for (const [n, name] of byName) {
    const d = distance(typed, n);
    const score = similar(typed, n, d) ? d : typed.length >= 2 && n.startsWith(typed) ? 3 : Infinity;
    if (score < best) [best, found] = [score, [name]];
    else if (score === best && score !== Infinity && !found.includes(name)) found.push(name);
  }
  return found;
}

/**
 * The one of `words` that `typed` is nearest a typo of (`tabel`: table), if
 * any is near enough: of short words such as formats, one edit in three
 * letters at most, so that `xml` does not read as `yaml`.
 */
export function closestWord(typed: string, words: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  const most = Math.max(1, Math.floor(t.length / 3));
  return words
    .map((w) => [w, distance(t, w)] as const)
    .filter(([, d]) => d <= most)
    .sort((x, y) => x[1] - y[1])[0]?.[0];
}

/** `unknown command 'delete' (did you mean remove?)`, with the group's help as the hint. */
export function unknownCommand(group: Command, word: string): UsageError {
  const meant = suggestCommands(group, word);
  const suggestion = meant.length === 0 ? '' : meant.length === 1 ? ` (did you mean ${meant[0]}?)` : ` (did you mean one of ${meant.join(', ')}?)`;
  return new UsageError(`unknown command '${word}'${suggestion}`, { hint: `see ${commandPath(group)} --help` });
}

/** `unknown option '--jsn' (did you mean --json?)`, as commander says it, for a group (which takes only the global options). */
export function unknownOption(cmd: Command, flag: string): UsageError {
  // Compared without their dashes, as commander compares them.
  const name = flag.split('=')[0]!.replace(/^--/, '');
  const meant = longFlags(cmd)
    .map((l) => [l, distance(name, l.slice(2))] as const)
    .filter(([l, d]) => similar(name, l.slice(2), d))
    .sort((x, y) => x[1] - y[1])[0]?.[0];
  return new UsageError(`unknown option '${flag}'${meant ? ` (did you mean ${meant}?)` : ''}`, { hint: `see ${commandPath(cmd)} --help` });
}
