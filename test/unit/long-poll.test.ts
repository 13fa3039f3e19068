// A long poll ends when its client goes, even when it went before the wait
// began: nothing is held until the wait's time runs out.
import { describe, expect, it } from 'vitest';
import { Waiters } from '../../src/sandbox/http/long-poll.js';

function waiters(): { w: Waiters; wake: (keys: Iterable<string>) => void } {
  let wake: (keys: Iterable<string>) => void = () => {};
  const w = new Waiters((fn) => (wake = fn));
  return { w, wake: (keys) => wake(keys) };
}

const settled = (p: Promise<void>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);

describe('Waiters', () => {
  it('returns at once for a client that went before the wait began', async () => {
    const { w } = waiters();
    const gone = new AbortController();
    gone.abort();
    expect(await settled(w.until('k', 3600, gone.signal, () => false))).toBe(true);
  });

  it('ends on a wake that isOver accepts, not on one it refuses, and on the client going', async () => {
    const { w, wake } = waiters();
    let over = false;
    const first = w.until('k', 3600, new AbortController().signal, () => over);
    wake(['k']);
    expect(await settled(first)).toBe(false);
    over = true;
    wake(['other']);
    expect(await settled(first)).toBe(false);
    wake(['k']);
    expect(await settled(first)).toBe(true);

    const client = new AbortController();
    const second = w.until('k', 3600, client.signal, () => false);
    client.abort();
    expect(await settled(second)).toBe(true);
  });
});
