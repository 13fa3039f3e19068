import { describe, expect, it } from 'vitest';
import { describeFaults, FaultInjector, parseFaults } from '../../src/sandbox/faults.js';
import { RateLimiter } from '../../src/sandbox/rate-limit.js';

describe('--faults', () => {
  it('reads shares, statuses and a latency range', () => {
    const spec = parseFaults('drop=0.1, reset=0.05,503=0.1,429=0.05,latency=50-400ms');
    expect(spec).toMatchObject({ drop: 0.1, reset: 0.05, latencyMs: [50, 400] });
    expect([...spec.statuses]).toEqual([[503, 0.1], [429, 0.05]]);
    expect(describeFaults(spec)).toBe('drop=0.1,reset=0.05,503=0.1,429=0.05,latency=50-400ms');
    expect(parseFaults('latency=1s').latencyMs).toEqual([1000, 1000]);
  });

  it.each([
    ['drop', /not name=value/],
    ['drop=2', /share from 0 to 1/],
    ['drop=abc', /share from 0 to 1/],
    ['404=0.1', /unknown fault '404'/],
    ['latency=fast', /latency 'fast'/],
    ['latency=400-50ms', /latency/],
    ['drop=0.6,503=0.6', /more than 1/],
  ])('refuses %s', (text, message) => {
    expect(() => parseFaults(text)).toThrow(message);
  });

  it('injects each fault at about its share, the same way for the same seed', () => {
    const spec = parseFaults('drop=0.2,503=0.1');
    const run = () => {
      const injector = new FaultInjector(spec, 42);
      const kinds = Array.from({ length: 10_000 }, () => injector.draw().kind);
      return { kinds, injected: injector.injected };
    };
    const a = run();
    expect(a.kinds).toEqual(run().kinds);
    const drops = (a.injected['drop-before'] ?? 0) + (a.injected['drop-after'] ?? 0);
    expect(drops / 10_000).toBeCloseTo(0.2, 1);
    expect(a.injected['drop-after']! / drops).toBeCloseTo(0.5, 1);
    expect(a.injected['status-503']! / 10_000).toBeCloseTo(0.1, 1);
    expect(a.kinds.filter((k) => k === undefined).length / 10_000).toBeCloseTo(0.7, 1);
  });
});

describe('the rate limiter', () => {
  it('lets a second of requests through at once, then one per 1/rate, per token', () => {
    const limiter = new RateLimiter(10);
    for (let i = 0; i < 10; i++) expect(limiter.take('a', 0)).toBeUndefined();
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('b', 0)).toBeUndefined();
    expect(limiter.take('a', 100)).toBeUndefined();
    expect(limiter.take('a', 100)).toBe(1);
  });
});
