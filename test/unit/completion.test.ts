// Shell completion's engine over the program itself: what each kind of word
// completes to, and that every command and option of the program has its
// completion entry (so a command added without one fails here).
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { commandPath, walk } from '../../src/cli/command-tree.js';
import { complete, format, type Lookup } from '../../src/cli/completion/complete.js';
import { OPTION_VALUES } from '../../src/cli/completion/values.js';
import { FasCommand } from '../../src/cli/help.js';
import type { Runner } from '../../src/cli/handler.js';
import { testIO } from '../../src/cli/shared/io.js';
import { buildProgram } from '../../src/cli/program.js';
import type { GlobalFlags } from '../../src/cli/shared/settings.js';

const program = buildProgram((() => async () => {}) as Runner, testIO().io);

/** What the API and the config file would give, and which global flags each lookup was asked with. */
const asked: [string, GlobalFlags][] = [];
const lookup: Lookup = async (source, flags) => {
  asked.push([source, flags]);
  const values: Record<string, string[]> = {
    spot: ['3f2a9c4e-0000-4000-8000-000000000001', '10.0.0.12'],
    bid: ['b1d00000-0000-4000-8000-000000000002'],
    execution: ['e0000000-0000-4000-8000-000000000003'],
    metro: ['sv', 'ny', 'sg'],
    plan: ['c3.small', 'c3.medium'],
    profile: ['default', 'prod'],
  };
  return (values[source] ?? []).map((value) => ({ value, description: `a ${source}` }));
};

const values = async (...words: string[]) => (await complete(program, words, lookup)).candidates.map((c) => c.value);

describe('completing a command line', () => {
  it.each<[string[], string[]]>([
    // commands and subcommands, by prefix; an alias only where its name does not match
    [['sp'], ['spots']],
    [['e'], ['executions', 'events']],
    [['exec', 'l'], ['list']],
    [['spots', 'r'], ['remove']],
    [['spots', 'rm'], ['rm']],
    [['profiles', 'ls', '-'], expect.arrayContaining(['--help', '--json']) as unknown as string[]],
    [['sandbox', 'price', ''], ['set', 'reset']],
    [['help', 'sandbox', 'c'], ['clock']],
    // flags, the command's and the global ones, less those given
    [['spots', 'list', '--st'], ['--state']],
    [['spots', 'list', '--o'], ['--output']],
    [['spots', 'list', '--state', 'active', '--s'], []],
    [['--js'], ['--json']],
    // enum values: commander's choices
    [['spots', 'list', '--state', ''], ['provisioning', 'active', 'terminating', 'removed']],
    [['executions', 'list', '--status', 'f'], ['failed']],
    [['executions', 'list', '--operation', ''], ['spot.add', 'spot.remove']],
    [['bids', 'create', '--strategy', 'c'], ['cost', 'continuity']],
    [['market', 'prices', '--sort', ''], ['price', 'discount', 'metro']],
    [['market', 'advise', '--sort', 'r'], ['revocations']],
    [['sandbox', 'start', '--volatility', ''], ['low', 'normal', 'high']],
    [['-o', 'js'], ['json', 'jsonl']],
    [['spots', 'list', '--output=y'], ['--output=yaml']],
    [['spots', 'list', '-qo', 'c'], ['csv']],
    [['completion', ''], ['bash', 'zsh', 'fish']],
    [['config', 'set', ''], ['api_url', 'output', 'retries', 'request_timeout']],
    // from the API and the config file
    [['spots', 'get', ''], ['3f2a9c4e-0000-4000-8000-000000000001', '10.0.0.12']],
    [['spots', 'remove', '3f'], ['3f2a9c4e-0000-4000-8000-000000000001']],
    [['spots', 'convert', '10.'], ['10.0.0.12']],
    [['bids', 'delete', ''], ['b1d00000-0000-4000-8000-000000000002']],
    [['executions', 'wait', 'e'], ['e0000000-0000-4000-8000-000000000003']],
    [['spots', 'list', '--bid', ''], ['b1d00000-0000-4000-8000-000000000002']],
    [['spots', 'add', '--metro', 's'], ['sv', 'sg']],
    [['market', 'history', '--metro', 'sv', '--plan', ''], ['c3.small', 'c3.medium']],
    [['--profile', 'p'], ['prod']],
    [['profiles', 'use', ''], ['default', 'prod']],
    // nothing after a word that names no command, nor for a free value
    [['spotz', ''], []],
    [['spots', 'list', '--limit', ''], []],
    [['config', 'set', 'output', ''], expect.arrayContaining(['--help']) as unknown as string[]],
  ])('fas %j', async (words, expected) => {
    expect(await values(...words)).toEqual(expected);
  });

  it('offers the flags a command still takes where it has no argument to complete', async () => {
    const found = await values('market', 'history', '');
    expect(found.slice(0, 5)).toEqual(['--metro', '--plan', '--since', '--from', '--until']);
    expect(found).toContain('--api-url');
    expect(found).not.toContain('--version');
  });

  it('asks the API with the profile, URL and token given on the line', async () => {
    asked.length = 0;
    await values('--profile', 'prod', 'spots', '--api-url=http://127.0.0.1:9', 'get', '');
    expect(asked).toEqual([['spot', { profile: 'prod', apiUrl: 'http://127.0.0.1:9' }]]);
  });

  it('leaves a directory to the shell', async () => {
    expect(await complete(program, ['sandbox', 'start', '--data', ''], lookup)).toEqual({ candidates: [], directive: 'dirs' });
    expect(format({ candidates: [], directive: 'dirs' })).toBe(':dirs\n');
  });

  it('writes one candidate a line, its description after a tab, control characters and breaks left out', () => {
    expect(format({ candidates: [{ value: 'a\tb', description: 'x\u001b[2Jy\nz' }, { value: 'c' }], directive: 'none' })).toBe('ab\txy z\nc\n:\n');
  });
});

describe('every argument says what it completes to', () => {
  const commands = walk(program);
  const leaves = commands.filter((c) => c.commands.length === 0);

  it.each(leaves.map((c) => [commandPath(c), c] as const))('%s', (_name, cmd) => {
    // Each argument: commander's .choices(), or a source in the definition's .completes(); and no source for an argument it lacks.
    const names = cmd.registeredArguments.filter((a) => !a.argChoices).map((a) => a.name());
    expect(cmd).toBeInstanceOf(FasCommand);
    for (const name of names) expect((cmd as FasCommand).argumentSource(name), `.completes({ '${name}': ... }) in the definition of ${commandPath(cmd)}`).toBeDefined();
  });

  it('every flag OPTION_VALUES names is an option of some command', () => {
    const flags = new Set(commands.flatMap((c) => c.options.map((o) => o.long)));
    expect(Object.keys(OPTION_VALUES).filter((f) => !flags.has(f))).toEqual([]);
  });
});
