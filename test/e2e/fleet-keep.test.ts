// keepFleet against the sandbox: markets held with `price set`, time moved
// with the clock, requests failing with --faults. Every figure counted is
// the API's, read back after the loop has acted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FasClient } from '../../src/client/client.js';
import { keepFleet, type FleetState } from '../../src/fleet/keep.js';
import { fleetSpots } from '../../src/fleet/live.js';
import { fleetSpec, type FleetSpec } from '../../src/fleet/spec.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
let client: FasClient;
beforeAll(async () => {
  sb = await withSandbox({ admin: true });
  client = new FasClient({ apiUrl: sb.sandbox.url, token: sb.sandbox.token });
});
afterAll(() => sb.close());

async function hold(price: number, metros = ['sv', 'ny']): Promise<void> {
  for (const metro of metros) await client.sandbox.setPrice({ metro, plan: 'c3.small', price });
}

const spec = (name: string, extra: Partial<FleetSpec> = {}): FleetSpec =>
  fleetSpec({ name, count: 2, metros: ['sv', 'ny'], plans: ['c3.small'], price: { maxPrice: 0.4 }, cooldownSeconds: 0, holdDownSeconds: 0, minLifetimeSeconds: 0, ...extra });

/** Runs the loop until `done(state)` says so (or `ms`), then stops it; returns every state seen. */
async function keepUntil(s: FleetSpec, done: (state: FleetState) => boolean, hooks: { onNotice?: () => void; onState?: (st: FleetState) => void } = {}, c = client, ms = 20_000) {
  const stop = new AbortController();
  const states: FleetState[] = [];
  const timer = setTimeout(() => stop.abort(), ms);
  const loop = keepFleet(c, s, {
    signal: stop.signal,
    periodMs: 100,
    onNotice: hooks.onNotice,
    onState: (st) => {
      states.push(st);
      hooks.onState?.(st);
      if (done(st)) stop.abort();
    },
  });
  await loop;
  clearTimeout(timer);
  return states;
}

const active = (st: FleetState) => st.members.filter((m) => m.state === 'active' && !m.noticed).length;

describe('keepFleet against the sandbox', () => {
  it('fills the fleet, every spot tagged with the fleet and its slot, one market each', async () => {
    await hold(0.2);
    await keepUntil(spec('fill'), (st) => st.met);
    const { live } = await fleetSpots(client, 'fill');
    expect(live).toHaveLength(2);
    expect(new Set(live.map((s) => s.metro))).toEqual(new Set(['sv', 'ny']));
    for (const s of live) expect(s.tags).toEqual(expect.arrayContaining(['fas-fleet:fill', expect.stringMatching(/^fas-fleet-slot:[01]\.1$/)]));
  });

  it('on a notice buys exactly one replacement before the old spot goes, and tells the notice once', async () => {
    await hold(0.2);
    const s = spec('notice');
    await keepUntil(s, (st) => st.met);
    let notices = 0;
    let most = 0;
    await client.sandbox.setPrice({ metro: 'ny', plan: 'c3.small', price: 0.5 });
    const states = await keepUntil(s, (st) => st.members.some((m) => m.noticed) && active(st) === 2, {
      onNotice: () => notices++,
      onState: (st) => (most = Math.max(most, st.members.length + st.bought)),
    });
    expect(notices).toBe(1);
    expect(most).toBeLessThanOrEqual(s.count + s.maxSurge);
    const last = states.at(-1)!;
    // The old spot is still there, under notice, while its replacement is active.
    expect(last.members.filter((m) => m.noticed)).toHaveLength(1);
    const { live } = await fleetSpots(client, 'notice');
    expect(live).toHaveLength(3);
    await hold(0.2);
  });

  it('two controllers for one fleet do not double it', async () => {
    await hold(0.2);
    const s = spec('twice', { count: 3, maxShare: 1 });
    const other = new FasClient({ apiUrl: sb.sandbox.url, token: sb.sandbox.token });
    await Promise.all([keepUntil(s, (st) => st.met), keepUntil(s, (st) => st.met, {}, other)]);
    const { live } = await fleetSpots(client, 'twice');
    expect(live).toHaveLength(3);
    expect(new Set(live.map((x) => x.tags.find((t) => t.startsWith('fas-fleet-slot:'))))).toHaveProperty('size', 3);
  });

  it('falls back to on-demand when every market is above the bid, and goes back to spot once', async () => {
    await hold(0.2);
    const s = spec('fallback', { holdDownSeconds: 600, cooldownSeconds: 600 });
    await keepUntil(s, (st) => st.met);
    await hold(0.5);
    // Both noticed: one on-demand bought at once (max-surge 1), the other once the old spots are gone.
    await keepUntil(s, (st) => st.members.some((m) => m.onDemand));
    await client.sandbox.advanceClock(130);
    await keepUntil(s, (st) => st.met && st.members.length === 2 && st.members.every((m) => m.onDemand));
    await hold(0.2);
    // Within the hold-down the fleet stays on-demand, though the markets fit again.
    let states = await keepUntil(s, (st) => st.met && st.markets.every((m) => m.price === 0.2));
    expect(states.at(-1)!.members.every((m) => m.onDemand)).toBe(true);
    expect(states.reduce((n, st) => n + st.bought, 0)).toBe(0);
    await client.sandbox.advanceClock(601);
    states = await keepUntil(s, (st) => st.met && st.members.every((m) => !m.onDemand && m.state === 'active') && st.members.length === 2);
    const { live } = await fleetSpots(client, 'fallback');
    expect(live.every((x) => x.spot_instance)).toBe(true);
    expect(live).toHaveLength(2);
    // And stays there: a few more looks buy nothing.
    let bought = 0;
    await keepUntil(s, () => false, { onState: (st) => (bought += st.bought) }, client, 2_000);
    expect(bought).toBe(0);
  }, 60_000);

  it('never goes over the max spend: what it cannot afford waits, and says so', async () => {
    await hold(0.2);
    const s = spec('budget', { count: 3, maxShare: 1, maxSpend: 1, fallback: 'none' });
    let highest = 0;
    const states = await keepUntil(s, (st) => st.members.filter((m) => m.state === 'active').length === 2 && st.waiting.length > 0, {
      onState: (st) => (highest = Math.max(highest, st.spend)),
    });
    expect(highest).toBeLessThanOrEqual(1);
    expect(states.at(-1)!.waiting).toEqual([{ slot: 2, reason: 'fill', why: 'max-spend' }]);
    expect((await fleetSpots(client, 'budget')).live).toHaveLength(2);
  });

  it('keeps its on-demand base on-demand, converted as soon as it is seen', async () => {
    await hold(0.2);
    const s = spec('based', { count: 2, onDemandBase: 1 });
    await keepUntil(s, (st) => st.met && st.members.filter((m) => m.onDemand).length === 1);
    const { live } = await fleetSpots(client, 'based');
    expect(live.filter((x) => !x.spot_instance).map((x) => x.tags.find((t) => t.startsWith('fas-fleet-slot:')))).toEqual(['fas-fleet-slot:0.1']);
  });

  it('with a rebalance margin, replaces a spot whose market nears its bid before any notice, and removes it once the replacement is active', async () => {
    await hold(0.2);
    const s = spec('rebalance', { count: 1, rebalanceMargin: 0.1, maxShare: 1 });
    await keepUntil(s, (st) => st.met);
    const [old] = (await fleetSpots(client, 'rebalance')).live;
    // Within 10% of the 0.40 bid, not above it: no notice.
    await client.sandbox.setPrice({ metro: old!.metro, plan: 'c3.small', price: 0.37 });
    await keepUntil(s, (st) => st.met && st.members.length === 1 && st.members[0]!.id !== old!.id);
    const { live } = await fleetSpots(client, 'rebalance');
    expect(live).toHaveLength(1);
    expect(live[0]!.metro).not.toBe(old!.metro);
    expect((await client.spots.get(old!.id)).termination_time).toBeNull();
    await hold(0.2);
  });
});
