// The spots a watch follows, as it knows them: read once from the list, then
// kept up to date by the spot events that come after. An event that says
// what the pool already shows (it happened between the cursor and the
// list) changes nothing and is not passed on.
import type { Event, Spot, SpotEvent, SpotEventData, SpotMarketPrices, SpotState } from '../../../api/types.js';

export interface WatchedSpot {
  id: string;
  hostname: string;
  ip: string;
  state: SpotState;
  metro: string;
  plan: string;
  /** The price the pool was listed at, or a notice's or a conversion's. */
  price: number | undefined;
  spot_instance: boolean;
  spot_price_max: number | null;
  termination_time: string | null;
}

export class Pool {
  private readonly spots = new Map<string, WatchedSpot>();
  /** The market's prices as last read, for a spot instance that joins without a price of its own. */
  private prices: SpotMarketPrices | undefined;

  /** `only`: the ids watched; undefined for the whole pool, which spots join as they are added. */
  constructor(private readonly only: ReadonlySet<string> | undefined) {}

  /**
   * The pool as a list read it. Returns the ids it knew that the list no
   * longer has: spots that went while no event about them was read.
   */
  load(listed: readonly Spot[]): string[] {
    const seen = new Set<string>();
    for (const spot of listed) {
      if (this.only && !this.only.has(spot.id)) continue;
      seen.add(spot.id);
      this.spots.set(spot.id, fromSpot(spot));
    }
    const vanished: string[] = [];
    for (const [id, spot] of this.spots) {
      if (!seen.has(id) && spot.state !== 'removed') {
        vanished.push(id);
        spot.state = 'removed';
        spot.termination_time = null;
      }
    }
    return vanished;
  }

  get(id: string): WatchedSpot | undefined {
    return this.spots.get(id);
  }

  /** Whether the watch passes the event on: any of the whole pool's; else only those about the spots watched. */
  concerns(e: Event): boolean {
    if (!this.only) return true;
    if (e.resource_type === 'spot') return this.only.has(e.resource_id);
    if (e.resource_type === 'execution') return e.data.spot_id !== null && this.only.has(e.data.spot_id);
    return e.data.spots.some((id) => this.only!.has(id));
  }

  /** The spot as the event leaves it, or undefined when the event tells nothing new (or is of a spot not watched). */
  apply(e: SpotEvent): WatchedSpot | undefined {
    if (this.only && !this.only.has(e.resource_id)) return undefined;
    const known = this.spots.get(e.resource_id);
    // A spot first heard of when it goes was never part of what is watched.
    if (!known && e.data.state === 'removed') return undefined;
    const next = fromEvent(e, known);
    if (known && same(known, next)) return undefined;
    if (next.price === undefined && next.spot_instance) next.price = this.prices?.spot_market_prices[next.metro]?.[next.plan]?.price;
    this.spots.set(next.id, next);
    return next;
  }

  /** A spot instance pays its market's price of the moment: the prices read now. */
  setPrices(prices: SpotMarketPrices): void {
    this.prices = prices;
    for (const spot of this.spots.values()) {
      const price = prices.spot_market_prices[spot.metro]?.[spot.plan]?.price;
      if (spot.spot_instance && spot.state !== 'removed' && price !== undefined) spot.price = price;
    }
  }

  /** Every spot watched, oldest known first; removed ones too. */
  all(): WatchedSpot[] {
    return [...this.spots.values()];
  }

  /** Whether nothing watched is left: every spot removed (for the whole pool, none in it). */
  empty(): boolean {
    for (const spot of this.spots.values()) if (spot.state !== 'removed') return false;
    return true;
  }
}

function fromSpot(s: Spot): WatchedSpot {
  return {
    id: s.id,
    hostname: s.hostname,
    ip: s.ip,
    state: s.state,
    metro: s.metro,
    plan: s.plan,
    price: s.price,
    spot_instance: s.spot_instance,
    spot_price_max: s.spot_price_max,
    termination_time: s.termination_time,
  };
}

function fromEvent(e: SpotEvent, known: WatchedSpot | undefined): WatchedSpot {
  const d: SpotEventData = e.data;
  return {
    id: e.resource_id,
    hostname: d.hostname,
    ip: d.ip,
    state: d.state,
    metro: d.metro,
    plan: d.plan,
    price: d.price ?? known?.price,
    spot_instance: d.spot_instance,
    spot_price_max: d.spot_price_max,
    termination_time: d.termination_time,
  };
}

function same(a: WatchedSpot, b: WatchedSpot): boolean {
  return a.state === b.state && a.termination_time === b.termination_time && a.spot_instance === b.spot_instance;
}
