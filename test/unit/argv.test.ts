// The argv-to-options layer: the program built with a runner that only
// records which handler commander chose and what it received. No I/O, no
// client, no subprocess: each row is a command line and what its handler gets.
import { CommanderError, type CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { Handler, LazyHandler, Runner } from '../../src/cli/handler.js';
import { testIO } from '../../src/cli/shared/io.js';
import { buildProgram } from '../../src/cli/program.js';

interface Recorded {
  handler: string;
  /** The command's arguments, when it takes any. */
  args?: unknown[];
  /** The command's own options, defaults included. */
  flags: Record<string, unknown>;
  /** The global options given (colour and the header row, on by default, only when turned off). */
  globals?: Record<string, unknown>;
}

const lazyHandlers: LazyHandler<unknown[]>[] = [];

async function parse(argv: string[]): Promise<Recorded> {
  let recorded: Recorded | undefined;
  const runner: Runner = (handler) => async (...commanderArgs: unknown[]) => {
    const command = commanderArgs.at(-1) as Command;
    const args = commanderArgs.slice(0, -2);
    const { color, header, ...globals } = command.parent!.optsWithGlobals() as Record<string, unknown>;
    if (color === false) globals.color = false;
    if (header === false) globals.header = false;
    if ('load' in handler) lazyHandlers.push(handler as LazyHandler<unknown[]>);
    recorded = {
      handler: handler.name,
      ...(command.registeredArguments.length ? { args } : {}),
      flags: command.opts(),
      ...(Object.keys(globals).length ? { globals } : {}),
    };
  };
  await buildProgram(runner, testIO().io).parseAsync(argv, { from: 'user' });
  if (!recorded) throw new Error(`no handler ran for ${argv.join(' ')}`);
  return recorded;
}

const KEY = 'k-1';

describe('each command line reaches its handler with its options', () => {
  it.each<[string[], Recorded]>([
    // spots
    [['spots', 'add'], { handler: 'add', flags: { lookback: '7d', timeout: '10m' } }],
    [['spots', 'add', '--metro', 'ny', '--wait'], { handler: 'add', flags: { metro: 'ny', lookback: '7d', wait: true, timeout: '10m' } }],
    [
      ['spots', 'add', '--tag', 'role:web', '--description', 'web tier', '--tag', 'fleet:blue'],
      { handler: 'add', flags: { tag: ['role:web', 'fleet:blue'], description: 'web tier', lookback: '7d', timeout: '10m' } },
    ],
    [
      ['spots', 'add', '--plan', 'c3.small', '--max-price', '0.5', '--timeout', '5m', '--idempotency-key', KEY],
      { handler: 'add', flags: { plan: 'c3.small', maxPrice: '0.5', lookback: '7d', timeout: '5m', idempotencyKey: KEY } },
    ],
    [
      ['spots', 'add', '--metro', 'sv', '--plan', 'c3.small', '--availability', '95%', '--lookback', '3d'],
      { handler: 'add', flags: { metro: 'sv', plan: 'c3.small', availability: '95%', lookback: '3d', timeout: '10m' } },
    ],
    [['spots', 'list'], { handler: 'list', flags: {} }],
    [['spots', 'list', '--tag', 'role:web', '--tag', 'fleet:blue'], { handler: 'list', flags: { tag: ['role:web', 'fleet:blue'] } }],
    [['spots', 'ls', '--state', 'active', '--metro', 'sv', '--bid', 'b-1'], { handler: 'list', flags: { state: 'active', metro: 'sv', bid: 'b-1' } }],
    [['spots', 'list', '--limit', '5'], { handler: 'list', flags: { limit: '5' } }],
    [['spots', 'list', '--all'], { handler: 'list', flags: { all: true } }],
    [['spots', 'get', '10.0.0.1'], { handler: 'get', args: ['10.0.0.1'], flags: {} }],
    [['spots', 'remove'], { handler: 'remove', args: [[]], flags: { timeout: '10m' } }],
    [['spots', 'rm', 's-1', '--wait', '--timeout', '1m'], { handler: 'remove', args: [['s-1']], flags: { wait: true, timeout: '1m' } }],
    [['spots', 'rm', 's-1', '10.0.0.2', 'web-1', '-y', '--idempotency-key', KEY], { handler: 'remove', args: [['s-1', '10.0.0.2', 'web-1']], flags: { yes: true, timeout: '10m', idempotencyKey: KEY } }],
    [['spots', 'convert', 's-1', '--idempotency-key', KEY], { handler: 'convert', args: ['s-1'], flags: { idempotencyKey: KEY } }],
    [['spots', 'watch'], { handler: 'watch', args: [[]], flags: {} }],
    [
      ['spots', 'watch', 's-1', '10.0.0.2', '--on-termination', './drain.sh', '--on-event', 'logger', '--exit-when-empty'],
      { handler: 'watch', args: [['s-1', '10.0.0.2']], flags: { onTermination: './drain.sh', onEvent: 'logger', exitWhenEmpty: true } },
    ],
    [['spots', 'wait', 's-1', '--for', 'terminating'], { handler: 'wait', args: ['s-1'], flags: { for: 'terminating', timeout: '10m' } }],
    [['spots', 'wait', 's-1', '--for', 'removed', '--timeout', '3m'], { handler: 'wait', args: ['s-1'], flags: { for: 'removed', timeout: '3m' } }],
    // events
    [['events'], { handler: 'list', flags: {} }],
    [['events', '--since', '2h', '--type', 'spot.removed', '--type', 'bid.open'], { handler: 'list', flags: { since: '2h', type: ['spot.removed', 'bid.open'] } }],
    [['events', '--after', '42', '-f'], { handler: 'list', flags: { after: '42', follow: true } }],
    [['events', '--follow', '--type', 'spot.termination_notice'], { handler: 'list', flags: { follow: true, type: ['spot.termination_notice'] } }],
    // executions
    [['executions', 'get', 'e-1'], { handler: 'get', args: ['e-1'], flags: {} }],
    [['executions', 'list', '--status', 'failed', '--operation', 'spot.add'], { handler: 'list', flags: { status: 'failed', operation: 'spot.add' } }],
    [['exec', 'ls', '--all'], { handler: 'list', flags: { all: true } }],
    [['executions', 'wait', 'e-1'], { handler: 'wait', args: ['e-1'], flags: { timeout: '10m' } }],
    [['executions', 'wait', 'e-1', '--timeout', '5m'], { handler: 'wait', args: ['e-1'], flags: { timeout: '5m' } }],
    [['executions', 'cancel', 'e-1'], { handler: 'cancel', args: [['e-1']], flags: {} }],
    [['executions', 'cancel', 'e-1', 'e-2', '--yes'], { handler: 'cancel', args: [['e-1', 'e-2']], flags: { yes: true } }],
    // market
    [['market', 'prices'], { handler: 'prices', flags: {} }],
    [['market', 'prices', '--metro', 'sv', '--plan', 'c3.small'], { handler: 'prices', flags: { metro: 'sv', plan: 'c3.small' } }],
    [['market', 'history', '--metro', 'sv', '--plan', 'c3.small'], { handler: 'history', flags: { metro: 'sv', plan: 'c3.small' } }],
    [
      ['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '7d'],
      { handler: 'history', flags: { metro: 'sv', plan: 'c3.small', since: '7d' } },
    ],
    [
      ['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--from', '2d', '--until', '1d'],
      { handler: 'history', flags: { metro: 'sv', plan: 'c3.small', from: '2d', until: '1d' } },
    ],
    [['market', 'prices', '--plan', 'c3.small', '--sort', 'discount'], { handler: 'prices', flags: { plan: 'c3.small', sort: 'discount' } }],
    [
      ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.2'],
      { handler: 'backtest', flags: { metro: 'sv', plan: 'c3.small', maxPrice: '0.2', lookback: '7d' } },
    ],
    [
      ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--strategy', 'balanced', '--from', '14d', '--until', '7d', '--lookback', '3d'],
      { handler: 'backtest', flags: { metro: 'sv', plan: 'c3.small', strategy: 'balanced', from: '14d', until: '7d', lookback: '3d' } },
    ],
    [
      ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--availability', '0.95', '--since', '2d'],
      { handler: 'backtest', flags: { metro: 'sv', plan: 'c3.small', availability: '0.95', since: '2d', lookback: '7d' } },
    ],
    [['market', 'advise', '--plan', 'c3.small'], { handler: 'advise', flags: { plan: 'c3.small', lookback: '7d', sort: 'savings' } }],
    [
      ['market', 'advise', '--plan', 'c3.small', '--metro', 'sv', '--lookback', '90d', '--sort', 'revocations'],
      { handler: 'advise', flags: { plan: 'c3.small', metro: 'sv', lookback: '90d', sort: 'revocations' } },
    ],
    [
      ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--availability', '99%', '--dry-run'],
      { handler: 'create', flags: { metro: 'sv', plan: 'c3.small', min: '1', max: '1', availability: '99%', lookback: '7d', dryRun: true, timeout: '10m' } },
    ],
    [['market', 'plans'], { handler: 'plans', flags: {} }],
    [['market', 'metros'], { handler: 'metros', flags: {} }],
    // bids
    [
      ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '2', '--max-price', '0.3'],
      { handler: 'create', flags: { metro: 'sv', plan: 'c3.small', min: '1', max: '2', maxPrice: '0.3', lookback: '7d', timeout: '10m' } },
    ],
    [
      [
        'bids', 'create', '--metro', 'ny', '--plan', 'm3.large', '--min', '1', '--max', '1', '--strategy', 'balanced', '--lookback', '3d',
        '--end-at', '2030-01-01T00:00:00Z', '--hostname', 'web', '--dry-run', '--wait', '--timeout', '2m', '--idempotency-key', KEY,
      ],
      {
        handler: 'create',
        flags: {
          metro: 'ny', plan: 'm3.large', min: '1', max: '1', strategy: 'balanced', lookback: '3d', endAt: '2030-01-01T00:00:00Z',
          hostname: 'web', dryRun: true, wait: true, timeout: '2m', idempotencyKey: KEY,
        },
      },
    ],
    [['bids', 'list', '--limit', '3'], { handler: 'list', flags: { limit: '3' } }],
    [['bids', 'get', 'b-1'], { handler: 'get', args: ['b-1'], flags: {} }],
    [['bids', 'delete', 'b-1'], { handler: 'remove', args: [['b-1']], flags: {} }],
    [['bids', 'rm', 'b-1', 'b-2', '--force-termination', '-y'], { handler: 'remove', args: [['b-1', 'b-2']], flags: { forceTermination: true, yes: true } }],
    // config and profiles
    [['login'], { handler: 'login', flags: {} }],
    [['logout'], { handler: 'logout', flags: {} }],
    [['logout', '--profile', 'ci'], { handler: 'logout', flags: {}, globals: { profile: 'ci' } }],
    [['status'], { handler: 'status', flags: {} }],
    [['status', '--json'], { handler: 'status', flags: {}, globals: { json: true } }],
    [['version'], { handler: 'version', flags: {} }],
    [['config', 'list'], { handler: 'list', flags: {} }],
    [['config', 'get', 'api_url'], { handler: 'get', args: ['api_url'], flags: {} }],
    [['config', 'set', 'retries', '3'], { handler: 'set', args: ['retries', '3'], flags: {} }],
    [['profiles', 'list'], { handler: 'listProfiles', flags: {} }],
    [['profiles', 'ls'], { handler: 'listProfiles', flags: {} }],
    [['profiles', 'use', 'work'], { handler: 'useProfile', args: ['work'], flags: {} }],
    [['profiles', 'rm', 'old'], { handler: 'deleteProfile', args: ['old'], flags: {} }],
    // sandbox
    [
      ['sandbox', 'start'],
      { handler: 'start', flags: { port: '7878', host: '127.0.0.1', provisionSeconds: '2', failRate: '0', rateLimit: '200' } },
    ],
    [
      [
        'sandbox', 'start', '--port', '0', '--host', '::1', '--data', '/d', '--provision-seconds', '0.5', '--fail-rate', '0.1', '--seed', '7',
        '--volatility', 'high', '--admin', '--faults', 'drop=0.1', '--rate-limit', '0', '--detach',
      ],
      {
        handler: 'start',
        flags: {
          port: '0', host: '::1', data: '/d', provisionSeconds: '0.5', failRate: '0.1', seed: '7', volatility: 'high', admin: true, faults: 'drop=0.1',
          rateLimit: '0', detach: true,
        },
      },
    ],
    [['sandbox', 'stop', '--data', '/d'], { handler: 'stop', flags: { data: '/d' } }],
    [['sandbox', 'status'], { handler: 'status', flags: {} }],
    [['sandbox', 'price', 'set', '--metro', 'sv', '--plan', 'c3.small', '0.05'], { handler: 'setPrice', args: ['0.05'], flags: { metro: 'sv', plan: 'c3.small' } }],
    [['sandbox', 'price', 'reset', '--metro', 'sv', '--plan', 'c3.small'], { handler: 'resetPrice', flags: { metro: 'sv', plan: 'c3.small' } }],
    [['sandbox', 'clock', 'advance', '3m'], { handler: 'advanceClock', args: ['3m'], flags: {} }],
    // completion
    [['completion', 'zsh'], { handler: 'script', args: ['zsh'], flags: {} }],
  ])('fas %j', async (argv, expected) => {
    expect(await parse(argv)).toEqual(expected);
  });
});

describe('global flags, before or after the command', () => {
  it.each<[string[], Record<string, unknown>]>([
    [['--api-url', 'https://api.example.com'], { apiUrl: 'https://api.example.com' }],
    [['--token', 't0k3n'], { token: 't0k3n' }],
    [['--profile', 'work'], { profile: 'work' }],
    [['-o', 'json'], { output: 'json' }],
    [['--output', 'table'], { output: 'table' }],
    ...['wide', 'jsonl', 'yaml', 'csv'].map((format): [string[], Record<string, unknown>] => [['-o', format], { output: format }]),
    [['--json'], { json: true }],
    [['--columns', 'id,ip'], { columns: 'id,ip' }],
    [['--no-header'], { header: false }],
    [['--query', '[].ip'], { query: '[].ip' }],
    [['-q'], { quiet: true }],
    [['--quiet'], { quiet: true }],
    [['--no-color'], { color: false }],
    [['--debug'], { debug: true }],
    [['--retries', '2'], { retries: '2' }],
    [['--request-timeout', '5s'], { requestTimeout: '5s' }],
    [['--insecure'], { insecure: true }],
  ])('%j', async (flag, globals) => {
    expect(await parse([...flag, 'spots', 'list'])).toEqual({ handler: 'list', flags: {}, globals });
    expect(await parse(['spots', 'list', ...flag])).toEqual({ handler: 'list', flags: {}, globals });
  });
});

describe('each lazy handler is a function of its module', () => {
  it('loads every handler named above', async () => {
    expect(lazyHandlers.length).toBeGreaterThan(30);
    for (const h of lazyHandlers) expect(typeof (await h.load()), h.name).toBe('function');
  });
});

describe('command lines refused before any handler runs', () => {
  const refused = async (argv: string[]) => {
    try {
      await parse(argv);
    } catch (err) {
      return err;
    }
    throw new Error(`fas ${argv.join(' ')} was not refused`);
  };

  it.each<[string[], string, string]>([
    [['spots', 'list', '--state', 'sleeping'], 'commander.invalidArgument', "argument 'sleeping' is invalid. Allowed choices are provisioning, active, terminating, removed."],
    [['executions', 'list', '--status', 'done'], 'commander.invalidArgument', 'Allowed choices are pending, started, completed, failed, cancelled.'],
    [['executions', 'list', '--operation', 'spot.move'], 'commander.invalidArgument', 'Allowed choices are spot.add, spot.remove.'],
    [['bids', 'create', '--metro', 'sv', '--plan', 'p', '--min', '1', '--max', '1', '--strategy', 'cheap'], 'commander.invalidArgument', 'Allowed choices are cost, balanced, on-demand, continuity.'],
    [['market', 'advise', '--plan', 'c3.small', '--sort', 'cheapest'], 'commander.invalidArgument', 'Allowed choices are savings, availability, revocations, price, metro.'],
    [['market', 'prices', '--sort', 'plan'], 'commander.invalidArgument', 'Allowed choices are price, discount, metro.'],
    [['market', 'advise'], 'commander.missingMandatoryOptionValue', "required option '--plan <slug>' not specified"],
    [['-o', 'xml', 'spots', 'list'], 'commander.invalidArgument', 'Allowed choices are table, wide, json, jsonl, yaml, csv.'],
    [['spots', 'get'], 'commander.missingArgument', "missing required argument 'id-or-ip'"],
    [['bids', 'delete'], 'commander.missingArgument', "missing required argument 'id'"],
    [['executions', 'cancel'], 'commander.missingArgument', "missing required argument 'id'"],
    [['market', 'history', '--metro', 'sv'], 'commander.missingMandatoryOptionValue', "required option '--plan <slug>' not specified"],
    [['spots', 'list', '--limt', '3'], 'commander.unknownOption', "unknown option '--limt'"],
    [['spots', 'wait', 's-1', '--for', 'gone'], 'commander.invalidArgument', "argument 'gone' is invalid. Allowed choices are active, terminating, removed."],
    [['spots', 'wait', 's-1'], 'commander.missingMandatoryOptionValue', "required option '--for <state>' not specified"],
    [['completion', 'tcsh'], 'commander.invalidArgument', 'Allowed choices are bash, zsh, fish.'],
  ])('fas %j', async (argv, code, message) => {
    const err = await refused(argv);
    expect(err).toBeInstanceOf(CommanderError);
    expect((err as CommanderError).code).toBe(code);
    expect((err as CommanderError).message).toContain(message);
  });

  it('an empty argument, as an unset $ID gives', async () => {
    for (const argv of [['spots', 'remove', ''], ['spots', 'get', '  '], ['bids', 'delete', ''], ['spots', 'rm', 's-1', ''], ['executions', 'cancel', 'e-1', ' ']]) {
      const err = await refused(argv);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).message).toMatch(/^the argument <(id-or-ip|id)> must not be empty$/);
    }
  });
});
