// A spot as the API would answer it, for tests that print one or serve one
// from a server of their own; each test overrides what it is about.
import type { Spot } from '../../src/api/types.js';

export function aSpot(n: number, extra: Partial<Spot> = {}): Spot {
  return {
    id: `5f0e7c1a-0000-4000-8000-00000000000${n}`,
    hostname: `spot-sv-${n}`,
    ip: `10.0.0.${n}`,
    state: 'active',
    metro: 'sv',
    plan: 'c3.small',
    price: 0.2384,
    spot_instance: true,
    spot_price_max: 0.5,
    bid_id: null,
    termination_time: null,
    locked: false,
    tags: [],
    description: null,
    created_at: '2026-11-22T10:00:00Z',
    updated_at: '2026-11-22T10:00:00Z',
    ...extra,
  };
}
