// The fleet group's command lines and what their handlers receive: the
// program built with a runner that only records. No I/O, no client.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import type { Handler, LazyHandler, Runner } from '../../../src/cli/handler.js';
import { testIO } from '../../../src/cli/shared/io.js';
import { buildProgram } from '../../../src/cli/program.js';
import { specFromFlags } from '../../../src/cli/fleet/flags.js';

async function parse(argv: string[]): Promise<{ handler: string; args: unknown[]; flags: Record<string, unknown> }> {
  let recorded: { handler: string; args: unknown[]; flags: Record<string, unknown> } | undefined;
  const runner: Runner = (handler) => async (...commanderArgs: unknown[]) => {
    const command = commanderArgs.at(-1) as Command;
    recorded = { handler: handler.name, args: commanderArgs.slice(0, -2), flags: command.opts() };
  };
  await buildProgram(runner, testIO().io).parseAsync(argv, { from: 'user' });
  if (!recorded) throw new Error(`no handler ran for ${argv.join(' ')}`);
  return recorded;
}

const FLEET = ['--count', '10', '--plan', 'c3.small,c3.medium', '--metro', 'sv,ny,am'];

describe('fas fleet command lines', () => {
  it.each([
    [['fleet', 'keep', 'web', ...FLEET], { handler: 'keep', args: ['web'], flags: { count: '10', plan: 'c3.small,c3.medium', metro: 'sv,ny,am', lookback: '7d', period: '30s' } }],
    [
      ['fleet', 'keep', 'web', ...FLEET, '--once', '--max-spend', '6', '--on-demand-base', '2', '--fallback', 'none', '--on-termination', 'drain'],
      { handler: 'keep', args: ['web'], flags: { once: true, maxSpend: '6', onDemandBase: '2', fallback: 'none', onTermination: 'drain' } },
    ],
    [['fleet', 'plan', 'web', ...FLEET, '--strategy', 'balanced'], { handler: 'plan', args: ['web'], flags: { strategy: 'balanced', backtest: '30d', lookback: '7d' } }],
    [['fleet', 'list'], { handler: 'list', args: [], flags: {} }],
    [['fleet', 'status', 'web'], { handler: 'status', args: ['web'], flags: {} }],
    [['fleet', 'release', 'web', '--yes', '--wait'], { handler: 'release', args: ['web'], flags: { yes: true, wait: true, timeout: '10m' } }],
  ])('%j', async (argv, expected) => {
    const r = await parse(argv);
    expect(r.handler).toBe(expected.handler);
    expect(r.args).toEqual(expected.args);
    expect(r.flags).toMatchObject(expected.flags);
  });

  it('turns the flags into the spec the policy keeps, defaults filled in', () => {
    const spec = specFromFlags('web', {
      count: '10', plan: 'c3.small,c3.medium', metro: 'sv,ny,am', lookback: '7d', maxSpend: '$6', maxShare: '40%', cooldown: '10m',
      rebalanceMargin: '10%', minLifetime: '1h', holdDown: '45m', maxSurge: '2', onDemandBase: '2',
    });
    expect(spec).toMatchObject({
      name: 'web', count: 10, plans: ['c3.small', 'c3.medium'], metros: ['sv', 'ny', 'am'], price: { strategy: 'balanced' }, maxSpend: 6, maxShare: 0.4,
      cooldownSeconds: 600, rebalanceMargin: 0.1, minLifetimeSeconds: 3600, holdDownSeconds: 2700, maxSurge: 2, onDemandBase: 2, fallback: 'on-demand', lookbackSeconds: 604_800,
    });
    expect(specFromFlags('one', { count: '2', plan: 'c3.small', metro: 'sv', lookback: '7d' }).maxShare).toBe(1);
  });
});
