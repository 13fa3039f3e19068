// Rows as SQLite holds them, and the API objects they are read into (a bid
// with the ids of its spots). Only the store's modules see rows; everything
// else gets API objects.
import type { Bid, Execution, InstanceParameters, Operation, Spot, SpotState } from '../../api/types.js';
import type { Db } from './db.js';

export interface SpotRow {
  id: string;
  account_id: string;
  hostname: string;
  ip: string;
  state: SpotState;
  metro: string;
  plan: string;
  price: number;
  spot_instance: number;
  spot_price_max: number | null;
  termination_time: string | null;
  bid_id: string | null;
  tags: string;
  description: string | null;
  locked: number;
  created_at: string;
  updated_at: string;
}

export interface ExecutionRow {
  id: string;
  account_id: string;
  operation: Operation;
  status: Execution['status'];
  resource_id: string | null;
  will_fail: number;
  error: string | null;
  result: string | null;
  start_ms: number;
  due_ms: number;
  created_at: string;
  updated_at: string;
}

export interface BidRow {
  id: string;
  account_id: string;
  devices_min: number;
  devices_max: number;
  max_bid_price: number;
  metro: string;
  instance_parameters: string;
  end_at: string | null;
  end_ms: number | null;
  state: Bid['state'];
  created_at: string;
}

export function toSpot(r: SpotRow): Spot {
  return {
    id: r.id,
    hostname: r.hostname,
    ip: r.ip,
    state: r.state,
    metro: r.metro,
    plan: r.plan,
    price: r.price,
    spot_instance: r.spot_instance === 1,
    spot_price_max: r.spot_price_max,
    termination_time: r.termination_time,
    bid_id: r.bid_id,
    tags: JSON.parse(r.tags) as string[],
    description: r.description,
    locked: r.locked === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** The columns a spot is written as. */
export function spotColumns(spot: Spot) {
  return { ...spot, spot_instance: spot.spot_instance ? 1 : 0, tags: JSON.stringify(spot.tags), locked: spot.locked ? 1 : 0 };
}

export function toExecution(r: ExecutionRow): Execution {
  return {
    id: r.id,
    operation: r.operation,
    status: r.status,
    created_at: r.created_at,
    updated_at: r.updated_at,
    resource_id: r.resource_id,
    result: r.result ? (JSON.parse(r.result) as Spot) : null,
    error: r.error,
  };
}

/** The ids of the spots that filled a bid and are still in the pool, oldest first: a bid's `spots`. */
export function bidSpotIds(db: Db, bidId: string): string[] {
  return db.prepare("SELECT id FROM spots WHERE bid_id = ? AND state != 'removed' ORDER BY seq").pluck().all(bidId) as string[];
}

/** `spots`: bidSpotIds of the bid. */
export function toBid(r: BidRow, spots: string[]): Bid {
  return {
    id: r.id,
    devices_min: r.devices_min,
    devices_max: r.devices_max,
    max_bid_price: r.max_bid_price,
    metro: r.metro,
    instance_parameters: JSON.parse(r.instance_parameters) as InstanceParameters,
    end_at: r.end_at,
    created_at: r.created_at,
    state: r.state,
    spots,
  };
}
