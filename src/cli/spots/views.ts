// How spots read for people: the columns a person wants first, each with a
// stable key. JSON never goes through these: it prints the API's objects as
// they are.
import type { Spot } from '../../api/types.js';
import { money, when } from '../output/format.js';
import { stateColour } from '../output/state-style.js';
import type { View } from '../output/view.js';

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
