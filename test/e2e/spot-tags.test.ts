// Tags and a description given when a spot is bought: on the add request,
// carried from the spot's creation, and filtered on by `spots list --tag`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { FasClient } from '../../src/client/client.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let client: FasClient;
beforeAll(async () => {
  t = await withSandbox({ provisionSeconds: 30 });
  client = new FasClient({ apiUrl: t.sandbox.url, token: t.sandbox.token, retries: 0 });
});
afterAll(() => t.close());

describe('spots bought with tags', () => {
  it('carries its tags and description from the moment it exists, before it is active', async () => {
    const e = await t.runJson<Execution>(['spots', 'add', '--tag', 'role:web', '--tag', 'fleet:blue', '--description', 'web tier']);
    // Provisioning takes 30 s here: the spot is read while its add is still running.
    const spot = await client.spots.get(e.resource_id!);
    expect(spot.state).toBe('provisioning');
    expect(spot.tags).toEqual(['role:web', 'fleet:blue']);
    expect(spot.description).toBe('web tier');
  });

  it('filters the list by every tag given (the API by ?tag repeated, the CLI by --tag)', async () => {
    const red = await client.spots.add({ tags: ['role:web', 'fleet:red'] });
    await client.spots.add({ tags: ['role:db', 'fleet:blue'] });
    await client.spots.add();
    const web = await t.runJson<Spot[]>(['spots', 'list', '--tag', 'role:web']);
    expect(web.map((s) => s.tags)).toEqual([['role:web', 'fleet:blue'], ['role:web', 'fleet:red']]);
    const both = await t.runJson<Spot[]>(['spots', 'list', '--tag', 'role:web', '--tag', 'fleet:red']);
    expect(both.map((s) => s.id)).toEqual([red.resource_id]);
    expect(await client.spots.listAll({ tag: ['role:web', 'fleet:green'] })).toEqual([]);
    // A tag is matched whole: neither a part of one nor a key alone.
    expect(await client.spots.listAll({ tag: ['role'] })).toEqual([]);
    expect(await client.spots.listAll({ tag: ['role:we'] })).toEqual([]);
    expect((await client.spots.listAll()).length).toBe(4);
  });

  it('refuses tags and descriptions out of bounds, on the API with a 422 and in the CLI before any request', async () => {
    const put = (body: unknown) =>
      fetch(`${t.sandbox.url}/api/spots`, { method: 'PUT', headers: { authorization: `Token ${t.sandbox.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tooMany = await put({ tags: Array.from({ length: 21 }, (_, i) => `k:${i}`) });
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as { errors: string[] }).errors.join('\n')).toMatch(/^tags: /);
    expect((await put({ tags: ['x'.repeat(101)] })).status).toBe(422);
    expect((await put({ tags: [''] })).status).toBe(422);
    expect((await put({ description: 'x'.repeat(1001) })).status).toBe(422);
    const filter = await fetch(`${t.sandbox.url}/api/spots?${Array.from({ length: 21 }, (_, i) => `tag=k:${i}`).join('&')}`, { headers: { authorization: `Token ${t.sandbox.token}` } });
    expect(filter.status).toBe(422);

    const before = (await client.spots.listAll()).length;
    const plain = await t.run(['spots', 'add', '--tag', 'web']);
    expect([plain.code, plain.stdout, plain.stderr.split('\n')[0]]).toEqual([2, '', "Error: invalid --tag 'web': expected KEY:VALUE, such as role:web"]);
    const long = await t.run(['spots', 'add', '--description', 'x'.repeat(1001)]);
    expect([long.code, long.stderr.split('\n')[0]]).toEqual([2, 'Error: invalid --description: at most 1000 characters, 1001 given']);
    const many = await t.run(['spots', 'list', ...Array.from({ length: 21 }, (_, i) => ['--tag', `k:${i}`]).flat()]);
    expect([many.code, many.stderr.split('\n')[0]]).toEqual([2, 'Error: too many --tag: at most 20, 21 given']);
    expect((await client.spots.listAll()).length).toBe(before);
  });
});
