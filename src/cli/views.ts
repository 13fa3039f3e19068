// The columns a person wants first, per resource. JSON output never goes
// through these: it prints the API's objects as they are.
import type { Bid, Execution, Spot } from '../api/types.js';
import { money, when, type Cell, type View } from './output.js';

function stateColour(state: string): Cell {
  switch (state) {
    case 'active':
    case 'completed':
    case 'fulfilled':
      return { text: state, style: 'green' };
    case 'failed':
    case 'terminating':
    case 'cancelled':
    case 'expired':
      return { text: state, style: 'red' };
    case 'removed':
      return { text: state, style: 'dim' };
    default:
      return { text: state, style: 'yellow' };
  }
}

export const spotView: View<Spot> = {
  id: (s) => s.id,
  columns: [
    { header: 'ID', value: (s) => s.id },
    { header: 'HOSTNAME', value: (s) => s.hostname, shrinkable: true },
    { header: 'IP', value: (s) => s.ip },
    { header: 'STATE', value: (s) => stateColour(s.state) },
    { header: 'METRO', value: (s) => s.metro },
    { header: 'PLAN', value: (s) => s.plan },
    { header: 'PRICE/H', value: (s) => money(s.price) },
    { header: 'TYPE', value: (s) => (s.spot_instance ? 'spot' : 'on-demand') },
    { header: 'BID', value: (s) => s.bid_id ?? '-', shrinkable: true },
    { header: 'TERMINATES', value: (s, cx) => (s.termination_time ? { text: when(s.termination_time, cx), style: 'red' } : '-') },
  ],
  detail: [
    { header: 'ID', value: (s) => s.id },
    { header: 'Hostname', value: (s) => s.hostname },
    { header: 'IP', value: (s) => s.ip },
    { header: 'State', value: (s) => stateColour(s.state) },
    { header: 'Metro', value: (s) => s.metro },
    { header: 'Plan', value: (s) => s.plan },
    { header: 'Price', value: (s) => `${money(s.price)}/h` },
    { header: 'Type', value: (s) => (s.spot_instance ? 'spot' : 'on-demand (never revoked)') },
    { header: 'Max bid', value: (s) => money(s.spot_price_max) },
    { header: 'Bid', value: (s) => s.bid_id ?? '-' },
    { header: 'Terminates', value: (s, cx) => when(s.termination_time, cx) },
    { header: 'Locked', value: (s) => (s.locked ? 'yes' : 'no') },
    { header: 'Tags', value: (s) => (s.tags.length ? s.tags.join(', ') : '-') },
    { header: 'Description', value: (s) => s.description ?? '-' },
    { header: 'Created', value: (s, cx) => when(s.created_at, cx) },
  ],
};

export const executionView: View<Execution> = {
  id: (e) => e.id,
  columns: [
    { header: 'ID', value: (e) => e.id },
    { header: 'OPERATION', value: (e) => e.operation },
    { header: 'STATUS', value: (e) => stateColour(e.status) },
    { header: 'RESOURCE', value: (e) => e.resource_id ?? '-' },
    { header: 'CREATED', value: (e, cx) => when(e.created_at, cx) },
    { header: 'ERROR', value: (e) => e.error ?? '', shrinkable: true },
  ],
  detail: [
    { header: 'ID', value: (e) => e.id },
    { header: 'Operation', value: (e) => e.operation },
    { header: 'Status', value: (e) => stateColour(e.status) },
    { header: 'Resource', value: (e) => e.resource_id ?? '-' },
    { header: 'Created', value: (e, cx) => when(e.created_at, cx) },
    { header: 'Updated', value: (e, cx) => when(e.updated_at, cx) },
    { header: 'Error', value: (e) => e.error ?? '-' },
  ],
};

export const bidView: View<Bid> = {
  id: (b) => b.id,
  columns: [
    { header: 'ID', value: (b) => b.id },
    { header: 'STATE', value: (b) => stateColour(b.state) },
    { header: 'METRO', value: (b) => b.metro },
    { header: 'PLAN', value: (b) => b.instance_parameters.plan },
    { header: 'MAX BID', value: (b) => money(b.max_bid_price) },
    { header: 'SPOTS', value: (b) => `${b.spots.length} (${b.devices_min}-${b.devices_max})` },
    { header: 'ENDS', value: (b, cx) => when(b.end_at, cx) },
    { header: 'CREATED', value: (b, cx) => when(b.created_at, cx) },
  ],
  detail: [
    { header: 'ID', value: (b) => b.id },
    { header: 'State', value: (b) => stateColour(b.state) },
    { header: 'Metro', value: (b) => b.metro },
    { header: 'Plan', value: (b) => b.instance_parameters.plan },
    { header: 'Max bid', value: (b) => `${money(b.max_bid_price)}/h` },
    { header: 'Devices', value: (b) => `${b.devices_min} to ${b.devices_max}` },
    { header: 'Spots', value: (b) => (b.spots.length ? { lines: b.spots } : '-') },
    { header: 'Ends', value: (b, cx) => when(b.end_at, cx) },
    { header: 'Created', value: (b, cx) => when(b.created_at, cx) },
  ],
};
