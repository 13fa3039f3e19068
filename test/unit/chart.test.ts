import { describe, expect, it } from 'vitest';
import { backtestChart, downsample, historyChart, priceChart } from '../../src/cli/market/chart.js';
import { backtest, marketBacktest } from '../../src/client/backtest.js';
import type { PricePoint } from '../../src/api/types.js';

const plain = { bold: String, dim: String, red: String, yellow: String, green: String, cyan: String };

/** 1000 points at 0.25 with one dip and one spike, far apart. */
function history(): PricePoint[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    timestamp: 1_700_000_000 + i * 300,
    price: i === 200 ? 0.11 : i === 800 ? 0.47 : 0.25 + (i % 7) * 0.001,
  }));
}

describe('price chart', () => {
  it('keeps both the dip and the spike when it squeezes 1000 points into 50 columns', () => {
    const series = downsample(history(), 50);
    expect(series).toHaveLength(50);
    expect(Math.min(...series)).toBe(0.11);
    expect(Math.max(...series)).toBe(0.47);
  });

  it('labels the axis from the lowest to the highest price', async () => {
    const chart = await priceChart(history(), { width: 60, height: 8, style: plain });
    const labels = [...chart.matchAll(/\$(\d+\.\d+) [┤┼]/g)].map((m) => Number(m[1]));
    expect(Math.max(...labels)).toBe(0.47);
    expect(Math.min(...labels)).toBe(0.11);
  });

  it('plots every point when they fit', () => {
    expect(downsample(history().slice(0, 10), 50)).toHaveLength(10);
  });
});

describe('price chart with a flat line (a max bid)', () => {
  const rows = (chart: string) => chart.split('\n');
  const axis = (row: string) => Number(/\$(\d+\.\d+) [┤┼]/.exec(row)![1]);

  it('draws the line on the row nearest its price and labels it there, within the width', async () => {
    const chart = await priceChart(history(), { width: 80, height: 12, style: plain, line: { price: 0.3, label: 'max bid $0.3000' } });
    const labelled = rows(chart).filter((r) => r.endsWith(' max bid $0.3000'));
    expect(labelled).toHaveLength(1);
    const all = rows(chart).slice(0, -1).map(axis);
    const nearest = all.reduce((a, b) => (Math.abs(b - 0.3) < Math.abs(a - 0.3) ? b : a));
    expect(axis(labelled[0]!)).toBe(nearest);
    expect(labelled[0]).toMatch(/─{20,}/);
    for (const r of rows(chart)) expect(r.length).toBeLessThanOrEqual(80);
  });

  it('draws a line far above every price at the top, and says so, rather than squash the prices', async () => {
    const chart = await priceChart(history(), { width: 80, height: 12, style: plain, line: { price: 5, label: 'max bid $5.00' } });
    const top = rows(chart)[0]!;
    expect(top).toMatch(/ max bid \$5\.00 \(above the scale\)$/);
    expect(Math.max(...rows(chart).slice(0, -1).map(axis))).toBeLessThan(0.6);
    for (const r of rows(chart)) expect(r.length).toBeLessThanOrEqual(80);
  });
});

describe('the charts on an 80-column terminal', () => {
  /** Three days of 5-minute points in a long-named market, with out-of-capacity spells (10x the $0.50 on-demand price). */
  const spells = (): PricePoint[] =>
    Array.from({ length: 864 }, (_, i) => ({ timestamp: 1_700_000_000 + i * 300, price: i % 30 === 0 ? 5 : 0.25 + (i % 7) * 0.001 }));
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

  it('keeps every line of a backtest within the width, its out-of-capacity note too', async () => {
    const points = spells();
    const result = marketBacktest('sv', 'c3.small', backtest(points, 0.24, { onDemandPrice: 0.5 }));
    const narrow = await backtestChart(points, result, { width: 80, style: plain });
    expect(narrow).toContain('out of capacity (10x on-demand) at 29 of 864 points, where no bid runs\ndrawn clipped at the top');
    expect(widest(narrow)).toBeLessThanOrEqual(80);
    expect(await backtestChart(points, result, { width: 120, style: plain })).toContain('where no bid runs; drawn clipped at the top');
  });

  it('keeps every line of a history within the width, its title too', async () => {
    const chart = await historyChart(spells(), { metro: 'am', plan: 'm3.large.x86', onDemand: 0.5, width: 80, style: plain });
    expect(chart.split('\n')[0]).toBe('am m3.large.x86 spot price');
    expect(widest(chart)).toBeLessThanOrEqual(80);
  });
});
