import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FasClient } from '../../../src/client/client.js';
import { fleetSpots } from '../../../src/fleet/live.js';
import { runInProcess, TestHost } from '../../helpers/run-cli.js';
import { withSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sb: TestSandbox;
let client: FasClient;
beforeAll(async () => {
  sb = await withSandbox({ admin: true });
  client = new FasClient({ apiUrl: sb.sandbox.url, token: sb.sandbox.token });
  for (const metro of ['sv', 'ny']) await client.sandbox.setPrice({ metro, plan: 'c3.small', price: 0.2 });
});
afterAll(() => sb.close());

const keepArgs = (name: string, ...extra: string[]) => ['fleet', 'keep', name, '--count', '2', '--plan', 'c3.small', '--metro', 'sv,ny', '--max-price', '0.4', '--cooldown', '0s', ...extra];

async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`never ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('fas fleet keep --once', () => {
  it('buys what is missing, a line each, and exits 6 until the target is met, then 0 with nothing to do', async () => {
    const first = await sb.run(keepArgs('once', '--once'));
    expect(first.code).toBe(6);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\S+Z bought slot [01] spot [0-9a-f-]{36} in (sv|ny) c3\.small at bid \$0\.4000 \(fill\)$/);
    expect(first.stderr).toMatch(/^Error: fleet once is not at its target yet: 0 of 2 spots active, 2 bought now\nHint: /);
    await until(async () => (await fleetSpots(client, 'once')).live.every((s) => s.state === 'active'), 'active');
    const again = await sb.run(keepArgs('once', '--once'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect((await fleetSpots(client, 'once')).live).toHaveLength(2);
  });

  it('prints an object per action with -o jsonl', async () => {
    const r = await sb.run([...keepArgs('jsonl', '--once'), '-o', 'jsonl']);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    for (const rec of records) expect(rec).toMatchObject({ fleet: 'jsonl', action: 'buy', plan: 'c3.small', bid: 0.4, on_demand: false, reason: 'fill', error: null });
  });

  it('refuses a bad fleet name before asking anything', async () => {
    const r = await sb.run(keepArgs('no spaces', '--once'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: the fleet name must be 1 to 63 letters/);
  });
});

describe('fas fleet keep', () => {
  it('on a notice runs the drain hook once and buys one replacement; Ctrl-C keeps the spots and says how to release them', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'fas-fleet-hook-'));
    const log = join(dir, 'hooks');
    const host = new TestHost();
    const running = runInProcess([...keepArgs('hooked', '--period', '1s'), '--on-termination', `echo "$FAS_SPOT_ID" >> ${log}`], { env: sb.env }, host);
    await until(async () => (await fleetSpots(client, 'hooked')).live.filter((s) => s.state === 'active').length === 2, 'filled');
    const before = (await fleetSpots(client, 'hooked')).live;
    const inNy = before.find((s) => s.metro === 'ny')!;
    await client.sandbox.setPrice({ metro: 'ny', plan: 'c3.small', price: 0.5 });
    await until(async () => existsSync(log) && (await fleetSpots(client, 'hooked')).live.length === 3, 'replaced');
    // A few more looks change nothing.
    await new Promise((r) => setTimeout(r, 1500));
    host.send('SIGINT');
    const r = await running;
    await client.sandbox.setPrice({ metro: 'ny', plan: 'c3.small', price: 0.2 });
    expect(readFileSync(log, 'utf8')).toBe(`${inNy.id}\n`);
    const after = (await fleetSpots(client, 'hooked')).live;
    expect(after).toHaveLength(3);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/stopped keeping fleet hooked: its 3 spots are kept; release them with fas fleet release hooked/);
    expect(r.stdout.match(/ bought slot /g)).toHaveLength(3);
    expect(r.stdout).toMatch(new RegExp(`notice for spot ${inNy.id} slot \\d in ny c3\\.small`));
  });
});

describe('fas fleet list, status, release', () => {
  it('lists the fleets by their tags, shows one, and releases it', async () => {
    await sb.run(keepArgs('gone', '--once'));
    const fleets = await sb.runJson<{ name: string; spots: number }[]>(['fleet', 'list']);
    expect(fleets.find((f) => f.name === 'gone')).toMatchObject({ spots: 2 });
    const status = await sb.runJson<{ tags: string[] }[]>(['fleet', 'status', 'gone']);
    expect(status).toHaveLength(2);
    for (const s of status) expect(s.tags).toContain('fas-fleet:gone');
    const refused = await sb.run(['fleet', 'release', 'gone']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/without --yes/);
    const released = await sb.run(['fleet', 'release', 'gone', '--yes', '--wait']);
    expect(released.code, released.stderr).toBe(0);
    expect(released.stderr).toMatch(/fleet gone: 2 of 2 spots removed/);
    expect((await fleetSpots(client, 'gone')).live).toHaveLength(0);
    const empty = await sb.run(['fleet', 'status', 'gone']);
    expect(empty.stderr).toMatch(/fleet gone holds no spots/);
  });
});
