// How values read in a table: money, times relative to now on a terminal and
// exact elsewhere, and spans of time.

/** How a cell is rendered: relative times on a terminal, exact values elsewhere. */
export interface CellContext {
  tty: boolean;
  /** Now on the API's clock, by which the times it sets are measured. */
  now: number;
}

/** "in 1m 40s" / "3m ago" on a terminal; the exact ISO time elsewhere. */
export function when(iso: string | null | undefined, cx: CellContext): string {
  if (!iso) return '-';
  if (!cx.tty) return iso;
  const ms = Date.parse(iso) - cx.now;
  if (!Number.isFinite(ms)) return iso;
  const span = humanSpan(Math.abs(ms));
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

/** "45s", "3m 20s", "2h 5m", "3d". */
export function humanSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/**
 * USD, always with four decimals: prices a column shows side by side (a
 * spot's $0.2336 beside an on-demand $1.2500) line up and compare digit by
 * digit. "-" for none.
 */
export function money(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  return `$${n.toFixed(4)}`;
}
