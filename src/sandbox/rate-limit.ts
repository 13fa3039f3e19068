// Requests per second per token, as a token bucket: a burst of up to one
// second's worth passes, a steady flood above the rate gets 429 with the
// Retry-After that a well-behaved client honours.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perSecond: number) {}

  /** Undefined when the request may go on; otherwise the seconds to wait. */
  take(key: string, nowMs = performance.now()): number | undefined {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, at: nowMs };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
