// The spot exchange: the market's prices (simulated, or held by `sandbox price
// set`) and their history, what they do to the spots that bid on them, and
// the bids it fills.
import { randomUUID } from 'node:crypto';
import { TERMINATION_NOTICE_SECONDS, type Bid, type BidCreateRequest, type Spot } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { allowed, BID_TRANSITIONS } from '../lifecycle.js';
import { METROS, PLANS } from '../market/catalog.js';
import { withHolds, type PricePoint } from '../market/held-history.js';
import { PriceModel, type Volatility } from '../market/price-model.js';
import type { Store } from '../store/store.js';
import { newSpot, type SpotFields } from './new-spot.js';
import { Conflict } from './errors.js';
import { findBid } from './refs.js';

export class SpotExchange {
  readonly prices: PriceModel;

  constructor(
    private readonly store: Store,
    seed: number,
    private readonly now: () => number,
    volatility?: Volatility,
  ) {
    this.prices = new PriceModel(seed, { volatility });
  }

  /** The price now: a held price (`sandbox price set`) or the simulated one. */
  price(metro: string, plan: string): number {
    return this.store.priceOverride(metro, plan) ?? this.prices.priceAt(metro, plan, Math.floor(this.now() / 1000));
  }

  /** Holds a market at a price (null hands it back to the simulation), and lets the market react at once. */
  setPrice(metro: string, plan: string, price: number | null): void {
    this.store.transaction(() => {
      this.store.setPriceOverride(metro, plan, price, this.now());
      this.tick();
    });
  }

  /** The market's prices over [start, end] (Unix seconds), as they were: held prices where they were held. */
  history(metro: string, plan: string, start: number, end: number): PricePoint[] {
    const simulated = this.prices.history(metro, plan, start, end);
    const holds = this.store.priceHolds(metro, plan, start * 1000, end * 1000 + 999);
    return withHolds(simulated, holds, start, end, (t) => this.prices.priceAt(metro, plan, t));
  }

  /**
   * A spot as the API shows it: a spot instance pays the market price of the
   * moment, capped at its bid. Above its bid the market is revoking it, and
   * what it is billed through its notice is its bid, never the market's price.
   */
  present(spot: Spot): Spot {
    return this.presentAll([spot])[0]!;
  }

  /** Many spots at one moment: each market's price is worked out once, not once a spot. */
  presentAll(spots: readonly Spot[]): Spot[] {
    const prices = new Map<string, number>();
    return spots.map((spot) => {
      if (!spot.spot_instance || spot.state === 'removed') return spot;
      const market = `${spot.metro}/${spot.plan}`;
      let price = prices.get(market);
      if (price === undefined) prices.set(market, (price = this.price(spot.metro, spot.plan)));
      return { ...spot, price: spot.spot_price_max === null ? price : Math.min(price, spot.spot_price_max) };
    });
  }

  /**
   * The market moves: spots whose bid it now exceeds get their two-minute
   * warning, those whose warning ran out are revoked, open bids fill and
   * bids past their end expire.
   */
  tick(): void {
    const now = this.now();
    this.store.transaction(() => {
      this.store.changes.revokeDue(now);
      const warning = isoSeconds(now + TERMINATION_NOTICE_SECONDS * 1000);
      for (const m of METROS) for (const p of PLANS) this.store.changes.warnOutbid(m.code, p.slug, this.price(m.code, p.slug), warning, now);
      for (const { account, bid } of this.store.openBids()) this.fillOrExpire(account, bid, now);
    });
  }

  createBid(account: string, body: BidCreateRequest): Bid {
    const now = this.now();
    const id = randomUUID();
    this.store.transaction(() => {
      const bid: Omit<Bid, 'spots'> = { ...body, id, end_at: body.end_at ?? null, state: 'open', created_at: isoSeconds(now) };
      this.store.changes.insertBid(account, bid, now);
      this.fillOrExpire(account, { ...bid, spots: [] }, now);
    });
    return this.store.bid(account, id)!;
  }

  /** Cancels a bid; with `forceTermination` its spots go too, unless one of them is locked (then nothing is done). */
  cancelBid(account: string, ref: string, forceTermination: boolean): Bid {
    return this.store.transaction(() => {
      const bid = findBid(this.store, account, ref);
      const { id } = bid;
      if (!allowed(BID_TRANSITIONS, bid.state, 'cancel')) throw new Conflict(`bid ${id} has already ended (${bid.state})`);
      const now = this.now();
      if (forceTermination) {
        // As with removing one spot: a lock keeps a spot, so nothing is done rather than half of it.
        const locked = this.store.lockedBidSpotIds(id);
        if (locked.length) {
          throw new Conflict(`bid ${id} has locked spots (${locked.join(', ')}): unlock them first, or cancel it without force_termination`);
        }
        // Its spots go first, so that the bid's event says what it is left with.
        this.store.changes.forceTerminateBidSpots(id, now);
      }
      this.store.changes.moveBid(id, 'cancel', now);
      return this.store.bid(account, id)!;
    });
  }

  /** A bid past its end expires; an open one buys spots up to devices_max while the price is at or below its bid. */
  private fillOrExpire(account: string, bid: Bid, now: number): void {
    if (bid.end_at !== null && Date.parse(bid.end_at) <= now) {
      this.store.changes.moveBid(bid.id, 'expire', now);
      return;
    }
    const { plan, hostname, tags, description } = bid.instance_parameters;
    let count = bid.spots.length;
    // One price for the fill: the one its spots are bought at is the one the bid was held against.
    const price = count < bid.devices_max ? this.price(bid.metro, plan) : undefined;
    if (price !== undefined && price <= bid.max_bid_price) {
      const fields: SpotFields = {
        hostnamePrefix: hostname ?? `spot-${bid.metro}`,
        state: 'active',
        metro: bid.metro,
        plan,
        price,
        spotPriceMax: bid.max_bid_price,
        bidId: bid.id,
        tags: tags ?? [],
        description: description ?? null,
      };
      for (; count < bid.devices_max; count++) this.store.changes.insertBidSpot({ ...newSpot(this.store, fields, now), bid_id: bid.id }, account, now);
    }
    this.store.changes.moveBid(bid.id, count === 0 ? 'hold_none' : count >= bid.devices_max ? 'hold_all' : 'hold_some', now);
  }
}
