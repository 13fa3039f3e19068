// Events in words: the detail of `fas events`' rows, and the lines of `fas
// spots watch` off a terminal.
import type { Event, SpotEvent, SpotRemovedReason } from '../../api/types.js';
import { money } from '../output/format.js';
import { SHORT_ID } from '../output/view.js';

const REMOVED: Record<SpotRemovedReason, string> = {
  removed: 'removed',
  revoked: 'revoked',
  bid_force_terminated: 'its bid was cancelled with force termination',
  add_failed: 'its add failed',
  add_cancelled: 'its add was cancelled',
};

/** Seconds from the event to its termination time: the notice the spot was given. */
function noticeSeconds(e: SpotEvent): number | undefined {
  if (!e.data.termination_time) return undefined;
  return Math.max(0, Math.round((Date.parse(e.data.termination_time) - Date.parse(e.time)) / 1000));
}

/** What a spot event says besides the spot's state: `termination in 120s`, `revoked`; '' when nothing. */
function spotChange(e: SpotEvent): string {
  switch (e.type) {
    case 'spot.termination_notice':
      return `termination in ${noticeSeconds(e) ?? '?'}s`;
    case 'spot.removing':
      return 'being removed';
    case 'spot.converted':
      return `converted to on-demand, ${money(e.data.price)}/h`;
    case 'spot.removed':
      return e.data.reason ? REMOVED[e.data.reason] ?? e.data.reason : '';
    default:
      return '';
  }
}

/**
 * `2026-12-01T15:00:00Z spot ID terminating (termination in 120s)`: one
 * change of a spot, for a log; `short` (a terminal's live view), with the
 * time of day and the id as a table on a terminal shows it.
 */
export function spotLine(e: SpotEvent, { short = false } = {}): string {
  const why = spotChange(e);
  const time = short ? e.time.slice(11, 19) : e.time;
  const id = short ? e.resource_id.slice(0, SHORT_ID) : e.resource_id;
  return `${time} spot ${id} ${e.data.state}${why ? ` (${why})` : ''}`;
}

/** What an event says, in a few words, for the DETAIL column of `fas events`. */
export function eventDetail(e: Event): string {
  switch (e.resource_type) {
    case 'spot': {
      const d = e.data;
      if (e.type === 'spot.termination_notice') {
        return `in ${noticeSeconds(e) ?? '?'}s: market ${money(d.price)}/h above its bid ${money(d.spot_price_max)}/h; at ${d.termination_time}, ${d.ip} ${d.hostname}`;
      }
      // The type says the state; what the change adds comes first.
      return [spotChange(e), `${d.ip} ${d.hostname}`].filter(Boolean).join(', ');
    }
    case 'bid': {
      const d = e.data;
      return `${d.spots.length} of ${d.devices_min}-${d.devices_max} spots, ${d.metro} ${d.plan} at most ${money(d.max_bid_price)}/h`;
    }
    case 'execution': {
      const d = e.data;
      return `${d.operation} of spot ${d.spot_id ?? '-'}${d.error ? `: ${d.error}` : ''}`;
    }
    default:
      return '';
  }
}
