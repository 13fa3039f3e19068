// A market's price history as the market was: the simulated points, with the
// prices `sandbox price set` held in place of the simulation while they were
// held, and a point at each moment a hold began or ended, so that a backtest
// run just after a price was set sees the price that revoked a spot.

export interface Hold {
  fromMs: number;
  /** null while still held. */
  untilMs: number | null;
  price: number;
}

export interface PricePoint {
  price: number;
  timestamp: number;
}

/**
 * `simulated` (oldest first, Unix seconds) with `holds` laid over it, within
 * [start, end]: each point's price is the hold's that covers its second, if
 * any (a later hold over an earlier one), and every second a hold begins or
 * ends is a point too, priced the same way (`priceAt` gives the simulated
 * price of a second that is not a point of `simulated`).
 */
export function withHolds(simulated: readonly PricePoint[], holds: readonly Hold[], start: number, end: number, priceAt: (t: number) => number): PricePoint[] {
  if (holds.length === 0) return [...simulated];
  const spans = holds
    .map((h) => ({ from: Math.floor(h.fromMs / 1000), until: h.untilMs === null ? Infinity : Math.floor(h.untilMs / 1000), price: h.price }))
    .filter((h) => h.until > h.from);
  const held = (t: number) => {
    let price: number | undefined;
    for (const h of spans) if (h.from <= t && t < h.until) price = h.price;
    return price;
  };
  const byTime = new Map<number, number>();
  for (const p of simulated) byTime.set(p.timestamp, held(p.timestamp) ?? p.price);
  for (const h of spans) {
    for (const t of [h.from, h.until]) {
      if (t >= start && t <= end && !byTime.has(t)) byTime.set(t, held(t) ?? priceAt(t));
    }
  }
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([timestamp, price]) => ({ price, timestamp }));
}
