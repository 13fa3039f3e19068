// How an event of the feed reads for people, in `fas events` and a watch.
import type { Event, EventType } from '../../api/types.js';
import { eventDetail } from './words.js';
import type { Style } from '../output/style.js';
import type { View } from '../output/view.js';

const EVENT_STYLE: Partial<Record<EventType, keyof Style>> = {
  'spot.active': 'green',
  'spot.termination_notice': 'red',
  'spot.removing': 'yellow',
  'spot.removed': 'dim',
  'bid.fulfilled': 'green',
  'bid.expired': 'red',
  'bid.cancelled': 'red',
  'execution.completed': 'green',
  'execution.failed': 'red',
  'execution.cancelled': 'red',
};

/**
 * An event of the feed: `fas events` and a watch stream them, so each
 * column declares the width its rows are padded to. On a terminal the time
 * of day (UTC) and a short resource id leave the detail room in 80 columns.
 * The event's id is its cursor: never shortened.
 */
export const eventView: View<Event> = {
  id: (e) => e.id,
  columns: [
    { key: 'id', header: 'ID', value: (e) => e.id, streamWidth: 6 },
    { key: 'time', header: 'TIME', value: (e, cx) => (cx.tty ? e.time.slice(11, 19) : e.time), exact: (e) => e.time, streamWidth: (cx) => (cx.tty ? 8 : 20) },
    {
      key: 'type',
      header: 'TYPE',
      value: (e) => (EVENT_STYLE[e.type] ? { text: e.type, style: EVENT_STYLE[e.type]! } : e.type),
      streamWidth: 'spot.termination_notice'.length,
    },
    { key: 'resource_type', header: 'RESOURCE_TYPE', value: (e) => e.resource_type, wide: true, streamWidth: 'execution'.length },
    { key: 'resource', header: 'RESOURCE', value: (e) => e.resource_id, id: true, streamWidth: 36 },
    { key: 'detail', header: 'DETAIL', value: (e) => eventDetail(e), shrinkable: true, streamWidth: 40 },
  ],
};
