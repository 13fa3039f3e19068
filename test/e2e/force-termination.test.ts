// Cancelling a bid with --force-termination respects a spot's lock, as
// `spots remove` does: nothing is done while one of its spots is locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, Spot } from '../../src/api/types.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

/** No `fas` command locks a spot; the API does. */
async function lock(id: string, locked: boolean): Promise<void> {
  const res = await fetch(`${t.sandbox.url}/api/spots/${id}`, {
    method: 'PUT',
    headers: { authorization: `Token ${t.sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ locked }),
  });
  expect(res.status).toBe(200);
}

describe('bids delete --force-termination', () => {
  it('is a conflict naming the locked spots, and changes nothing; unlocked, it removes them all', async () => {
    await t.json(['sandbox', 'price', 'set', '--metro', 'da', '--plan', 'c3.small', '0.1']);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'da', '--plan', 'c3.small', '--min', '2', '--max', '2', '--max-price', '0.2']);
    expect(bid.spots).toHaveLength(2);
    const [kept, other] = bid.spots as [string, string];
    await lock(kept, true);

    const refused = await t.fas(['bids', 'delete', bid.id, '--force-termination', '--yes']);
    expect(refused.code).toBe(7);
    expect(refused.stderr.trimEnd()).toBe(`Error: bid ${bid.id} has locked spots (${kept}): unlock them first, or cancel it without force_termination`);
    expect(refused.stdout).toBe('');
    expect((await t.json<Bid>(['bids', 'get', bid.id])).state).toBe('fulfilled');
    for (const id of [kept, other]) expect((await t.json<Spot>(['spots', 'get', id])).state).toBe('active');

    await lock(kept, false);
    const done = await t.fas(['bids', 'delete', bid.id, '--force-termination', '--yes', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr.trimEnd()).toBe(`cancelled bid ${bid.id} and removed its spots`);
    expect((JSON.parse(done.stdout) as Bid).spots).toEqual([]);
    for (const id of [kept, other]) expect((await t.json<Spot>(['spots', 'get', id])).state).toBe('removed');
  });
});
