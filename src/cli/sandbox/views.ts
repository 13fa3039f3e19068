// How a local sandbox reads for people: whether it runs, the prices it was
// told to hold, and its clock.
import type { SandboxClock, SpotMarketPrices } from '../../api/types.js';
import { money } from '../output/format.js';
import type { View } from '../output/view.js';

export interface SandboxStatus {
  running: boolean;
  url: string | null;
  pid: number | null;
  data_dir: string;
}

export const sandboxStatusView: View<SandboxStatus> = {
  columns: [
    { key: 'running', header: 'RUNNING', value: (s) => (s.running ? 'yes' : 'no'), exact: (s) => s.running },
    { key: 'url', header: 'URL', value: (s) => s.url ?? '-', exact: (s) => s.url },
    { key: 'pid', header: 'PID', value: (s) => (s.pid === null ? '-' : String(s.pid)), exact: (s) => s.pid },
    { key: 'data_dir', header: 'DATA_DIR', value: (s) => s.data_dir, shrinkable: true },
  ],
  // Two lines, so that a long data directory does not wrap the first.
  line: (s) => `${s.running ? `running at ${s.url} (pid ${s.pid})` : 'not running'}\ndata in ${s.data_dir}`,
};

/** A market's price: what `sandbox price set` and `reset` answer, a row for each market the change held or let go. */
export interface PriceRow {
  metro: string;
  plan: string;
  price: number;
}

export const priceRowView: View<PriceRow> = {
  columns: [
    { key: 'metro', header: 'METRO', value: (p) => p.metro },
    { key: 'plan', header: 'PLAN', value: (p) => p.plan },
    { key: 'price', header: 'PRICE', value: (p) => money(p.price), exact: (p) => p.price },
  ],
};

/** The prices of an answer, a row a metro and plan. */
export function priceRows(answer: SpotMarketPrices): PriceRow[] {
  return Object.entries(answer.spot_market_prices).flatMap(([metro, byPlan]) => Object.entries(byPlan).map(([plan, { price }]) => ({ metro, plan, price })));
}

export const sandboxClockView: View<SandboxClock> = {
  columns: [
    { key: 'now', header: 'NOW', value: (c) => c.now },
    { key: 'offset_seconds', header: 'OFFSET_SECONDS', value: (c) => `${c.offset_seconds}s`, exact: (c) => c.offset_seconds },
  ],
};
