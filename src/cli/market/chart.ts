// The price history as a line chart a person reads at a glance: prices on
// the left axis, the time span under it, min/avg/max and out-of-capacity
// spells spelled out.
import { OUT_OF_CAPACITY_FACTOR, type PricePoint } from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { MarketBacktest } from '../../client/backtest.js';
import { humanSpan, money } from '../output/format.js';
import { share, timesADay } from './views.js';
import type { Style } from '../output/style.js';

export interface ChartOptions {
  width: number;
  height: number;
  style: Style;
  /** Prices at or above this are out-of-capacity spells, drawn apart so they don't flatten the rest. */
  capacityCeiling?: number | undefined;
  /** A price drawn as a flat line across the chart and labelled at its right end (a max bid). */
  line?: { price: number; label: string } | undefined;
}

interface PriceSummary {
  min: number;
  avg: number;
  max: number;
  last: number;
  points: number;
  outOfCapacity: number;
}

function summarize(points: readonly PricePoint[], capacityCeiling?: number): PriceSummary {
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
  const lib = (asciichart as { plot?: unknown }).plot ? asciichart : (asciichart as unknown as { default: typeof asciichart }).default;
  const labelWidth = 9;
  const line = options.line;
  const ceiling = options.capacityCeiling;
  // A line far above every ordinary price would squash them: it is drawn at the top, and its label says so.
  const above = line !== undefined && line.price > ordinaryMax(points, ceiling) * 1.15;
  // Room at the right for the flat line's label.
  const lineLabel = line ? ` ${line.label}${above ? ' (above the scale)' : ''}` : '';
  const columns = Math.max(10, options.width - labelWidth - 2 - lineLabel.length);
  const series = downsample(points, columns);
  // Spells at 10x on-demand would squash the normal range to a flat line;
  // clip them to just above the normal maximum and say so below the chart.
  const normal = series.filter((p) => ceiling === undefined || p < ceiling);
  const normalMax = normal.length ? Math.max(...normal) : Math.max(...series);
  const top = normalMax * 1.15;
  const clipped = series.map((p) => (ceiling !== undefined && p >= ceiling ? top : p));
  const config = { height: options.height, format: (x: number) => money(x).padStart(labelWidth) };
  if (!line) return withAxis(lib.plot(clipped, config), points, labelWidth, clipped.length, options.style);

  const flat = clipped.map(() => (above ? top : line.price));
  // The flat line first, so that the price is drawn over it where they meet.
  const coloured = options.style.yellow('-') !== '-';
  const chart = lib.plot([flat, clipped], { ...config, ...(coloured ? { colors: [lib.yellow, undefined as unknown as string] } : {}) });
  // The same scale with the flat line alone shows which row it is on.
  const all = [...flat, ...clipped];
  const alone = lib.plot(flat, { ...config, min: Math.min(...all), max: Math.max(...all) }).split('\n');
  const row = alone.findIndex((l) => l.includes('──'));
  const rows = chart.split('\n').map((l, i) => (i === row ? `${l}${options.style.yellow(lineLabel)}` : l));
  return withAxis(rows.join('\n'), points, labelWidth, clipped.length, options.style);
}

/** The highest price below the ceiling (the highest of all when every one is at it). */
function ordinaryMax(points: readonly PricePoint[], ceiling: number | undefined): number {
  let max = -Infinity;
  let any = -Infinity;
  for (const { price } of points) {
    if (price > any) any = price;
    if ((ceiling === undefined || price < ceiling) && price > max) max = price;
  }
  return max === -Infinity ? any : max;
}

/** The chart with the first and the last point's time under it. */
function withAxis(chart: string, points: readonly PricePoint[], labelWidth: number, width: number, style: Style): string {
  const left = formatTime(points[0]!.timestamp);
  const right = formatTime(points[points.length - 1]!.timestamp);
  const axis = `${' '.repeat(labelWidth + 2)}${left}${right.padStart(Math.max(1, width - left.length))}`;
  return `${chart}\n${style.dim(axis)}`;
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
    s.bold(fitted([`${options.metro} ${options.plan} spot price`, `${span} (${sum.points} points)`], ', ', options.width)),
    '',
    chart,
    '',
    `now ${s.bold(money(sum.last))}   min ${s.green(money(sum.min))}   avg ${money(sum.avg)}   max ${s.red(money(sum.max))}` +
      (options.onDemand === undefined ? '' : `   on-demand ${money(options.onDemand)}`),
  ];
  if (sum.outOfCapacity > 0) {
    lines.push(s.red(capacityNote(`at ${sum.outOfCapacity} of ${sum.points} points`, options.width)));
  }
  return lines.join('\n');
}

/** A backtest for a terminal: what was held and when, the chart with the max bid as a line, and what it came to. */
export async function backtestChart(points: readonly PricePoint[], result: MarketBacktest, options: { width: number; style: Style }): Promise<string> {
  const s = options.style;
  const onDemand = result.on_demand_price ?? undefined;
  const ceiling = onDemand === undefined ? undefined : onDemand * OUT_OF_CAPACITY_FACTOR;
  const bid = money(result.max_bid_price);
  const chart = await priceChart(points, {
    width: Math.min(options.width, 160),
    height: 14,
    style: s,
    capacityCeiling: ceiling,
    line: { price: result.max_bid_price, label: `max bid ${bid}` },
  });
  const revoked = result.revocations === 0 ? 'never revoked' : `revoked ${result.revocations} times (${timesADay(result.revocations_per_day)} a day)`;
  const lines = [
    s.bold(`${result.metro} ${result.plan} held at a max bid of ${bid}/h`),
    `${result.from} to ${result.until} (${result.points} points)`,
    '',
    chart,
    '',
    `available ${s.bold(share(result.availability))} of the time, ${revoked}`,
    result.avg_price === null
      ? s.red(`never ran: the market was above ${bid}/h the whole time`)
      : `runs: mean ${humanSpan(result.mean_run_seconds * 1000)}, longest ${humanSpan(result.longest_run_seconds * 1000)}`,
  ];
  if (result.avg_price !== null) {
    lines.push(
      `average price ${s.bold(money(result.avg_price))}/h` +
        (onDemand === undefined || result.savings === null ? '' : `, against ${money(onDemand)}/h on demand: ${s.green(`${Math.round(result.savings * 100)}% saved`)}`),
    );
  }
  const spells = summarize(points, ceiling).outOfCapacity;
  if (spells > 0) lines.push(s.red(capacityNote(`at ${spells} of ${points.length} points, where no bid runs`, options.width)));
  return lines.join('\n');
}

/** The note under a chart whose out-of-capacity spells are clipped: `where`, the points it was at. */
function capacityNote(where: string, width: number): string {
  return fitted([`out of capacity (10x on-demand) ${where}`, 'drawn clipped at the top'], '; ', width);
}

/** Clauses on one line when they fit the terminal, else one a line, so that it never breaks one mid-word. */
function fitted(clauses: readonly string[], separator: string, width: number): string {
  const line = clauses.join(separator);
  return line.length <= width ? line : clauses.join('\n');
}
