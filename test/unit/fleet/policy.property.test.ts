// The policy driven by random market paths and random orders of events (price
// moves, activations, notices, revocations, time passing), acting on a
// simulated pool that also holds spots of no fleet: the limits hold after
// every reconcile, whatever came before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costBound, reconcile, type Member, type MarketView } from '../../../src/fleet/policy.js';
import { fleetSpec, shareCap, type FleetSpec } from '../../../src/fleet/spec.js';

const METROS = ['sv', 'ny', 'am'];
const PLANS = [
  { slug: 'c3.small', onDemand: 0.5 },
  { slug: 'c3.medium', onDemand: 1 },
];

type Event =
  | { kind: 'price'; market: number; share: number }
  | { kind: 'activate'; pick: number }
  | { kind: 'notice'; pick: number }
  | { kind: 'revoke'; pick: number }
  | { kind: 'time'; seconds: number };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('price' as const), market: fc.nat(5), share: fc.double({ min: 0.05, max: 10, noNaN: true }) }),
  fc.record({ kind: fc.constant('activate' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('notice' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('time' as const), seconds: fc.integer({ min: 1, max: 7200 }) }),
);

const specArb: fc.Arbitrary<FleetSpec> = fc
  .record({
    count: fc.integer({ min: 1, max: 12 }),
    base: fc.nat(3),
    surge: fc.integer({ min: 1, max: 3 }),
    spend: fc.option(fc.double({ min: 0.5, max: 15, noNaN: true }), { nil: undefined }),
    share: fc.double({ min: 0.1, max: 1, noNaN: true }),
    fallback: fc.constantFrom('on-demand' as const, 'none' as const),
    margin: fc.option(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { nil: undefined }),
    metros: fc.integer({ min: 1, max: 3 }),
    plans: fc.integer({ min: 1, max: 2 }),
  })
  .map((r) =>
    fleetSpec({
      name: 'web',
      count: r.count,
      metros: METROS.slice(0, r.metros),
      plans: PLANS.slice(0, r.plans).map((p) => p.slug),
      price: { strategy: 'balanced' },
      onDemandBase: Math.min(r.base, r.count),
      maxSurge: Math.min(r.surge, r.count),
      maxSpend: r.spend,
      maxShare: r.share,
      fallback: r.fallback,
      rebalanceMargin: r.margin,
    }),
  );

/** The pool: the fleet's members and a stranger's spot, which the fleet never lists. */
interface World {
  now: number;
  markets: MarketView[];
  members: Member[];
  generations: Map<number, number>;
  seq: number;
}

function world(spec: FleetSpec): World {
  const markets: MarketView[] = [];
  for (const metro of spec.metros) {
    for (const slug of spec.plans) {
      const onDemand = PLANS.find((p) => p.slug === slug)!.onDemand;
      markets.push({ metro, plan: slug, onDemand, price: onDemand * 0.3, bid: onDemand * 0.4, score: onDemand * 0.3, lastAbove: Number.NEGATIVE_INFINITY, outOfCapacity: false });
    }
  }
  return { now: 1_800_000_000, markets, members: [], generations: new Map(), seq: 0 };
}

function apply(w: World, e: Event): void {
  const pick = (n: number) => (w.members.length ? w.members[n % w.members.length] : undefined);
  switch (e.kind) {
    case 'price': {
      const m = w.markets[e.market % w.markets.length]!;
      m.price = Math.round(m.onDemand * e.share * 10_000) / 10_000;
      m.outOfCapacity = e.share >= 10;
      if (m.bid !== null && m.price > m.bid) m.lastAbove = w.now;
      for (const s of w.members) {
        if (!s.onDemand && !s.noticed && s.metro === m.metro && s.plan === m.plan && m.price > s.bid) {
          s.noticed = true;
          s.state = 'terminating';
        }
      }
      return;
    }
    case 'activate': {
      const s = pick(e.pick);
      if (s && s.state === 'provisioning') s.state = 'active';
      return;
    }
    case 'notice': {
      const s = pick(e.pick);
      if (s && !s.onDemand) {
        s.noticed = true;
        s.state = 'terminating';
      }
      return;
    }
    case 'revoke': {
      const s = pick(e.pick);
      if (s && s.noticed) w.members = w.members.filter((x) => x !== s);
      return;
    }
    case 'time':
      w.now += e.seconds;
  }
}

/** One reconcile, its actions applied; returns the ids the actions named. */
function step(spec: FleetSpec, w: World): { named: string[]; buys: number; waiting: number } {
  const d = reconcile({ spec, markets: w.markets, members: w.members, generations: w.generations, now: w.now });
  const named: string[] = [];
  let buys = 0;
  for (const a of d.actions) {
    if (a.kind === 'buy') {
      buys++;
      const id = `s${++w.seq}`;
      w.generations.set(a.slot, Math.max(w.generations.get(a.slot) ?? 0, a.gen));
      w.members.push({ id, slot: a.slot, gen: a.gen, metro: a.metro, plan: a.plan, onDemand: a.onDemand, bid: a.bid, state: 'provisioning', noticed: false, since: w.now });
    } else {
      named.push(a.id);
      if (a.kind === 'remove') w.members = w.members.filter((m) => m.id !== a.id);
      else {
        const m = w.members.find((x) => x.id === a.id);
        if (m && !m.noticed) m.onDemand = true;
      }
    }
  }
  return { named, buys, waiting: d.waiting.length };
}

const onDemandOf = (w: World, m: Member) => w.markets.find((k) => k.metro === m.metro && k.plan === m.plan)!.onDemand;

describe('the fleet policy', () => {
  it('never goes over the max spend or N + max-surge, and never names a spot it was not given', () => {
    fc.assert(
      fc.property(specArb, fc.array(event, { maxLength: 80 }), (spec, events) => {
        const w = world(spec);
        for (const e of events) {
          apply(w, e);
          const before = new Set(w.members.map((m) => m.id));
          const { named } = step(spec, w);
          for (const id of named) expect(before.has(id)).toBe(true);
          expect(w.members.length).toBeLessThanOrEqual(spec.count + spec.maxSurge);
          if (spec.maxSpend !== undefined) {
            const bound = w.members.reduce((s, m) => s + costBound(m, onDemandOf(w, m)), 0);
            // What the fleet held before this reconcile may already be over (prices moved); a purchase never adds to that.
            expect(bound <= spec.maxSpend + 1e-9 || w.members.every((m) => before.has(m.id))).toBe(true);
          }
          const perMarket = new Map<string, number>();
          for (const m of w.members) if (!m.noticed && !before.has(m.id)) perMarket.set(`${m.metro}/${m.plan}`, (perMarket.get(`${m.metro}/${m.plan}`) ?? 0) + 1);
          for (const n of perMarket.values()) expect(n).toBeLessThanOrEqual(shareCap(spec));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fills every empty slot within one reconcile when a market fits and nothing limits it', () => {
    fc.assert(
      fc.property(specArb, fc.array(event, { maxLength: 40 }), (raw, events) => {
        const spec: FleetSpec = { ...raw, maxSpend: undefined, maxSurge: raw.count, maxShare: 1, fallback: 'on-demand' };
        const w = world(spec);
        for (const e of events) {
          apply(w, e);
          step(spec, w);
        }
        // Every spot settles: what is under notice goes, what is bought is active.
        w.members = w.members.filter((m) => !m.noticed);
        for (const m of w.members) m.state = 'active';
        const fits = w.markets.some((m) => !m.outOfCapacity && m.bid !== null && m.price <= m.bid * (1 - (spec.rebalanceMargin ?? 0)) && w.now >= m.lastAbove + spec.cooldownSeconds);
        const onDemandPossible = w.markets.some((m) => !m.outOfCapacity && m.price < m.onDemand * 2.5);
        const empty = spec.count - new Set(w.members.map((m) => m.slot)).size;
        const { buys, waiting } = step(spec, w);
        if (fits || onDemandPossible) {
          expect(waiting).toBe(0);
          expect(buys).toBeGreaterThanOrEqual(empty);
        }
      }),
      { numRuns: 300 },
    );
  });
});
