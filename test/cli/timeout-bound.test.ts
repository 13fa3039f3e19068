// --timeout bounds the whole command, its first request too: a server that
// takes its time over the PUT must not hold `spots add --wait --timeout 2s`
// past those two seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, type FakeServer } from '../helpers/fake-server.js';
import { runInProcess } from '../helpers/run-cli.js';

let slow: FakeServer;
beforeAll(async () => {
  // Never answers: only the client's own limits end the request.
  slow = await fakeServer(() => {});
});
afterAll(() => slow.close());

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

  it('ends spots remove --wait at its timeout too', async () => {
    const started = Date.now();
    const r = await runInProcess(['spots', 'remove', 'spot-1', '--wait', '--timeout', '1s'], { env: { FAS_API_URL: slow.url, FAS_TOKEN: 'tok-1234' } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code, r.stderr).toBe(6);
  }, 15_000);
});
