// The policy's decisions in cases where the right one is known.
import { describe, expect, it } from 'vitest';
import { reconcile, type MarketView, type Member } from '../../../src/fleet/policy.js';
import { fleetSpec } from '../../../src/fleet/spec.js';

const NOW = 1_800_000_000;
const market = (metro: string, price: number, extra: Partial<MarketView> = {}): MarketView => ({
  metro, plan: 'c3.small', onDemand: 0.5, price, bid: 0.4, score: price, lastAbove: Number.NEGATIVE_INFINITY, outOfCapacity: false, ...extra,
});
const spot = (id: string, slot: number, metro: string, extra: Partial<Member> = {}): Member => ({
  id, slot, gen: 1, metro, plan: 'c3.small', onDemand: false, bid: 0.4, state: 'active', noticed: false, since: NOW - 3 * 3600, ...extra,
});
const spec = fleetSpec({ name: 'web', count: 1, metros: ['sv', 'ny'], plans: ['c3.small'], price: { maxPrice: 0.4 }, maxShare: 1 });

describe('reconcile', () => {
  it('moves a spot to a market at least 30% cheaper, once it has lived the hold-down', () => {
    const d = reconcile({ spec, markets: [market('sv', 0.3), market('ny', 0.2)], members: [spot('a', 0, 'sv')], generations: new Map([[0, 1]]), now: NOW });
    expect(d.actions).toEqual([{ kind: 'buy', slot: 0, gen: 2, metro: 'ny', plan: 'c3.small', bid: 0.4, onDemand: false, reason: 'cheaper', replaces: 'a' }]);
  });

  it('does not move for less, nor before the hold-down, nor to a market that passed its bid within it', () => {
    const none = (markets: MarketView[], members: Member[]) => reconcile({ spec, markets, members, generations: new Map([[0, 1]]), now: NOW }).actions;
    expect(none([market('sv', 0.3), market('ny', 0.22)], [spot('a', 0, 'sv')])).toEqual([]);
    expect(none([market('sv', 0.3), market('ny', 0.2)], [spot('a', 0, 'sv', { since: NOW - 600 })])).toEqual([]);
    expect(none([market('sv', 0.3), market('ny', 0.2, { lastAbove: NOW - 900 })], [spot('a', 0, 'sv')])).toEqual([]);
  });

  it('removes the old spot once its replacement is active, and not before', () => {
    const members = [spot('a', 0, 'sv'), spot('b', 0, 'ny', { gen: 2, state: 'provisioning', since: NOW })];
    expect(reconcile({ spec, markets: [market('sv', 0.3), market('ny', 0.2)], members, generations: new Map([[0, 2]]), now: NOW }).actions).toEqual([]);
    members[1]!.state = 'active';
    expect(reconcile({ spec, markets: [market('sv', 0.3), market('ny', 0.2)], members, generations: new Map([[0, 2]]), now: NOW }).actions).toEqual([
      { kind: 'remove', id: 'a', slot: 0, reason: 'replaced' },
    ]);
  });

  it('lets a spot under notice go by itself, its replacement bought in another market', () => {
    const two = fleetSpec({ ...spec, count: 1 });
    const d = reconcile({ spec: two, markets: [market('sv', 0.5), market('ny', 0.2)], members: [spot('a', 0, 'sv', { noticed: true, state: 'terminating' })], generations: new Map([[0, 1]]), now: NOW });
    expect(d.actions).toEqual([{ kind: 'buy', slot: 0, gen: 2, metro: 'ny', plan: 'c3.small', bid: 0.4, onDemand: false, reason: 'notice', replaces: 'a' }]);
  });
});
