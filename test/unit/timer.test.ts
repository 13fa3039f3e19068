import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signalUntil } from '../../src/client/deadline.js';
import { after, MAX_TIMER_MS, sleep } from '../../src/client/timer.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('timers longer than one Node.js timer holds', () => {
  it('fire after the whole delay, not at once', () => {
    const fired = vi.fn();
    after(MAX_TIMER_MS * 2 + 5_000, fired);
    vi.advanceTimersByTime(1_000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_MS * 2);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('a deadline of 30 days is not reached in a day', () => {
    const { signal, expired, dispose } = signalUntil(undefined, Date.now() + 30 * 86_400_000);
    vi.advanceTimersByTime(86_400_000);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(29 * 86_400_000);
    expect(signal.aborted).toBe(true);
    expect(expired()).toBe(true);
    dispose();
  });

  it('Infinity never fires, and cancel stops a timer', () => {
    const never = vi.fn();
    after(Infinity, never);
    const cancelled = vi.fn();
    after(1_000, cancelled).cancel();
    vi.advanceTimersByTime(MAX_TIMER_MS * 3);
    expect(never).not.toHaveBeenCalled();
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('sleep resolves after a long delay and rejects on abort', async () => {
    let done = false;
    const slept = sleep(MAX_TIMER_MS + 10).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    await slept;
    expect(done).toBe(true);

    const controller = new AbortController();
    const aborted = sleep(60_000, controller.signal);
    controller.abort();
    await expect(aborted).rejects.toThrow('interrupted');
  });
});
