// How bids read for people, and a bid that --dry-run would send (see
// spots/views.ts for the rules every view keeps).
import type { Bid, BidCreateRequest } from '../../api/types.js';
import { money, when } from '../output/format.js';
import { stateColour } from '../output/state-style.js';
import type { View } from '../output/view.js';

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
