import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { STACK_TRACE } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox();
});
afterAll(() => t.close());

describe('fas spots', () => {
  it('adds a spot without --wait and prints the pending execution', async () => {
    const execution = await t.json<Execution>(['spots', 'add']);
    expect(execution.operation).toBe('spot.add');
    expect(['pending', 'started']).toContain(execution.status);
    expect(execution.resource_id).toMatch(/^[0-9a-f-]{36}$/);

    const done = await t.json<Execution>(['executions', 'wait', execution.id]);
    expect(done.status).toBe('completed');
    expect(done.resource_id).toBe(execution.resource_id);
  });

  it('adds a spot with --wait and prints the active spot', async () => {
    const spot = await t.json<Spot>(['spots', 'add', '--wait', '--metro', 'ny', '--plan', 'c3.medium']);
    expect(spot.state).toBe('active');
    expect(spot.metro).toBe('ny');
    expect(spot.plan).toBe('c3.medium');
    expect(spot.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('lists spots as a JSON array of the API objects, and filters them', async () => {
    const all = await t.json<Spot[]>(['spots', 'list']);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['bid_id', 'created_at', 'description', 'hostname', 'id', 'ip', 'locked', 'metro', 'plan', 'price', 'spot_instance',
        'spot_price_max', 'state', 'tags', 'termination_time', 'updated_at'].sort(),
    );
    const ny = await t.json<Spot[]>(['spots', 'list', '--metro', 'ny']);
    expect(ny.map((s) => s.metro)).toEqual(['ny']);
  });

  it('gets a spot by id and by IP', async () => {
    const [first] = await t.json<Spot[]>(['spots', 'list', '--metro', 'ny']);
    const byId = await t.json<Spot>(['spots', 'get', first!.id]);
    const byIp = await t.json<Spot>(['spots', 'get', first!.ip]);
    expect(byId).toEqual(first);
    expect(byIp.id).toBe(first!.id);
  });

  it('prints a table with headers on plain stdout, and ids with -q', async () => {
    const table = await t.fas(['spots', 'list']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+HOSTNAME\s+IP\s+STATE\s+METRO\s+PLAN\s+PRICE\s+TERMINATES/);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(table.stdout).not.toMatch(/\u001b\[/); // no colour when stdout is not a terminal

    const quiet = await t.fas(['spots', 'list', '-q']);
    expect(quiet.stdout.trim().split('\n').every((l) => /^[0-9a-f-]{36}$/.test(l))).toBe(true);
  });

  it('takes global options after the subcommand as well as before', async () => {
    const before = await t.fas(['--json', 'spots', 'list']);
    const after = await t.fas(['spots', 'list', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it('honours --limit and says on stderr that there is more', async () => {
    const r = await t.fas(['spots', 'list', '--limit', '1', '--json']);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/showing 1 of \d+/);
  });

  it('removes a spot by id with --wait', async () => {
    const [victim] = await t.json<Spot[]>(['spots', 'list', '--metro', 'ny']);
    const removed = await t.json<Spot>(['spots', 'remove', victim!.id, '--wait']);
    expect(removed.id).toBe(victim!.id);
    expect(removed.state).toBe('removed');
    const left = await t.json<Spot[]>(['spots', 'list']);
    expect(left.map((s) => s.id)).not.toContain(victim!.id);
    const gone = await t.json<Spot[]>(['spots', 'list', '--state', 'removed']);
    expect(gone.map((s) => s.id)).toContain(victim!.id);
  });

  it('removes the newest spot when no id is given, with --newest --yes off a terminal', async () => {
    const newest = await t.json<Spot>(['spots', 'add', '--wait']);
    const refused = await t.fas(['spots', 'remove', '--newest']);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe('Error: refusing to remove the newest spot without --yes when not on a terminal\nHint: add --yes to go ahead\n');
    expect((await t.json<Spot>(['spots', 'get', newest.id])).state).toBe('active');
    const execution = await t.json<Execution>(['spots', 'remove', '--newest', '--yes']);
    expect(execution.operation).toBe('spot.remove');
    expect(execution.resource_id).toBe(newest.id);
    await t.json(['executions', 'wait', execution.id]);
    expect((await t.json<Spot>(['spots', 'get', newest.id])).state).toBe('removed');
  });

  it('converts a spot to on-demand', async () => {
    const spot = await t.json<Spot>(['spots', 'add', '--wait']);
    const converted = await t.json<Spot>(['spots', 'convert', spot.ip]);
    expect(converted.spot_instance).toBe(false);
    expect(converted.spot_price_max).toBeNull();
  });
});

describe('fas executions', () => {
  it('lists executions newest first, filtered by status', async () => {
    const list = await t.json<Execution[]>(['executions', 'list', '--status', 'completed']);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((e) => e.status === 'completed')).toBe(true);
    const times = list.map((e) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('cancels an execution that has not ended, and refuses one that has (exit 7)', async () => {
    const slow = await withSandbox({ provisionSeconds: 30 });
    try {
      const execution = await slow.json<Execution>(['spots', 'add']);
      const cancelled = await slow.json<Execution>(['executions', 'cancel', execution.id]);
      expect(cancelled.status).toBe('cancelled');
      const again = await slow.fas(['executions', 'cancel', execution.id]);
      expect(again.code).toBe(7);
      expect(again.stderr).not.toMatch(STACK_TRACE);
      const waited = await slow.fas(['executions', 'wait', execution.id]);
      expect(waited.code).toBe(5);
    } finally {
      await slow.close();
    }
  });
});
