// Help and mistyped commands, through the built fas: `fas help COMMAND`, a
// group named alone, and what a wrong word suggests.
import { describe, expect, it } from 'vitest';
import { runFas, STACK_TRACE, type RunResult } from '../helpers/cli.js';

const fas = (...args: string[]) => runFas(args, { env: { FAS_API_URL: 'http://127.0.0.1:9' } });

function usageError(r: RunResult, message: string, hint: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr).toBe(`Error: ${message}\nHint: ${hint}\n`);
}

describe('fas help', () => {
  it('fas help spots list is the help of spots list, exit 0', async () => {
    const [help, flag] = await Promise.all([fas('help', 'spots', 'list'), fas('spots', 'list', '--help')]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Usage: fas spots list\|ls \[options\]\n/);
    expect(help.stdout).toBe(flag.stdout);
  });

  it('fas help, fas help spots and fas help with an alias, exit 0', async () => {
    const [top, group, alias, groupFlag, topFlag] = await Promise.all([
      fas('help'),
      fas('help', 'spots'),
      fas('help', 'exec', 'ls'),
      fas('spots', '--help'),
      fas('--no-color', '--help'),
    ]);
    for (const r of [top, group, alias]) expect([r.code, r.stderr]).toEqual([0, '']);
    expect(top.stdout).toBe(topFlag.stdout);
    expect(group.stdout).toBe(groupFlag.stdout);
    expect(alias.stdout).toMatch(/^Usage: fas executions list\|ls \[options\]/);
  });

  it('a group named alone prints its help on stdout and exits 0, as gh and hcloud do', async () => {
    const [alone, flag, top, topFlag, nested] = await Promise.all([fas('spots'), fas('spots', '--help'), fas(), fas('--no-color', '--help'), fas('sandbox', 'price')]);
    expect([alone.code, alone.stderr, alone.stdout]).toEqual([0, '', flag.stdout]);
    expect([top.code, top.stdout]).toEqual([0, topFlag.stdout]);
    expect(nested.stdout).toMatch(/^Usage: fas sandbox price \[options\] \[command\]/);
  });

  it('fas spots help get is fas help spots get', async () => {
    const [a, b] = await Promise.all([fas('spots', 'help', 'get'), fas('help', 'spots', 'get')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('fas help of a command that is not there is a usage error with a suggestion', async () => {
    usageError(await fas('help', 'spots', 'delete'), "unknown command 'delete' (did you mean remove?)", 'see fas spots --help');
    usageError(await fas('help', 'spots', 'list', 'x'), 'fas spots list has no subcommands', 'see fas spots list --help');
  });

  it('lists the global options, examples and required options on a pipe, within 80 columns', async () => {
    const r = await fas('market', 'history', '--help');
    expect(r.stdout).toMatch(/\nGlobal options:\n {2}--api-url <url>/);
    expect(r.stdout).toMatch(/\nExamples:\n {2}# the last 24 hours; a chart on a terminal\n {2}\$ fas market history --metro sv --plan c3.small\n/);
    expect(r.stdout).toMatch(/--metro <code> +metro \(required\)/);
    expect(r.stdout).toMatch(/--until <time> +end: .*\n? *.*\(default: now\)/);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

describe('a mistyped command', () => {
  it.each<[string[], string, string]>([
    [['spots', 'delete'], "unknown command 'delete' (did you mean remove?)", 'see fas spots --help'],
    [['spots', 'create'], "unknown command 'create' (did you mean add?)", 'see fas spots --help'],
    [['bids', 'add', '--metro', 'sv'], "unknown command 'add' (did you mean create?)", 'see fas bids --help'],
    [['spots', 'show', 'x'], "unknown command 'show' (did you mean get?)", 'see fas spots --help'],
    [['bids', 'describe'], "unknown command 'describe' (did you mean get?)", 'see fas bids --help'],
    [['executions', 'delete'], "unknown command 'delete' (did you mean cancel?)", 'see fas executions --help'],
    [['bids', 'cancel'], "unknown command 'cancel' (did you mean delete?)", 'see fas bids --help'],
    [['profiles', 'switch', 'prod'], "unknown command 'switch' (did you mean use?)", 'see fas profiles --help'],
    [['sandbox', 'run'], "unknown command 'run' (did you mean start?)", 'see fas sandbox --help'],
    [['market', 'regions'], "unknown command 'regions' (did you mean metros?)", 'see fas market --help'],
    [['spots', 'lst'], "unknown command 'lst' (did you mean list?)", 'see fas spots --help'],
    [['sandbox', 'price', 'sett'], "unknown command 'sett' (did you mean set?)", 'see fas sandbox price --help'],
    [['servers', 'list'], "unknown command 'servers' (did you mean spots?)", 'see fas --help'],
    [['spots', 'frobnicate'], "unknown command 'frobnicate'", 'see fas spots --help'],
  ])('fas %j', async (args, message, hint) => {
    usageError(await fas(...args), message, hint);
  });

  it("hints the failing command's own help for commander's errors", async () => {
    usageError(await fas('spots', 'list', '--stat', 'x'), "unknown option '--stat' (did you mean --state?)", 'see fas spots list --help');
    usageError(await fas('market', 'history', '--metro', 'sv'), "required option '--plan <slug>' not specified", 'see fas market history --help');
    usageError(await fas('executions', 'wait'), "missing required argument 'id'", 'see fas executions wait --help');
    usageError(await fas('sandbox', 'clock', 'advance', '1m', '2m'), "too many arguments for 'advance'. Expected 1 argument but got 2.", 'see fas sandbox clock advance --help');
    usageError(await fas('bids', 'get', ' '), 'the argument <id> must not be empty', 'see fas bids get --help');
    usageError(await fas('--jsn', 'spots', 'list'), "unknown option '--jsn' (did you mean --json?)", 'see fas --help');
    usageError(await fas('spots', '--jsn'), "unknown option '--jsn' (did you mean --json?)", 'see fas spots --help');
  });
});
