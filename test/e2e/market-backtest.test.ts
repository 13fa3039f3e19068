// Choosing a price: fas market backtest and advise, --availability on bids
// create and spots add, and the look-back's figures beside every price a
// strategy chooses; market prices sorted and side by side. The sandbox's
// market is deterministic for its seed, so a window given as fixed times
// reads the same points every time; "the last 7d" moves with the clock,
// and is compared only within one 5-minute step of the market.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUT_OF_CAPACITY_FACTOR, type BidCreateRequest, type PricePoint, type Spot, type SpotMarketPrices } from '../../src/api/types.js';
import { backtest, priceForAvailability, type MarketBacktest } from '../../src/client/backtest.js';
import { BID_STRATEGIES } from '../../src/client/bid-strategy.js';
import { FasClient } from '../../src/client/client.js';
import { baseEnv, FAS_BIN, STACK_TRACE } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const STEP = 300;
const DAY = 86_400;
const ON_DEMAND = 0.5; // c3.small
const FIELDS = [
  'availability', 'revocations', 'revocations_per_day', 'mean_run_seconds', 'longest_run_seconds', 'avg_price',
  'on_demand_price', 'savings', 'max_bid_price', 'metro', 'plan', 'from', 'until', 'points',
];
const ADVICE_FIELDS = ['metro', 'plan', 'strategy', 'max_bid_price', ...FIELDS.filter((f) => !['metro', 'plan', 'max_bid_price'].includes(f))];

type Advice = Omit<MarketBacktest, 'metro' | 'plan'> & { metro: string; plan: string; strategy: string };

let t: TestSandbox;
let client: FasClient;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
  client = new FasClient({ apiUrl: t.sandbox.url, token: t.sandbox.token });
});
afterAll(async () => {
  await client.close();
  await t.close();
});

/** The market's current 5-minute step, in Unix seconds. */
const stepNow = () => Math.floor(Date.now() / 1000 / STEP) * STEP;

/** Runs `work` again until it starts and ends in one step of the market: "the last 7d" is then one window throughout. */
async function inOneStep<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    const before = stepNow();
    const result = await work();
    if (stepNow() === before) return result;
  }
}

const history = (metro: string, plan: string, from: number, until: number) =>
  t.json<PricePoint[]>(['market', 'history', '--metro', metro, '--plan', plan, '--from', String(from), '--until', String(until)]);

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;
const isSpell = (p: PricePoint, onDemand: number) => p.price >= onDemand * OUT_OF_CAPACITY_FACTOR - 0.00005;

/** The share of the points outside spells (they are evenly spaced), to four decimals rounded down: what a bid can reach at most. */
function reachable(points: readonly PricePoint[], onDemand: number): number {
  const outside = points.filter((p) => !isSpell(p, onDemand)).length;
  // outside * 10000 is exact, and a quotient of numbers this small is never a rounding away from a whole number.
  return Math.floor((outside * 10_000) / points.length) / 10_000;
}

/** A market with an out-of-capacity spell between 85 and 3 days ago, and the time of its first spell point. */
async function marketWithSpell(): Promise<{ metro: string; plan: string; onDemand: number; at: number }> {
  const now = stepNow();
  const [metros, plans] = await Promise.all([client.market.metros(), client.market.plans()]);
  for (const plan of plans) {
    for (const { code } of metros) {
      const points = await client.market.history({ metro: code, plan: plan.slug, from: now - 85 * DAY, until: now - 3 * DAY });
      const spell = points.find((p) => isSpell(p, plan.pricing.hour));
      if (spell) return { metro: code, plan: plan.slug, onDemand: plan.pricing.hour, at: spell.timestamp };
    }
  }
  throw new Error('no market of this seed has an out-of-capacity spell in the last 85 days');
}

describe('fas market backtest', () => {
  const until = stepNow() - 2 * DAY;
  const from = until - 3 * DAY;
  const window = ['--metro', 'sv', '--plan', 'c3.small', '--from', String(from), '--until', String(until)];

  it('prints exactly the documented fields with --json: the window replayed at the price', async () => {
    const r = await t.fas(['market', 'backtest', ...window, '--max-price', '0.25', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as MarketBacktest;
    expect(Object.keys(result)).toEqual(FIELDS);
    const points = await history('sv', 'c3.small', from, until);
    expect(result).toEqual({ ...backtest(points, 0.25, { onDemandPrice: ON_DEMAND }), metro: 'sv', plan: 'c3.small' });
    expect(result.points).toBe(3 * 288 + 1);
    expect(result.from).toBe(new Date(from * 1000).toISOString().replace('.000', ''));
  });

  it('prints the fields as key value lines when piped', async () => {
    const json = await t.json<MarketBacktest>(['market', 'backtest', ...window, '--max-price', '0.25']);
    const r = await t.fas(['market', 'backtest', ...window, '--max-price', '0.25']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.split(/ +/));
    expect(lines.map(([key]) => key)).toEqual(FIELDS);
    for (const [key, value] of lines) expect(value, key).toBe(String(json[key as keyof MarketBacktest] ?? '-'));
  });

  it('chooses a strategy\'s price from the look-back before the window, and says so on stderr', async () => {
    const r = await t.fas(['market', 'backtest', ...window, '--strategy', 'balanced', '--lookback', '2d', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const before = await history('sv', 'c3.small', from - 2 * DAY, from - 1);
    const min = Math.min(...before.filter((p) => !isSpell(p, ON_DEMAND)).map((p) => p.price));
    const price = round4(min * 1.15);
    const result = JSON.parse(r.stdout) as MarketBacktest;
    expect(result.max_bid_price).toBe(price);
    expect(result).toEqual({ ...backtest(await history('sv', 'c3.small', from, until), price, { onDemandPrice: ON_DEMAND }), metro: 'sv', plan: 'c3.small' });
    const lookback = backtest(before, price, { onDemandPrice: ON_DEMAND });
    expect(r.stderr).toMatch(
      new RegExp(
        `^max bid \\$${price.toFixed(4)}/h: balanced: 15% above the 2d minimum ${min.toFixed(4)} \\(${price.toFixed(4)}\\); ` +
          `over the 2d before the window it ran ${share(lookback.availability)} of the time, ${revoked(lookback)} ` +
          `\\(look-back ${iso(before[0]!.timestamp)} to ${iso(before.at(-1)!.timestamp)}\\)\n$`,
      ),
    );
  });

  it('with --availability, chooses the lowest price whose own backtest over the look-back reaches it: a price just below does not', async () => {
    const r = await t.fas(['market', 'backtest', ...window, '--availability', '95%', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const price = (JSON.parse(r.stdout) as MarketBacktest).max_bid_price;
    expect(r.stderr).toMatch(new RegExp(`^max bid \\$${price.toFixed(4)}/h: the lowest price to run at least 95% of the 7d before the window; it ran`));
    // The look-back is the 7 days before the window's first second.
    const lookback = ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--from', String(from - 7 * DAY), '--until', String(from - 1)];
    const at = async (p: number) => (await t.json<MarketBacktest>([...lookback, '--max-price', String(p)])).availability;
    expect(await at(price)).toBeGreaterThanOrEqual(0.95);
    expect(await at(round4(price - 0.0001))).toBeLessThan(0.95);
    const cent = round4(price - 0.01);
    const prices = (await history('sv', 'c3.small', from - 7 * DAY, from - 1)).map((p) => p.price);
    if (prices.some((p) => p <= cent)) expect(await at(cent)).toBeLessThan(0.95);
  });

  it('refuses an availability the look-back cannot reach, naming the highest it can (exit 2), and takes that one', async () => {
    const { metro, plan, onDemand, at } = await marketWithSpell();
    const start = at - (at % STEP) + DAY;
    const args = ['market', 'backtest', '--metro', metro, '--plan', plan, '--from', String(start), '--until', String(start + DAY), '--lookback', '2d'];
    const most = reachable(await history(metro, plan, start - 2 * DAY, start - 1), onDemand);
    expect(most).toBeLessThan(1);
    const r = await t.fas([...args, '--availability', '1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error: --availability 1: at most ${most} is reachable over the 2d before the window of ${metro} ${plan}\n` +
        `Hint: ask for ${most} or less, or judge by another stretch of history with --lookback\n`,
    );
    const pct = await t.fas([...args, '--availability', '100%']);
    expect(pct.stderr).toMatch(new RegExp(`^Error: --availability 100%: at most ${Number((most * 100).toFixed(2))}% is reachable`));
    expect((await t.fas([...args, '--availability', String(most), '--json'])).code).toBe(0);
    expect((await t.fas([...args, '--availability', String(round4(most + 0.0001))])).code).toBe(2);
  });

  it('refuses bad prices, shares and windows before replaying anything (exit 2, one line)', async () => {
    const base = ['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small'];
    const cases: [string[], RegExp][] = [
      [base, /^Error: give --max-price, --strategy \(cost, balanced, on-demand, continuity\) or --availability$/],
      [[...base, '--max-price', '0.2', '--strategy', 'cost'], /^Error: --max-price and --strategy cannot be used together: each sets the max bid price$/],
      [[...base, '--strategy', 'cost', '--availability', '0.9'], /^Error: --strategy and --availability cannot be used together: each sets the max bid price$/],
      [[...base, '--availability', '0'], /^Error: invalid --availability '0': expected a share of the time above 0 and at most 1, such as 0\.95 or 95%$/],
      [[...base, '--availability', '95'], /^Error: invalid --availability '95': expected a share/],
      [[...base, '--availability', '101%'], /^Error: invalid --availability '101%': expected a share/],
      [[...base, '--availability', 'high'], /^Error: invalid --availability 'high': expected a share/],
      [[...base, '--max-price', '0.2', '--since', '7d', '--from', '3d'], /^Error: use either --since or --from\/--until, not both$/],
      [[...base, '--max-price', '0.2', '--from', '2000000000', '--until', '2000086400'], /^Error: no price points for sv c3\.small between 2033-05-18T03:33:20Z and 2033-05-19T03:33:20Z$/],
      [[...base, '--strategy', 'cost', '--lookback', '91d'], /^Error: invalid --lookback '91d': at most 90d$/],
      [[...base, '--availability', '0.9', '--since', '90d'], /^Error: no price history over the 7d before the window of sv c3\.small to find the price for --availability 0\.9 in$/],
      [['market', 'backtest', '--metro', 'zz', '--plan', 'c3.small', '--max-price', '0.2'], /^Error: unknown metro 'zz' \(known: sv, /],
      [['market', 'backtest', '--metro', 'sv', '--plan', 'c9.huge', '--max-price', '0.2'], /^Error: unknown plan 'c9\.huge' \(known: c3\.small, /],
    ];
    const runs = await Promise.all(cases.map(([args]) => t.fas(args)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('Error:')), args.join(' ')).toHaveLength(1);
      expect(r.stderr.split('\n').find((l) => l.startsWith('Error:')), args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
    });
  });
});

describe('fas market advise', () => {
  it('prices each strategy in each metro and replays it over the look-back: 24 rows, the documented fields', async () => {
    const [rows, points] = await inOneStep(async () => {
      const advice = await t.json<Advice[]>(['market', 'advise', '--plan', 'c3.small']);
      return [advice, await t.json<PricePoint[]>(['market', 'history', '--metro', 'ny', '--plan', 'c3.small', '--since', '7d'])] as const;
    });
    expect(rows).toHaveLength(24);
    for (const row of rows) expect(Object.keys(row)).toEqual(ADVICE_FIELDS);
    const metros = (await t.json<{ code: string }[]>(['market', 'metros'])).map((m) => m.code);
    for (const metro of metros) {
      expect(rows.filter((r) => r.metro === metro).map((r) => r.strategy).sort()).toEqual([...BID_STRATEGIES].sort());
    }
    const min = Math.min(...points.filter((p) => !isSpell(p, ON_DEMAND)).map((p) => p.price));
    const expected = { cost: min, balanced: round4(min * 1.15), 'on-demand': ON_DEMAND, continuity: ON_DEMAND * 2.5 };
    for (const row of rows.filter((r) => r.metro === 'ny')) {
      const price = expected[row.strategy as keyof typeof expected];
      const { metro: _m, plan: _p, ...fared } = backtest(points, price, { onDemandPrice: ON_DEMAND }) as MarketBacktest;
      expect(row, row.strategy).toEqual({ metro: 'ny', plan: 'c3.small', strategy: row.strategy, ...fared });
    }
  });

  it('sorts by savings, rows above 90% availability first; --sort changes it', async () => {
    const advise = (...args: string[]) => t.json<Advice[]>(['market', 'advise', '--plan', 'c3.small', ...args]);
    const pairs = (rows: Advice[]) => rows.slice(1).map((b, i) => [rows[i]!, b] as const);
    const savings = (r: Advice) => r.savings ?? -Infinity;

    const bySavings = await advise();
    expect(bySavings.some((r) => r.availability <= 0.9)).toBe(true);
    expect(bySavings.some((r) => r.availability > 0.9)).toBe(true);
    for (const [a, b] of pairs(bySavings)) {
      const [ha, hb] = [a.availability > 0.9, b.availability > 0.9];
      expect(ha || !hb, `${a.metro} ${a.strategy} before ${b.metro} ${b.strategy}`).toBe(true);
      if (ha === hb) expect(savings(a)).toBeGreaterThanOrEqual(savings(b));
    }
    expect(await advise('--sort', 'savings')).toEqual(bySavings);
    for (const [a, b] of pairs(await advise('--sort', 'availability'))) expect(a.availability).toBeGreaterThanOrEqual(b.availability);
    for (const [a, b] of pairs(await advise('--sort', 'revocations'))) expect(a.revocations_per_day).toBeLessThanOrEqual(b.revocations_per_day);
    for (const [a, b] of pairs(await advise('--sort', 'price'))) expect(a.max_bid_price).toBeLessThanOrEqual(b.max_bid_price);
    const byMetro = await advise('--sort', 'metro');
    expect(byMetro.map((r) => `${r.metro} ${BID_STRATEGIES.indexOf(r.strategy as never)}`)).toEqual(
      byMetro.map((r) => `${r.metro} ${BID_STRATEGIES.indexOf(r.strategy as never)}`).sort(),
    );
  });

  it('takes one metro, and prints a table that fits 80 columns', async () => {
    const one = await t.json<Advice[]>(['market', 'advise', '--plan', 'c3.small', '--metro', 'sv', '--lookback', '90d']);
    expect(one.map((r) => r.metro)).toEqual(['sv', 'sv', 'sv', 'sv']);
    expect(Date.parse(one[0]!.until) - Date.parse(one[0]!.from)).toBeGreaterThan(89 * DAY * 1000);
    const table = await t.fas(['market', 'advise', '--plan', 'c3.small']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^METRO +PLAN +STRATEGY +MAX_BID +AVAILABILITY +REVOCATIONS +SAVINGS$/);
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^\w\w +c3\.small +(cost|balanced|on-demand|continuity) +\$\d+\.\d+ +\d+(\.\d)?% +\d+(\.\d+)? +\d+%$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('as csv, gives the exact numbers a spreadsheet computes with', async () => {
    const [json, csv] = await inOneStep(async () => [
      await t.json<Advice[]>(['market', 'advise', '--plan', 'c3.small', '--metro', 'sv']),
      await t.fas(['market', 'advise', '--plan', 'c3.small', '--metro', 'sv', '-o', 'csv']),
    ] as const);
    const [header, ...records] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe('metro,plan,strategy,max_bid,availability,revocations,savings');
    expect(records.map((r) => r.split(','))).toEqual(
      json.map((a) => [a.metro, a.plan, a.strategy, String(a.max_bid_price), String(a.availability), String(a.revocations_per_day), a.savings === null ? '' : String(a.savings)]),
    );
  });

  it('refuses an unknown plan or metro (exit 2)', async () => {
    const plan = await t.fas(['market', 'advise', '--plan', 'c9.huge']);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/^Error: unknown plan 'c9\.huge' \(known: c3\.small, /);
    const metro = await t.fas(['market', 'advise', '--plan', 'c3.small', '--metro', 'zz']);
    expect(metro.code).toBe(2);
    expect(metro.stderr).toMatch(/^Error: unknown metro 'zz' \(known: sv, /);
    const sort = await t.fas(['market', 'advise', '--plan', 'c3.small', '--sort', 'cheapest']);
    expect(sort.code).toBe(2);
    expect(sort.stderr).toMatch(/^Error: option '--sort <key>' argument 'cheapest' is invalid\. Allowed choices are savings, availability, revocations, price, metro\.$/m);
  });
});

describe('choosing a price for a bid or a spot', () => {
  it('bids create --availability sends the lowest price that ran that share of the last 7d, and says how it fared', async () => {
    const [r, points] = await inOneStep(async () => {
      const run = await t.fas(['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--availability', '0.95', '--dry-run', '--json']);
      return [run, await t.json<PricePoint[]>(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '7d'])] as const;
    });
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as BidCreateRequest;
    const expected = priceForAvailability(points, 0.95, { onDemandPrice: ON_DEMAND }).price!;
    expect(body).toEqual({ devices_min: 1, devices_max: 1, max_bid_price: expected, metro: 'sv', instance_parameters: { plan: 'c3.small' } });
    const fared = backtest(points, expected, { onDemandPrice: ON_DEMAND });
    expect(fared.availability).toBeGreaterThanOrEqual(0.95);
    expect(r.stderr).toBe(
      `max bid $${expected.toFixed(4)}/h: the lowest price to run at least 95% of the last 7d; it ran ${share(fared.availability)} of the time, ${revoked(fared)}\n` +
        'dry run: nothing was sent\n',
    );
  });

  it('bids create --strategy tells, dry run or not, how the price fared over the look-back', async () => {
    const bid = ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--strategy', 'balanced'];
    const [dry, points] = await inOneStep(async () => {
      const run = await t.fas([...bid, '--dry-run']);
      return [run, await t.json<PricePoint[]>(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '7d'])] as const;
    });
    expect(dry.code, dry.stderr).toBe(0);
    const min = Math.min(...points.filter((p) => !isSpell(p, ON_DEMAND)).map((p) => p.price));
    const price = round4(min * 1.15);
    const fared = backtest(points, price, { onDemandPrice: ON_DEMAND });
    expect(dry.stderr.split('\n')[0]).toBe(
      `max bid $${price.toFixed(4)}/h: balanced: 15% above the 7d minimum ${min.toFixed(4)} (${price.toFixed(4)}); ` +
        `over the last 7d it ran ${share(fared.availability)} of the time, ${revoked(fared)}`,
    );
    const real = await t.fas([...bid, '--json']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toMatch(/^max bid \$\d\.\d{4}\/h: balanced: .*; over the last 7d it ran \d+(\.\d)?% of the time, (revoked \d+\.\d+ times a day|never revoked)$/m);
    await t.fas(['bids', 'delete', (JSON.parse(real.stdout) as { id: string }).id]);
  });

  it('bids create --availability refuses a share the last --lookback cannot reach, naming the highest it can (exit 2)', async () => {
    const { metro, plan, onDemand } = await marketWithSpell();
    const [r, points] = await inOneStep(async () => {
      const run = await t.fas(['bids', 'create', '--metro', metro, '--plan', plan, '--min', '1', '--max', '1', '--availability', '0.9999', '--lookback', '90d', '--dry-run']);
      return [run, await t.json<PricePoint[]>(['market', 'history', '--metro', metro, '--plan', plan, '--since', '90d'])] as const;
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const most = reachable(points, onDemand);
    expect(r.stderr).toBe(
      `Error: --availability 0.9999: at most ${most} is reachable over the last 90d of ${metro} ${plan}\n` +
        `Hint: ask for ${most} or less, or judge by another stretch of history with --lookback\n`,
    );
  });

  it('spots add --availability bids the chosen price; it needs --metro and --plan, and excludes --max-price', async () => {
    await t.fas(['sandbox', 'price', 'set', '--metro', 'da', '--plan', 'c3.small', '0.01']); // the spot is bought now, whatever the market did
    try {
      const r = await t.fas(['spots', 'add', '--metro', 'da', '--plan', 'c3.small', '--availability', '90%', '--wait', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const line = /^max bid \$(\d\.\d{4})\/h: the lowest price to run at least 90% of the last 7d; it ran \d+(\.\d)?% of the time, (revoked \S+ times a day|never revoked)$/m.exec(r.stderr);
      expect(line, r.stderr).not.toBeNull();
      const spot = JSON.parse(r.stdout) as Spot;
      expect(spot.spot_price_max).toBe(Number(line![1]));
      expect(spot.state).toBe('active');
    } finally {
      await t.fas(['sandbox', 'price', 'reset', '--metro', 'da', '--plan', 'c3.small']);
    }
    const bare = await t.fas(['spots', 'add', '--availability', '0.9']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe('Error: --availability needs --metro and --plan: the price is chosen from their history\nHint: see fas spots add --help\n');
    const both = await t.fas(['spots', 'add', '--metro', 'da', '--plan', 'c3.small', '--availability', '0.9', '--max-price', '0.3']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('Error: --max-price and --availability cannot be used together: each sets the max bid price\nHint: see fas spots add --help\n');
  });
});

describe('fas market prices', () => {
  const dollars = (line: string) => Number(/\$(\d+\.\d+)/.exec(line)![1]);

  it('with --plan, puts the metros side by side, cheapest first, those out of capacity last', async () => {
    await t.fas(['sandbox', 'price', 'set', '--metro', 'sg', '--plan', 'c3.small', '5']);
    try {
      const r = await t.fas(['market', 'prices', '--plan', 'c3.small']);
      expect(r.code, r.stderr).toBe(0);
      const [head, ...rows] = r.stdout.trimEnd().split('\n');
      expect(head).toMatch(/^METRO +SPOT +ON_DEMAND +DISCOUNT +MARKET$/);
      expect(rows).toHaveLength(6);
      const prices = rows.map(dollars);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(rows.at(-1)).toMatch(/^sg +\$5\.0000 +\$0\.5000 +- +OUT OF CAPACITY$/);
      expect(rows[0]).toMatch(/^\w\w +\$0\.\d{4} +\$0\.5000 +\d+% +available$/);

      const discount = (await t.fas(['market', 'prices', '--plan', 'c3.small', '--sort', 'discount'])).stdout.trimEnd().split('\n').slice(1);
      const shares = discount.slice(0, -1).map((l) => Number(/(\d+)%/.exec(l)![1]));
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      expect(discount.at(-1)).toMatch(/^sg .*OUT OF CAPACITY$/);
      const metro = (await t.fas(['market', 'prices', '--plan', 'c3.small', '--sort', 'metro'])).stdout.trimEnd().split('\n').slice(1);
      expect(metro.map((l) => l.slice(0, 2))).toEqual(['am', 'da', 'fr', 'ny', 'sg', 'sv']);
      // JSON is the API's answer, whatever the order of the table.
      const json = await t.json<SpotMarketPrices>(['market', 'prices', '--plan', 'c3.small', '--sort', 'price']);
      expect(Object.keys(json.spot_market_prices)).toEqual(['sv', 'da', 'ny', 'am', 'fr', 'sg']);
    } finally {
      await t.fas(['sandbox', 'price', 'reset', '--metro', 'sg', '--plan', 'c3.small']);
    }
  });

  it('--sort orders every market without --plan; with neither, the API order stays', async () => {
    const rows = (await t.fas(['market', 'prices', '--sort', 'price'])).stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(30);
    const prices = rows.map(dollars);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const plain = (await t.fas(['market', 'prices'])).stdout.trimEnd().split('\n').slice(1);
    expect(plain[0]).toMatch(/^sv +c3\.small /);
    const bad = await t.fas(['market', 'prices', '--sort', 'plan']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: option '--sort <key>' argument 'plan' is invalid\. Allowed choices are price, discount, metro\.$/m);
  });
});

describe('on a terminal', () => {
  const hasScript = existsSync('/usr/bin/script');
  const onTerminal = (args: string, cols = 100) => {
    const env = Object.entries(t.env).map(([k, v]) => `${k}=${v}`).join(' ');
    const command = `stty cols ${cols}; env -u CI ${env} NO_COLOR=1 TERM=xterm-256color ${process.execPath} ${FAS_BIN} ${args}`;
    return new Promise<string>((resolve, reject) =>
      execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) => (err ? reject(err) : resolve(stdout.replace(/\r\n/g, '\n')))),
    );
  };

  it.skipIf(!hasScript)('market backtest prints a summary and the chart with the price as a labelled line', async () => {
    const until = stepNow() - DAY;
    const args = `--metro sv --plan c3.small --from ${until - 3 * DAY} --until ${until}`;
    const result = await t.json<MarketBacktest>(['market', 'backtest', ...args.split(' '), '--max-price', '0.24']);
    const out = stripVTControlCharacters(await onTerminal(`market backtest ${args} --max-price 0.24`, 80));
    expect(out).toMatch(/^sv c3\.small held at a max bid of \$0\.2400\/h\n\d{4}-.*Z to \d{4}-.*Z \(865 points\)$/m);
    // The line is the row of the axis label nearest the price, and says what it is.
    expect(out).toMatch(/^ +\$0\.\d{4} [┤┼].*─{5,}.* max bid \$0\.2400$/m);
    expect(out).toContain(`available ${share(result.availability)} of the time`);
    expect(out).toMatch(/^runs: mean (\d+[dhms] ?)+, longest (\d+[dhms] ?)+$/m);
    expect(out).toMatch(/^average price \$0\.\d{4}\/h, against \$0\.5000\/h on demand: \d+% saved$/m);
    for (const line of out.trimEnd().split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});

function share(fraction: number): string {
  const tenths = Math.floor(fraction * 1000 + 1e-9) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}%`;
}

function revoked(r: { revocations: number; revocations_per_day: number }): string {
  if (r.revocations === 0) return 'never revoked';
  return `revoked ${r.revocations_per_day >= 0.1 ? r.revocations_per_day.toFixed(1) : r.revocations_per_day.toFixed(2)} times a day`;
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000', '');
}
