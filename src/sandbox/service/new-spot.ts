// A spot as it is made, by an add or by a bid filling: a free hostname and
// the next private address.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Spot } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { Store } from '../store/store.js';

export interface SpotFields {
  /** The hostname's start; it gets a random suffix. */
  hostnamePrefix: string;
  state: Spot['state'];
  metro: string;
  plan: string;
  price: number;
  spotPriceMax: number;
  bidId: string | null;
  tags: string[];
  description: string | null;
}

export function newSpot(store: Store, fields: SpotFields, nowMs: number): Spot {
  let hostname: string;
  do hostname = `${fields.hostnamePrefix}-${randomBytes(3).toString('hex')}`;
  while (store.hostnameTaken(hostname));
  return {
    id: randomUUID(),
    hostname,
    ip: store.nextIp(),
    state: fields.state,
    metro: fields.metro,
    plan: fields.plan,
    price: fields.price,
    spot_instance: true,
    spot_price_max: fields.spotPriceMax,
    termination_time: null,
    bid_id: fields.bidId,
    tags: fields.tags,
    description: fields.description,
    locked: false,
    created_at: isoSeconds(nowMs),
    updated_at: isoSeconds(nowMs),
  };
}
