import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ rateLimit: 1 });
});
afterAll(() => t.close());

describe('a sandbox with --rate-limit', () => {
  it('answers 429 with Retry-After past the rate, per token, and fas rides it out', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${t.sandbox.url}/api/spots`, { headers: { authorization: `Token ${t.sandbox.token}` } })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(limited).toHaveLength(11);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    expect(await limited[0]!.json()).toEqual({ errors: ['rate limit exceeded: 1/s per token'] });

    // In this process, right after the bucket is emptied (however long the burst took): it refills only a second later.
    for (let i = 0; i < 5 && (await fetch(`${t.sandbox.url}/api/spots`, { headers: { authorization: `Token ${t.sandbox.token}` } })).status !== 429; i++);
    const r = await t.run(['spots', 'list', '--json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/retry 1\/\d+ of GET \/api\/spots in 1000 ms: rate limited/);
  });
});
