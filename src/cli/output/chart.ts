// The price history as a line chart a person reads at a glance: prices on
// the left axis, the time span under it, min/avg/max and out-of-capacity
// spells spelled out.
import { OUT_OF_CAPACITY_FACTOR, type PricePoint } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import { money } from './format.js';
import type { Style } from './style.js';

export interface ChartOptions {
  width: number;
  height: number;
  style: Style;
  /** Prices at or above this are out-of-capacity spells, drawn apart so they don't flatten the rest. */
  capacityCeiling?: number | undefined;
}

export interface PriceSummary {
  min: number;
  avg: number;
  max: number;
  last: number;
  points: number;
  outOfCapacity: number;
}

export function summarize(points: readonly PricePoint[], capacityCeiling?: number): PriceSummary {
  const prices = points.map((p) => p.price);
  return {
    min: Math.min(...prices),
    avg: prices.reduce((a, b) => a + b, 0) / prices.length,
    max: Math.max(...prices),
    last: prices[prices.length - 1]!,
    points: prices.length,
    outOfCapacity: capacityCeiling === undefined ? 0 : prices.filter((p) => p >= capacityCeiling).length,
  };
}

export async function priceChart(points: readonly PricePoint[], options: ChartOptions): Promise<string> {
  // A CommonJS module: bundled, its functions sit on the default export.
  const asciichart = await import('asciichart');
  const plot = asciichart.plot ?? (asciichart as unknown as { default: typeof asciichart }).default.plot;
  const labelWidth = 9;
  const columns = Math.max(10, options.width - labelWidth - 2);
  const series = downsample(points, columns);
  const ceiling = options.capacityCeiling;
  // Spells at 10x on-demand would squash the normal range to a flat line;
  // clip them to just above the normal maximum and say so below the chart.
  const normal = series.filter((p) => ceiling === undefined || p < ceiling);
  const normalMax = normal.length ? Math.max(...normal) : Math.max(...series);
  const clipped = series.map((p) => (ceiling !== undefined && p >= ceiling ? normalMax * 1.15 : p));
  const chart = plot(clipped, {
    height: options.height,
    format: (x: number) => money(x).padStart(labelWidth),
  });
  const first = points[0]!.timestamp;
  const last = points[points.length - 1]!.timestamp;
  const left = formatTime(first);
  const right = formatTime(last);
  const axis = `${' '.repeat(labelWidth + 2)}${left}${right.padStart(Math.max(1, clipped.length - left.length))}`;
  return `${chart}\n${options.style.dim(axis)}`;
}

/**
 * At most `columns` points. Each is the extreme of its slice that lies
 * farther from the median: spikes stay visible, and so do the dips a
 * cost-minded bidder looks for (an average would hide both).
 */
export function downsample(points: readonly PricePoint[], columns: number): number[] {
  if (points.length <= columns) return points.map((p) => p.price);
  const median = medianOf(points.map((p) => p.price));
  const out: number[] = [];
  for (let i = 0; i < columns; i++) {
    const from = Math.floor((i * points.length) / columns);
    const to = Math.floor(((i + 1) * points.length) / columns);
    let min = Infinity;
    let max = -Infinity;
    for (let j = from; j < to; j++) {
      min = Math.min(min, points[j]!.price);
      max = Math.max(max, points[j]!.price);
    }
    out.push(max - median >= median - min ? max : min);
  }
  return out;
}

function medianOf(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface HistoryChartOptions {
  metro: string;
  plan: string;
  /** The plan's on-demand price, when known: its 10x marks out-of-capacity spells. */
  onDemand: number | undefined;
  /** The terminal's width. */
  width: number;
  style: Style;
}

/** A market's price history for a terminal: a title, the chart, and its figures. */
export async function historyChart(points: readonly PricePoint[], options: HistoryChartOptions): Promise<string> {
  const s = options.style;
  const ceiling = options.onDemand === undefined ? undefined : options.onDemand * OUT_OF_CAPACITY_FACTOR;
  const sum = summarize(points, ceiling);
  const chart = await priceChart(points, { width: Math.min(options.width, 160), height: 14, style: s, capacityCeiling: ceiling });
  const span = `${isoSeconds(points[0]!.timestamp * 1000)} to ${isoSeconds(points[points.length - 1]!.timestamp * 1000)}`;
  const lines = [
    s.bold(`${options.metro} ${options.plan} spot price, ${span} (${sum.points} points)`),
    '',
    chart,
    '',
    `now ${s.bold(money(sum.last))}   min ${s.green(money(sum.min))}   avg ${money(sum.avg)}   max ${s.red(money(sum.max))}` +
      (options.onDemand === undefined ? '' : `   on-demand ${money(options.onDemand)}`),
  ];
  if (sum.outOfCapacity > 0) {
    lines.push(s.red(`out of capacity (10x on-demand) at ${sum.outOfCapacity} of ${sum.points} points; drawn clipped at the top`));
  }
  return lines.join('\n');
}
