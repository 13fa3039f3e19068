// A fleet's actions as records (one per action: what -o jsonl prints, and
// what a piped line says), and its state in words for the live view.
import { isoSeconds } from '../../api/values.js';
import type { Done } from '../../fleet/live.js';
import type { FleetState } from '../../fleet/keep.js';
import { money } from '../output/format.js';
import type { View } from '../output/view.js';

export interface ActionRecord {
  time: string;
  fleet: string;
  action: 'buy' | 'remove' | 'convert' | 'notice' | 'removed';
  slot: number | null;
  spot_id: string | null;
  metro: string | null;
  plan: string | null;
  bid: number | null;
  on_demand: boolean | null;
  reason: string | null;
  replaces: string | null;
  error: string | null;
}

const base = (fleet: string, at: number) => ({ time: isoSeconds(at), fleet, slot: null, spot_id: null, metro: null, plan: null, bid: null, on_demand: null, reason: null, replaces: null, error: null });

export function recordOf(fleet: string, done: Done, at: number): ActionRecord {
  const a = done.action;
  const error = done.error ? done.error.message : null;
  if (a.kind === 'buy') {
    return { ...base(fleet, at), action: 'buy', slot: a.slot, spot_id: done.spotId ?? null, metro: a.metro, plan: a.plan, bid: a.bid, on_demand: a.onDemand, reason: done.replayed ? `${a.reason} (bought already)` : a.reason, replaces: a.replaces ?? null, error };
  }
  if (a.kind === 'remove') return { ...base(fleet, at), action: 'remove', slot: a.slot, spot_id: a.id, reason: a.reason, error };
  return { ...base(fleet, at), action: 'convert', slot: a.slot, spot_id: a.id, on_demand: true, reason: 'on-demand', error };
}

export const actionView: View<ActionRecord> = {
  id: (r) => r.spot_id ?? '',
  columns: [
    { key: 'time', header: 'TIME', value: (r) => r.time.slice(11, 19), exact: (r) => r.time, streamWidth: 8 },
    { key: 'action', header: 'ACTION', value: (r) => r.action, streamWidth: 7 },
    { key: 'slot', header: 'SLOT', value: (r) => (r.slot === null ? '-' : String(r.slot)), exact: (r) => r.slot, streamWidth: 4 },
    { key: 'spot', header: 'SPOT', value: (r) => r.spot_id ?? '-', id: true, streamWidth: 8 },
    { key: 'market', header: 'MARKET', value: (r) => (r.metro ? `${r.metro} ${r.plan}` : '-'), streamWidth: 12 },
    { key: 'detail', header: 'DETAIL', value: (r) => detail(r), shrinkable: true },
  ],
};

function detail(r: ActionRecord): string {
  const parts: string[] = [];
  if (r.reason) parts.push(r.reason);
  if (r.bid !== null) parts.push(r.on_demand ? 'on-demand' : `bid ${money(r.bid)}`);
  if (r.replaces) parts.push(`replaces ${r.replaces.slice(0, 8)}`);
  if (r.error) parts.push(`failed: ${r.error}`);
  return parts.join(', ');
}

/** One line a piped keep prints per action. */
export function actionLine(r: ActionRecord): string {
  const spot = r.spot_id ? ` spot ${r.spot_id}` : '';
  const slot = r.slot === null ? '' : ` slot ${r.slot}`;
  const market = r.metro ? ` in ${r.metro} ${r.plan}` : '';
  const failed = r.error ? `: failed: ${r.error}` : '';
  switch (r.action) {
    case 'buy':
      return `${r.time} bought${slot}${spot}${market} ${r.on_demand ? 'on-demand' : `at bid ${money(r.bid)}`} (${r.reason}${r.replaces ? `, replaces ${r.replaces}` : ''})${failed}`;
    case 'remove':
      return `${r.time} removed${spot}${slot} (${r.reason})${failed}`;
    case 'convert':
      return `${r.time} converted${spot}${slot} to on-demand${failed}`;
    case 'notice':
      return `${r.time} notice for${spot}${slot}${market}: a replacement is bought before it goes`;
    case 'removed':
      return `${r.time} gone:${spot}`;
  }
}

/** The live view's frame: the target, the spots per market, the spend, what waits. */
export function stateLines(s: FleetState): string[] {
  const live = s.members.filter((m) => !m.noticed && m.state === 'active').length;
  const lines = [
    `fleet ${s.spec.name}: ${live} of ${s.spec.count} active${s.met ? '' : ' (target not met)'}, ${s.members.length} held, at most ${money(s.spend)}/h${s.spec.maxSpend !== undefined ? ` of ${money(s.spec.maxSpend)}/h` : ''}`,
  ];
  const perMarket = new Map<string, { spot: number; od: number; noticed: number }>();
  for (const m of s.members) {
    const k = `${m.metro} ${m.plan}`;
    const c = perMarket.get(k) ?? { spot: 0, od: 0, noticed: 0 };
    if (m.noticed) c.noticed++;
    else if (m.onDemand) c.od++;
    else c.spot++;
    perMarket.set(k, c);
  }
  for (const v of s.markets) {
    const c = perMarket.get(`${v.metro} ${v.plan}`) ?? { spot: 0, od: 0, noticed: 0 };
    lines.push(`  ${`${v.metro} ${v.plan}`.padEnd(14)} price ${money(v.price)} bid ${v.bid === null ? '-' : money(v.bid)}  spot ${c.spot}  on-demand ${c.od}${c.noticed ? `  under notice ${c.noticed}` : ''}`);
  }
  for (const w of s.waiting) lines.push(`  waiting: slot ${w.slot} (${w.reason}): ${w.why}`);
  return lines;
}
