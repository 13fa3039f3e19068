// `fas events`: the feed as JSON lines and as a table, followed until
// Ctrl-C (which names the cursor that resumes it), events past what the
// API keeps, and every flag it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Spot } from '../../src/api/types.js';
import { STACK_TRACE } from '../helpers/cli.js';
import { startFas } from '../helpers/process.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

const lines = (text: string) => text.split('\n').filter(Boolean);
const parsed = (text: string) => lines(text).map((l) => JSON.parse(l) as Event);

describe('fas events', () => {
  it('prints one JSON object a line with --json, a table without, oldest first; --type and --after choose', async () => {
    const spot = await t.json<Spot>(['spots', 'add', '--wait']);
    const json = await t.fas(['events', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const events = parsed(json.stdout);
    expect(events.map((e) => e.type)).toEqual(['spot.provisioning', 'spot.active', 'execution.completed']);
    expect(events[1]).toMatchObject({ resource_type: 'spot', resource_id: spot.id, data: { state: 'active', ip: spot.ip, hostname: spot.hostname } });

    const table = await t.fas(['events']);
    expect(table.code).toBe(0);
    expect(lines(table.stdout)[0]).toMatch(/^ID +TIME +TYPE +RESOURCE +DETAIL$/);
    expect(lines(table.stdout)[2]).toMatch(new RegExp(`^2 +\\S+Z +spot.active +${spot.id} +${spot.ip} ${spot.hostname}$`));

    const only = await t.fas(['events', '--type', 'execution.completed,spot.active', '--json']);
    expect(parsed(only.stdout).map((e) => e.id)).toEqual(['2', '3']);
    const after = await t.fas(['events', '--after', '2', '-q']);
    expect(after.stdout).toBe('3\n');
  });

  it('--follow streams each event as it comes; Ctrl-C exits 130 naming the --after that resumes with no gap', async () => {
    // From the latest cursor, so that what comes next cannot come before the follower asks.
    const latest = parsed((await t.fas(['events', '--json'])).stdout).at(-1)!.id;
    const follower = startFas(['events', '--follow', '--after', latest, '--json', '--type', 'spot.active', '--type', 'spot.removed'], t.env);
    const spot = await t.json<Spot>(['spots', 'add', '--wait']);
    await expect.poll(() => parsed(follower.stdout()).map((e) => e.type), { timeout: 10_000 }).toEqual(['spot.active']);
    follower.kill('SIGINT');
    const end = await follower.ended();
    expect(end.code).toBe(130);
    const printed = parsed(follower.stdout());
    expect(printed[0]!.resource_id).toBe(spot.id);
    // At least the last event printed; past it when the events after it (of other types) were looked at too.
    const cursor = /at cursor (\d+)/.exec(follower.stderr())?.[1] ?? '';
    expect(Number(cursor)).toBeGreaterThanOrEqual(Number(printed[0]!.id));
    expect(follower.stderr().trimEnd().split('\n')).toEqual([
      `Error: stopped following events at cursor ${cursor}`,
      `Hint: resume with: fas events --follow --after ${cursor} --type spot.active --type spot.removed`,
    ]);

    // What happened after the Ctrl-C is what the resume gives.
    await t.fas(['spots', 'remove', spot.id, '--wait']);
    const resumed = await t.fas(['events', '--after', cursor, '--type', 'spot.active', '--type', 'spot.removed', '--json']);
    expect(parsed(resumed.stdout).map((e) => [e.type, e.resource_id])).toEqual([['spot.removed', spot.id]]);
  });

  it('says which events are gone once the cursor is past the 7 days kept, and where to read on (exit 1)', async () => {
    const { next } = (await (await fetch(`${t.sandbox.url}/api/events`, { headers: { authorization: `Token ${t.sandbox.token}` } })).json()) as { next: string };
    expect((await t.fas(['sandbox', 'clock', 'advance', '8d'])).code).toBe(0);
    const r = await t.fas(['events', '--after', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const oldest = /the oldest cursor is (\d+)/.exec(r.stderr)?.[1];
    expect(Number(oldest)).toBeGreaterThanOrEqual(Number(next));
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `Error: events after cursor 1 are gone (the sandbox keeps 7 days); the oldest cursor is ${oldest}`,
      `Hint: the events before cursor ${oldest} are lost; read on from there with: fas events --after ${oldest}`,
    ]);
    const since = await t.fas(['events', '--since', '10d']);
    expect(since.code).toBe(1);
    expect(since.stderr).toMatch(/^Error: events before \S+Z are gone \(the sandbox keeps 7 days\); the oldest cursor is \d+\n/);
    expect((await t.fas(['events', '--after', oldest!])).code).toBe(0);
    // A cursor never given (a sandbox started afresh on other data, say) is no quiet "nothing new".
    const unknown = await t.fas(['events', '--after', '999999', '--follow']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trimEnd().split('\n')).toEqual([
      `Error: cursor 999999 is not one this server gave; the oldest cursor is ${oldest}`,
      `Hint: the events before cursor ${oldest} are lost; read on from there with: fas events --follow --after ${oldest}`,
    ]);
  });

  it.each<[string[], string]>([
    [['--type', 'spot.gone'], "Error: invalid --type 'spot.gone': expected one of spot.provisioning, spot.active, spot.removing, spot.termination_notice, spot.converted, spot.removed, bid.open, bid.partially_fulfilled, bid.fulfilled, bid.expired, bid.cancelled, execution.completed, execution.failed, execution.cancelled"],
    [['--after', 'abc'], "Error: invalid --after 'abc': expected an event cursor (digits), as printed by fas events or given by its resume hint"],
    [['--since', '1h', '--after', '3'], 'Error: --since and --after exclude each other: give one'],
    [['--since', 'yesterday'], "Error: invalid --since 'yesterday': expected an ISO 8601 time (2026-11-22T10:00:00Z), Unix seconds, or a duration ago such as 7d"],
  ])('refuses %j (exit 2)', async (flags, message) => {
    const r = await t.fas(['events', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toBe(`${message}\nHint: see fas events --help`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
