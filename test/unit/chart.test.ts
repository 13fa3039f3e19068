import { describe, expect, it } from 'vitest';
import { downsample, priceChart } from '../../src/cli/output/chart.js';
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
