// --timeout bounds the whole command, its first request too: a server that
// takes its time over the PUT (or a bid's POST) must not hold `spots add
// --wait --timeout 2s` past those two seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, json, type FakeServer } from '../helpers/fake-server.js';
import { runInProcess } from '../helpers/run-cli.js';

let slow: FakeServer;
let market: FakeServer;
beforeAll(async () => {
  // Never answers: only the client's own limits end the request.
  slow = await fakeServer(() => {});
  // Knows one market, and never answers a bid.
  market = await fakeServer((req, res) => {
    if (req.url!.startsWith('/api/metros')) return json(res, 200, { metros: [{ code: 'sv', name: 'Silicon Valley' }] });
    if (req.url!.startsWith('/api/plans')) return json(res, 200, { plans: [{ slug: 'c3.small', name: 'c3.small', pricing: { hour: 0.5 }, specs: {} }] });
  });
});
afterAll(async () => {
  await slow.close();
  await market.close();
});

describe('--timeout', () => {
  it('ends spots add --wait at its timeout while the first request is still unanswered', async () => {
    const started = Date.now();
    const r = await runInProcess(['spots', 'add', '--wait', '--timeout', '2s', '--idempotency-key', 'k-slow-1'], { env: { FAS_API_URL: slow.url, FAS_TOKEN: 'tok-1234' } });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(4000);
    expect(r.stdout).toBe('');
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/^Error: gave up .*after 2 s/m);
    // The PUT may have been taken: the hint reruns it with the same key.
    expect(r.stderr).toMatch(/^Hint: .*--idempotency-key k-slow-1/m);
  }, 15_000);

  it('ends bids create --wait at its timeout too, the create unanswered', async () => {
    const started = Date.now();
    const r = await runInProcess(['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.3', '--wait', '--timeout', '1s'], {
      env: { FAS_API_URL: market.url, FAS_TOKEN: 'tok-1234' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/^Error: gave up after 1 s: no answer to POST \/api\/spot-market-requests before the deadline\nHint: the bid may have been created; rerun with the same key/);
  }, 15_000);

  it('ends spots remove --wait at its timeout too', async () => {
    const started = Date.now();
    const r = await runInProcess(['spots', 'remove', 'spot-1', '--wait', '--timeout', '1s'], { env: { FAS_API_URL: slow.url, FAS_TOKEN: 'tok-1234' } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code, r.stderr).toBe(6);
  }, 15_000);
});
