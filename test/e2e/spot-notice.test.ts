// What a spot's bid means once the market passes it or the spot is
// converted: a converted spot leaves its bid; a spot being removed gets its
// notice as an active one does; and under notice a spot is billed its bid,
// never the market's higher price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, Event, Execution, Spot } from '../../src/api/types.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  // Removals take a minute of sandbox time: the market passes a bid while one runs.
  t = await withSandbox({ admin: true, provisionSeconds: 60 });
});
afterAll(() => t.close());

/** The feed's events of one type over the last hour (`fas events` prints a stream: a JSON object a line). */
async function events(type: string): Promise<Event[]> {
  const r = await t.run(['events', '--since', '1h', '--type', type, '-o', 'jsonl']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Event);
}

const hold = (metro: string, price: string) => t.runJson(['sandbox', 'price', 'set', '--metro', metro, '--plan', 'c3.small', price]);

describe('a spot converted to on-demand', () => {
  it('leaves its bid: the bid fills its slot again, and its forced cancellation leaves the converted spot alone', async () => {
    await hold('am', '0.1');
    const bid = await t.runJson<Bid>(['bids', 'create', '--metro', 'am', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2']);
    const [first] = bid.spots as [string];
    const converted = await t.runJson<Spot>(['spots', 'convert', first]);
    expect([converted.spot_instance, converted.bid_id]).toEqual([false, null]);
    expect(await t.runJson<Spot[]>(['spots', 'list', '--bid', bid.id])).toEqual([]);

    // The market looks again: the bid buys a spot for the slot the conversion freed.
    await t.runJson(['sandbox', 'clock', 'advance', '1s']);
    const refilled = await t.runJson<Bid>(['bids', 'get', bid.id]);
    expect(refilled.spots).toHaveLength(1);
    expect(refilled.spots).not.toContain(first);

    const r = await t.run(['bids', 'delete', bid.id, '--force-termination', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((await t.runJson<Spot>(['spots', 'get', refilled.spots[0]!])).state).toBe('removed');
    expect(await t.runJson<Spot>(['spots', 'get', first])).toMatchObject({ state: 'active', spot_instance: false, bid_id: null });
  });
});

describe('the market passing a bid', () => {
  it('gives a spot being removed its notice: it goes when its removal ends or its notice runs out, whichever is first', async () => {
    await hold('fr', '0.1');
    const add = () => t.runJson<Execution>(['spots', 'add', '--metro', 'fr', '--plan', 'c3.small', '--max-price', '0.5']);
    const [a, b] = [(await add()).resource_id!, (await add()).resource_id!];
    await t.runJson(['sandbox', 'clock', 'advance', '61s']);
    await t.runJson<Execution>(['spots', 'remove', a, '--yes']);
    const removalB = await t.runJson<Execution>(['spots', 'remove', b, '--yes']);
    for (const id of [a, b]) expect(await t.runJson<Spot>(['spots', 'get', id])).toMatchObject({ state: 'terminating', termination_time: null });

    await hold('fr', '2');
    const noticed = await Promise.all([a, b].map((id) => t.runJson<Spot>(['spots', 'get', id])));
    for (const spot of noticed) {
      expect(spot.state).toBe('terminating');
      expect(spot.termination_time).not.toBeNull();
      // Billed its bid through the notice, not the market's 2.
      expect([spot.price, spot.spot_price_max]).toEqual([0.5, 0.5]);
    }
    const notices = await events('spot.termination_notice');
    expect(notices.filter((e) => e.resource_id === a || e.resource_id === b).map((e) => e.resource_type === 'spot' && e.data.price)).toEqual([2, 2]);

    // b's removal is cancelled: it keeps its notice. a's removal (60 s) ends before the notice (120 s).
    await t.runJson(['executions', 'cancel', removalB.id]);
    expect(await t.runJson<Spot>(['spots', 'get', b])).toMatchObject({ state: 'terminating', termination_time: noticed[1]!.termination_time });
    await t.runJson(['sandbox', 'clock', 'advance', '61s']);
    expect((await t.runJson<Spot>(['spots', 'get', a])).state).toBe('removed');
    expect((await t.runJson<Spot>(['spots', 'get', b])).state).toBe('terminating');
    await t.runJson(['sandbox', 'clock', 'advance', '1m']);
    expect((await t.runJson<Spot>(['spots', 'get', b])).state).toBe('removed');
    const removed = await events('spot.removed');
    const reason = (id: string) => removed.filter((e) => e.resource_id === id).map((e) => e.resource_type === 'spot' && e.data.reason);
    expect([reason(a), reason(b)]).toEqual([['removed'], ['revoked']]);
  });

  it('shows an active spot under notice at its bid in the table too', async () => {
    await hold('sg', '0.1');
    await t.runJson(['spots', 'add', '--metro', 'sg', '--plan', 'c3.small', '--max-price', '0.25']);
    await t.runJson(['sandbox', 'clock', 'advance', '61s']);
    await hold('sg', '1');
    const [spot] = await t.runJson<Spot[]>(['spots', 'list', '--metro', 'sg']);
    expect(spot).toMatchObject({ state: 'terminating', price: 0.25, spot_price_max: 0.25 });
    const table = await t.run(['spots', 'list', '--metro', 'sg', '--columns', 'state,price,max_bid'], { columns: 120 });
    expect(table.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/))).toEqual([
      ['STATE', 'PRICE', 'MAX_BID'],
      ['terminating', '$0.2500', '$0.2500'],
    ]);
  });
});
