// How prices and times read in a table: one precision for a column of
// prices, so that they line up and compare digit by digit; and times the API
// set, relative to now on the API's clock (Output's `now`), not this machine's.
import { describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { testIO } from '../../src/cli/shared/io.js';
import { money } from '../../src/cli/output/format.js';
import { Output } from '../../src/cli/output/output.js';
import { marketPriceView } from '../../src/cli/market/views.js';
import { spotView } from '../../src/cli/spots/views.js';

describe('a column of prices', () => {
  it('has four decimals in every row, below a dollar and above', async () => {
    const t = testIO();
    const out = await Output.create(t.io, { format: 'table', quiet: false, color: false });
    const rows = [0.1117, 1.25, 12.5].map((price) => ({ metro: 'sv', plan: 'c3.small', price, onDemand: 0.5 }));
    await out.list(marketPriceView, rows);
    const column = t.stdout().trimEnd().split('\n').map((line) => line.split(/\s{2,}/)[2]);
    expect(column).toEqual(['SPOT', '$0.1117', '$1.2500', '$12.5000']);
    expect([money(0.5), money(2), money(null)]).toEqual(['$0.5000', '$2.0000', '-']);
  });
});

describe('a time the API set, on a terminal', () => {
  it('is measured from now on the API clock', async () => {
    const apiNow = Date.parse('2031-05-01T12:00:00Z');
    const t = testIO({ tty: true, columns: 200 });
    const out = await Output.create(t.io, { format: 'table', quiet: false, color: false, now: () => apiNow });
    const spot = {
      id: '5f0e7c1a-0000-4000-8000-000000000001', hostname: 'h', ip: '10.0.0.2', state: 'terminating', metro: 'sv', plan: 'c3.small',
      price: 0.3, spot_instance: true, spot_price_max: 0.25, bid_id: null, termination_time: '2031-05-01T12:01:58Z', locked: false,
      tags: [], description: null, created_at: '2031-05-01T11:00:00Z', updated_at: '2031-05-01T12:00:00Z',
    } as Spot;
    await out.list(spotView, [spot]);
    expect(t.stdout().trimEnd().split('\n')[1]).toMatch(/ in 1m 58s$/);
  });
});
