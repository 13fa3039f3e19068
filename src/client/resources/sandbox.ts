import type { SandboxClock, SandboxHealth, SpotMarketPrices } from '../../api/types.js';
import type { CallOptions, Caller, Endpoint } from '../call.js';
import * as shape from '../shapes.js';

const endpoint = (path: string): Endpoint => ({ path, what: 'id' });
const HEALTH = endpoint('/_sandbox/health');
const PRICES = endpoint('/_sandbox/prices');
const CLOCK = endpoint('/_sandbox/clock');

export interface HeldPrice {
  metro: string;
  plan: string;
  /** USD per hour; null hands the market back to the simulation. */
  price: number | null;
}

/** Routes only a sandbox started with --admin serves. */
export class SandboxAdminApi {
  constructor(private readonly client: Caller) {}

  health(options: CallOptions = {}): Promise<SandboxHealth> {
    return this.client.request({ method: 'GET', endpoint: HEALTH, shape: shape.sandboxHealth }, options);
  }

  /** Holds a market at a price until set again. */
  setPrice(input: HeldPrice, options: CallOptions = {}): Promise<SpotMarketPrices> {
    const body = { metro: input.metro, plan: input.plan, price: input.price };
    return this.client.request({ method: 'PUT', endpoint: PRICES, body, shape: shape.marketPrices }, options);
  }

  clock(options: CallOptions = {}): Promise<SandboxClock> {
    return this.client.request({ method: 'GET', endpoint: CLOCK, shape: shape.sandboxClock }, options);
  }

  /** Moves the sandbox clock `seconds` forward; everything due by then happens. */
  advanceClock(seconds: number, options: CallOptions = {}): Promise<SandboxClock> {
    return this.client.request({ method: 'POST', endpoint: CLOCK, body: { advance_seconds: seconds }, shape: shape.sandboxClock }, options);
  }
}
