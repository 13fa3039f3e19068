import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetPlan } from '../../../src/fleet/plan.js';
import { withSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb.close());

const FLEET = ['fleet', 'plan', 'web', '--count', '6', '--plan', 'c3.small,c3.medium', '--metro', 'sv,ny,am', '--backtest', '7d'];

describe('fas fleet plan', () => {
  it('prints the fleet beside one balanced bid and all on-demand, with its markets under them', async () => {
    const r = await sb.run(FLEET, { columns: 100 });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^POLICY +KEPT +ON_SPOT +COST +VS_OD +REPLACED +WORST_HOUR$/);
    expect(lines[1]).toMatch(/^fleet +\d+(\.\d+)?% /);
    expect(lines[2]).toMatch(/^one bid, \w+ c3\.\w+ /);
    expect(lines[3]).toMatch(/^all on-demand +100\.0% +0\.0% /);
    expect(r.stdout).toMatch(/6 spots; the fleet by market:/);
  });

  it('fits its table in 80 columns on a terminal', async () => {
    const r = await sb.run(FLEET, { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/^one bid, \w+ c3\.\w+ +\d/m);
  });

  it('gives every figure as JSON, within the limits it was given', async () => {
    const plan = await sb.runJson<FleetPlan>([...FLEET, '--max-spend', '2', '--max-surge', '2']);
    expect(plan.count).toBe(6);
    expect(plan.fleet.max_held).toBeLessThanOrEqual(8);
    expect(plan.fleet.max_spend_rate).toBeLessThanOrEqual(2);
    expect(plan.on_demand.kept).toBe(1);
    expect(plan.fleet.markets).toHaveLength(6);
    expect(Date.parse(plan.until) - Date.parse(plan.from)).toBeGreaterThan(6.9 * 86_400_000);
  });

  it.each([
    [['--count', 'x'], /invalid --count 'x'/],
    [['--max-share', '0'], /invalid --max-share '0'/],
    [['--rebalance-margin', '100%'], /invalid --rebalance-margin/],
    [['--on-demand-base', '7'], /invalid --on-demand-base '7': must be between 0 and 6/],
    [['--max-price', '1', '--strategy', 'cost'], /--max-price and --strategy cannot be used together/],
    [['--backtest', '91d'], /invalid --backtest '91d': at most 90d/],
  ])('refuses %j with one line and exit 2, before asking the API', async (extra, message) => {
    const r = await sb.run([...FLEET, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('names an unknown plan or metro', async () => {
    const r = await sb.run(['fleet', 'plan', 'web', '--count', '2', '--plan', 'c9.huge', '--metro', 'sv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: unknown plan 'c9.huge' \(known: /);
    const m = await sb.run(['fleet', 'plan', 'web', '--count', '2', '--plan', 'c3.small', '--metro', 'sv,xx']);
    expect(m.stderr).toMatch(/^Error: unknown metro 'xx'/);
  });
});
