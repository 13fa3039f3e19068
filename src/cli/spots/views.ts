// How spots, executions and bids read for people: the columns a person wants
// first, each with a stable key. JSON never goes through these: it prints the
// API's objects as they are.
import type { Bid, BidCreateRequest, BidState, Execution, ExecutionStatus, Spot, SpotState } from '../../api/types.js';
import { money, when } from '../output/format.js';
import type { Style } from '../output/style.js';
import type { Cell, View } from '../output/view.js';

/** The colour of each state of the contract's lifecycles: every value of each enum must have one. */
export const STATE_STYLE: Record<SpotState | ExecutionStatus | BidState, keyof Style> = {
  provisioning: 'yellow',
  active: 'green',
  terminating: 'red',
  removed: 'dim',
  pending: 'yellow',
  started: 'yellow',
  completed: 'green',
  failed: 'red',
  cancelled: 'red',
  open: 'yellow',
  partially_fulfilled: 'yellow',
  fulfilled: 'green',
  expired: 'red',
};

function stateColour(state: SpotState | ExecutionStatus | BidState): Cell {
  // A state the document does not know yet (a newer server) reads as one in progress.
  return { text: state, style: STATE_STYLE[state] ?? 'yellow' };
}

// The table (on a terminal, ids at 8 characters) fits 80 columns with the
// columns a person reads first; the rest are `wide`, for -o wide and csv.
// Each column has one name: its header is its key in upper case, and a
// detail's label the same words, so what a table shows is what --columns takes.
export const spotView: View<Spot> = {
  id: (s) => s.id,
  columns: [
    { key: 'id', header: 'ID', value: (s) => s.id, id: true },
    { key: 'hostname', header: 'HOSTNAME', value: (s) => s.hostname, shrinkable: true },
    { key: 'ip', header: 'IP', value: (s) => s.ip },
    { key: 'state', header: 'STATE', value: (s) => stateColour(s.state) },
    { key: 'metro', header: 'METRO', value: (s) => s.metro },
    { key: 'plan', header: 'PLAN', value: (s) => s.plan },
    { key: 'price', header: 'PRICE', value: (s) => money(s.price), exact: (s) => s.price },
    { key: 'type', header: 'TYPE', value: (s) => (s.spot_instance ? 'spot' : 'on-demand'), wide: true },
    { key: 'bid', header: 'BID', value: (s) => s.bid_id ?? '-', exact: (s) => s.bid_id, id: true, wide: true },
    {
      key: 'terminates',
      header: 'TERMINATES',
      value: (s, cx) => (s.termination_time ? { text: when(s.termination_time, cx), style: 'red' } : '-'),
      exact: (s) => s.termination_time,
    },
    { key: 'max_bid', header: 'MAX_BID', value: (s) => money(s.spot_price_max), exact: (s) => s.spot_price_max, wide: true },
    { key: 'locked', header: 'LOCKED', value: (s) => (s.locked ? 'yes' : 'no'), exact: (s) => s.locked, wide: true },
    { key: 'tags', header: 'TAGS', value: (s) => (s.tags.length ? s.tags.join(', ') : '-'), exact: (s) => s.tags.join(', '), wide: true },
    { key: 'created', header: 'CREATED', value: (s, cx) => when(s.created_at, cx), exact: (s) => s.created_at, wide: true },
    { key: 'description', header: 'DESCRIPTION', value: (s) => s.description ?? '-', exact: (s) => s.description, wide: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (s) => s.id },
    { key: 'hostname', header: 'Hostname', value: (s) => s.hostname },
    { key: 'ip', header: 'IP', value: (s) => s.ip },
    { key: 'state', header: 'State', value: (s) => stateColour(s.state) },
    { key: 'metro', header: 'Metro', value: (s) => s.metro },
    { key: 'plan', header: 'Plan', value: (s) => s.plan },
    { key: 'price', header: 'Price', value: (s) => `${money(s.price)}/h` },
    { key: 'type', header: 'Type', value: (s) => (s.spot_instance ? 'spot' : 'on-demand (never revoked)') },
    { key: 'max_bid', header: 'Max bid', value: (s) => money(s.spot_price_max) },
    { key: 'bid', header: 'Bid', value: (s) => s.bid_id ?? '-' },
    { key: 'terminates', header: 'Terminates', value: (s, cx) => when(s.termination_time, cx) },
    { key: 'locked', header: 'Locked', value: (s) => (s.locked ? 'yes' : 'no') },
    { key: 'tags', header: 'Tags', value: (s) => (s.tags.length ? s.tags.join(', ') : '-') },
    { key: 'description', header: 'Description', value: (s) => s.description ?? '-' },
    { key: 'created', header: 'Created', value: (s, cx) => when(s.created_at, cx) },
  ],
};

export const executionView: View<Execution> = {
  id: (e) => e.id,
  columns: [
    { key: 'id', header: 'ID', value: (e) => e.id, id: true },
    { key: 'operation', header: 'OPERATION', value: (e) => e.operation },
    { key: 'status', header: 'STATUS', value: (e) => stateColour(e.status) },
    { key: 'resource', header: 'RESOURCE', value: (e) => e.resource_id ?? '-', exact: (e) => e.resource_id, id: true },
    { key: 'created', header: 'CREATED', value: (e, cx) => when(e.created_at, cx), exact: (e) => e.created_at },
    { key: 'updated', header: 'UPDATED', value: (e, cx) => when(e.updated_at, cx), exact: (e) => e.updated_at, wide: true },
    { key: 'error', header: 'ERROR', value: (e) => e.error ?? '', exact: (e) => e.error, shrinkable: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (e) => e.id },
    { key: 'operation', header: 'Operation', value: (e) => e.operation },
    { key: 'status', header: 'Status', value: (e) => stateColour(e.status) },
    { key: 'resource', header: 'Resource', value: (e) => e.resource_id ?? '-' },
    { key: 'created', header: 'Created', value: (e, cx) => when(e.created_at, cx) },
    { key: 'updated', header: 'Updated', value: (e, cx) => when(e.updated_at, cx) },
    { key: 'error', header: 'Error', value: (e) => e.error ?? '-' },
  ],
};

export const bidView: View<Bid> = {
  id: (b) => b.id,
  columns: [
    { key: 'id', header: 'ID', value: (b) => b.id, id: true },
    { key: 'state', header: 'STATE', value: (b) => stateColour(b.state) },
    { key: 'metro', header: 'METRO', value: (b) => b.metro },
    { key: 'plan', header: 'PLAN', value: (b) => b.instance_parameters.plan },
    { key: 'max_bid', header: 'MAX_BID', value: (b) => money(b.max_bid_price), exact: (b) => b.max_bid_price },
    { key: 'spots', header: 'SPOTS', value: (b) => `${b.spots.length} (${b.devices_min}-${b.devices_max})`, exact: (b) => b.spots.length },
    { key: 'min', header: 'MIN', value: (b) => String(b.devices_min), exact: (b) => b.devices_min, wide: true },
    { key: 'max', header: 'MAX', value: (b) => String(b.devices_max), exact: (b) => b.devices_max, wide: true },
    { key: 'ends', header: 'ENDS', value: (b, cx) => when(b.end_at, cx), exact: (b) => b.end_at ?? null },
    { key: 'created', header: 'CREATED', value: (b, cx) => when(b.created_at, cx), exact: (b) => b.created_at, wide: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (b) => b.id },
    { key: 'state', header: 'State', value: (b) => stateColour(b.state) },
    { key: 'metro', header: 'Metro', value: (b) => b.metro },
    { key: 'plan', header: 'Plan', value: (b) => b.instance_parameters.plan },
    { key: 'max_bid', header: 'Max bid', value: (b) => `${money(b.max_bid_price)}/h` },
    { key: 'devices', header: 'Devices', value: (b) => `${b.devices_min} to ${b.devices_max}` },
    { key: 'spots', header: 'Spots', value: (b) => (b.spots.length ? { lines: b.spots } : '-') },
    { key: 'ends', header: 'Ends', value: (b, cx) => when(b.end_at, cx) },
    { key: 'created', header: 'Created', value: (b, cx) => when(b.created_at, cx) },
  ],
};

/** A bid that `bids create --dry-run` would send. */
export const bidRequestView: View<BidCreateRequest> = {
  columns: [
    { key: 'metro', header: 'METRO', value: (b) => b.metro },
    { key: 'plan', header: 'PLAN', value: (b) => b.instance_parameters.plan },
    { key: 'min', header: 'MIN', value: (b) => String(b.devices_min), exact: (b) => b.devices_min },
    { key: 'max', header: 'MAX', value: (b) => String(b.devices_max), exact: (b) => b.devices_max },
    { key: 'max_bid', header: 'MAX_BID', value: (b) => money(b.max_bid_price), exact: (b) => b.max_bid_price },
    { key: 'ends', header: 'ENDS', value: (b) => b.end_at ?? '-', exact: (b) => b.end_at ?? null },
    { key: 'hostname', header: 'HOSTNAME', value: (b) => b.instance_parameters.hostname ?? '-', exact: (b) => b.instance_parameters.hostname ?? null },
  ],
  line: (b) =>
    `would bid for ${b.devices_min} to ${b.devices_max} ${b.instance_parameters.plan} spots in ${b.metro} at no more than ${money(b.max_bid_price)}/h` +
    (b.end_at ? ` until ${b.end_at}` : ''),
};
