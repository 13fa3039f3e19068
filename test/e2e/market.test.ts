import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, PricePoint, Spot, SpotMarketPrices } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, STACK_TRACE } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

const hold = async (metro: string, plan: string, price: number) => {
  const r = await t.fas(['sandbox', 'price', 'set', '--metro', metro, '--plan', plan, String(price)]);
  expect(r.code, r.stderr).toBe(0);
};

/** The open bid in `metro`, once a command running meanwhile has made it. */
async function openBidIn(metro: string): Promise<string> {
  for (;;) {
    const id = (await t.json<Bid[]>(['bids', 'list'])).find((b) => b.metro === metro && b.state === 'open')?.id;
    if (id) return id;
  }
}

describe('fas market', () => {
  it('prints prices as the API object with --json and as a table with on-demand and discount', async () => {
    await hold('sg', 'g3.xlarge', 50); // 10x the 5.00 on-demand price: out of capacity
    const json = await t.json<SpotMarketPrices>(['market', 'prices', '--metro', 'sg']);
    expect(Object.keys(json.spot_market_prices)).toEqual(['sg']);
    expect(json.spot_market_prices.sg!['g3.xlarge']!.price).toBe(50);
    const table = await t.fas(['market', 'prices', '--metro', 'sg']);
    expect(table.stdout).toMatch(/^METRO\s+PLAN\s+SPOT\s+ON_DEMAND\s+DISCOUNT\s+MARKET/);
    expect(table.stdout).toMatch(/sg\s+g3\.xlarge\s+\$50\.0000\s+\$5\.0000\s+-\s+OUT OF CAPACITY/);
    expect(table.stdout).toMatch(/sg\s+c3\.small\s+\$0\.\d{4}\s+\$0\.5000\s+\d+%\s+available/);
  });

  it('prints the history as points, oldest first, and validates the window', async () => {
    const points = await t.json<PricePoint[]>(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '7d']);
    expect(points.length).toBeGreaterThan(7 * 288 - 5);
    expect(points.map((p) => p.timestamp)).toEqual([...points.map((p) => p.timestamp)].sort((a, b) => a - b));
    const far = await t.fas(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '100d', '--json']);
    expect(far.code).toBe(0);
    expect(far.stderr).toMatch(/^Warning: the API keeps 90 days of history: nothing before \d{4}-\d\d-\d\dT[\d:]+Z$/m);
    expect((JSON.parse(far.stdout) as PricePoint[])[0]!.timestamp * 1000).toBeGreaterThan(Date.now() - 91 * 86_400_000);
    const near = await t.fas(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '89d', '--json']);
    expect(near.stderr).toBe('');
    const bad = await t.fas(['market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '7d', '--from', '1d']);
    expect(bad.code).toBe(2);
    const missing = await t.fas(['market', 'history', '--metro', 'sv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--plan/);
  });

  it('lists plans and metros', async () => {
    const plans = await t.json<{ slug: string; pricing: { hour: number } }[]>(['market', 'plans']);
    expect(plans.map((p) => p.slug)).toContain('c3.small');
    const metros = await t.json<{ code: string }[]>(['market', 'metros']);
    expect(metros.map((m) => m.code)).toEqual(expect.arrayContaining(['sv', 'da', 'ny', 'am', 'fr', 'sg']));
  });
});

describe('fas bids', () => {
  it('prints the request body it would send with --dry-run --json, sending nothing', async () => {
    const body = await t.json<Record<string, unknown>>([
      'bids', 'create', '--metro', 'ny', '--plan', 'm3.large', '--min', '1', '--max', '2', '--max-price', '0.9', '--hostname', 'web', '--dry-run',
    ]);
    expect(body).toEqual({ devices_min: 1, devices_max: 2, max_bid_price: 0.9, metro: 'ny', instance_parameters: { plan: 'm3.large', hostname: 'web' } });
    expect(await t.json<Bid[]>(['bids', 'list'])).toEqual([]);
  });

  it('computes each strategy from the history and says why on stderr', async () => {
    const onDemand = 2.0; // m3.large
    const history = await t.json<PricePoint[]>(['market', 'history', '--metro', 'am', '--plan', 'm3.large', '--since', '7d']);
    const min = Math.min(...history.filter((p) => p.price < onDemand * 10).map((p) => p.price));
    const expected: Record<string, number> = {
      cost: min,
      balanced: Math.round(min * 1.15 * 10_000) / 10_000,
      'on-demand': onDemand,
      continuity: onDemand * 2.5,
    };
    for (const [strategy, price] of Object.entries(expected)) {
      const r = await t.fas(['bids', 'create', '--metro', 'am', '--plan', 'm3.large', '--min', '1', '--max', '1', '--strategy', strategy, '--dry-run', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).max_bid_price, strategy).toBeCloseTo(price, 4);
      expect(r.stderr).toMatch(new RegExp(`max bid .*${strategy}`));
    }
  });

  it('fills a bid at once when the market is below it', async () => {
    await hold('sv', 'c3.small', 0.1);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '2', '--max', '3', '--max-price', '0.2', '--wait']);
    expect(bid.spots).toHaveLength(3);
    expect(bid.state).toBe('fulfilled');
    const spots = await t.json<Spot[]>(['spots', 'list', '--bid', bid.id]);
    expect(spots.every((s) => s.bid_id === bid.id && s.price === 0.1 && s.spot_price_max === 0.2)).toBe(true);
  });

  it('leaves a bid open above the market, and fills it when the price drops', async () => {
    await hold('da', 'c3.medium', 0.8);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'da', '--plan', 'c3.medium', '--min', '1', '--max', '2', '--max-price', '0.5']);
    expect(bid.state).toBe('open');
    expect(bid.spots).toEqual([]);
    await hold('da', 'c3.medium', 0.4);
    const filled = await t.json<Bid>(['bids', 'get', bid.id]);
    expect(filled.spots).toHaveLength(2);
    expect(filled.state).toBe('fulfilled');
  });

  it('gives up waiting for a bid at --timeout (exit 6), and fails (exit 5) when it is cancelled while waited for', async () => {
    await hold('fr', 'm3.large', 1.9);
    const bid = ['bids', 'create', '--metro', 'fr', '--plan', 'm3.large', '--min', '1', '--max', '1', '--max-price', '1', '--wait'];
    const late = await t.fas([...bid, '--timeout', '1s']);
    expect(late.code, late.stderr).toBe(6);
    const open = (await t.json<Bid[]>(['bids', 'list'])).filter((b) => b.metro === 'fr' && b.state === 'open');
    expect(open).toHaveLength(1);
    expect(late.stderr).toContain(`fas bids get ${open[0]!.id}`);
    await t.fas(['bids', 'delete', open[0]!.id]);

    const waiting = t.fas([...bid, '--timeout', '1m']);
    const id = await openBidIn('fr');
    await t.json(['bids', 'delete', id]);
    const cancelled = await waiting;
    expect(cancelled.code, cancelled.stderr).toBe(5);
    expect(cancelled.stderr).toMatch(new RegExp(`^Error: bid ${id} cancelled with 0 of at least 1 spots$`, 'm'));
  });

  it('expires an unfilled bid at its end_at: the wait fails (exit 5) and a later drop in price fills nothing', async () => {
    await hold('ny', 'c3.small', 0.45);
    const { now } = await t.json<{ now: string }>(['sandbox', 'clock', 'advance', '1s']);
    const endAt = new Date(Date.parse(now) + 10 * 60_000).toISOString();
    const bid = ['bids', 'create', '--metro', 'ny', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2', '--end-at', endAt];
    const waiting = t.fas([...bid, '--wait', '--timeout', '1m']);
    const id = await openBidIn('ny');
    await t.json(['sandbox', 'clock', 'advance', '11m']);
    const expired = await waiting;
    expect(expired.code, expired.stderr).toBe(5);
    expect(expired.stderr).toMatch(new RegExp(`^Error: bid ${id} expired with 0 of at least 1 spots$`, 'm'));
    await hold('ny', 'c3.small', 0.1);
    const after = await t.json<Bid>(['bids', 'get', id]);
    expect(after.state).toBe('expired');
    expect(after.spots).toEqual([]);
  });

  it('revokes spots two minutes after the price rises above their bid; conversion saves one; late conversion is 409', async () => {
    await hold('fr', 'c3.small', 0.1);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'fr', '--plan', 'c3.small', '--min', '3', '--max', '3', '--max-price', '0.2', '--wait']);
    const [saved, doomed, late] = bid.spots;
    const converted = await t.json<Spot>(['spots', 'convert', saved!]);
    expect(converted).toMatchObject({ spot_instance: false, spot_price_max: null, price: 0.5, bid_id: null });

    // The sandbox's clock, which other tests move forward.
    const { now } = await t.json<{ now: string }>(['sandbox', 'clock', 'advance', '1s']);
    await hold('fr', 'c3.small', 0.3);
    const marked = await t.json<Spot>(['spots', 'get', doomed!]);
    expect(marked.state).toBe('terminating');
    const left = Date.parse(marked.termination_time!) - Date.parse(now);
    expect(left).toBeGreaterThan(100_000);
    expect(left).toBeLessThanOrEqual(122_000); // both times are whole seconds

    const tooLate = await t.fas(['spots', 'convert', late!]);
    expect(tooLate.code).toBe(7);
    expect(tooLate.stderr).toMatch(/too late to convert/);
    expect(tooLate.stderr).not.toMatch(STACK_TRACE);

    expect((await t.fas(['sandbox', 'clock', 'advance', '3m'])).code).toBe(0);
    expect((await t.json<Spot>(['spots', 'get', doomed!])).state).toBe('removed');
    expect((await t.json<Spot>(['spots', 'get', saved!])).state).toBe('active');
    // Converted, it left the bid; the spot the bid bought for the freed slot was revoked with the others.
    const remaining = await t.json<Spot[]>(['spots', 'list', '--bid', bid.id]);
    expect(remaining).toEqual([]);
  });

  it('deletes a bid keeping its spots, or with --force-termination removing them', async () => {
    await hold('ny', 'c3.small', 0.1);
    const keep = await t.json<Bid>(['bids', 'create', '--metro', 'ny', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2']);
    const cancelled = await t.json<Bid>(['bids', 'delete', keep.id]);
    expect(cancelled.state).toBe('cancelled');
    expect((await t.json<Spot>(['spots', 'get', keep.spots[0]!])).state).toBe('active');

    const drop = await t.json<Bid>(['bids', 'create', '--metro', 'ny', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2']);
    const refused = await t.fas(['bids', 'delete', drop.id, '--force-termination']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    await t.json(['bids', 'delete', drop.id, '--force-termination', '--yes']);
    expect((await t.json<Spot>(['spots', 'get', drop.spots[0]!])).state).toBe('removed');
  });

  it('rejects bad bids before sending anything, exit 2 with one line', async () => {
    const base = ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small'];
    const cases: [string[], RegExp][] = [
      [[...base, '--min', '3', '--max', '2', '--max-price', '1'], /--min 3 is more than --max 2/],
      [[...base, '--min', '0', '--max', '2', '--max-price', '1'], /invalid --min/],
      [[...base, '--min', 'two', '--max', '2', '--max-price', '1'], /invalid --min 'two'/],
      [[...base, '--min', '1', '--max', '2', '--max-price', '-0.5'], /greater than zero/],
      [[...base, '--min', '1', '--max', '2'], /give --max-price, --strategy .* or --availability/],
      [[...base, '--min', '1', '--max', '2', '--max-price', '1', '--strategy', 'cost'], /--max-price and --strategy cannot be used together/],
      [[...base, '--min', '1', '--max', '2', '--strategy', 'yolo'], /yolo/],
      [[...base, '--min', '1', '--max', '2', '--max-price', '1', '--end-at', '2020-01-01T00:00:00Z'], /not in the future/],
      [[...base, '--min', '1', '--max', '2', '--max-price', '1', '--end-at', 'tomorrow'], /invalid --end-at/],
      [['bids', 'create', '--metro', 'zz', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '1'], /unknown metro 'zz'/],
      [['bids', 'create', '--metro', 'sv', '--plan', 'huge', '--min', '1', '--max', '1', '--max-price', '1'], /unknown plan 'huge'/],
    ];
    for (const [args, message] of cases) {
      const r = await t.fas(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
    }
    expect((await t.json<Bid[]>(['bids', 'list'])).every((b) => b.metro !== 'zz')).toBe(true);
  });

  it('needs --admin for the control routes', async () => {
    const plain = await withSandbox();
    try {
      const r = await plain.fas(['sandbox', 'clock', 'advance', '1m']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/--admin/);
    } finally {
      await plain.close();
    }
  });
});

describe('on a terminal', () => {
  /** `fas ARGS` on a pseudo-terminal (from `script`), as a person's shell would run it. */
  const onTerminal = (args: string, { ci = false, cols = 100, input = '', env: extra = '' } = {}) => {
    const env = Object.entries(t.env).map(([k, v]) => `${k}=${v}`).join(' ');
    // TERM as a desktop terminal sets it (on the Linux console, TERM=linux, ora draws
    // an ASCII spinner); CI only when asked, since CI runs this suite with CI=true.
    const command = `stty cols ${cols}; env -u CI ${ci ? 'CI=true ' : ''}${env} ${extra} TERM=xterm-256color ${process.execPath} ${FAS_BIN} ${args}`;
    return new Promise<string>((resolve, reject) => {
      const child = execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) => (err ? reject(Object.assign(err, { stdout })) : resolve(stdout)));
      child.stdin!.end(input); // what the person types, read once fas asks
    });
  };
  const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏](\u001b\[\d+m)? Waiting for spot\.add .*\(\d+s\)/;
  const hasScript = existsSync('/usr/bin/script');

  it.skipIf(!hasScript)('shows a spinner while spots add --wait runs, then prints the spot', async () => {
    const out = await onTerminal('spots add --wait');
    expect(out).toMatch(/State[^\n]{0,40}active/);
    expect(out).toMatch(SPINNER); // the spinner, with elapsed time
  });

  it.skipIf(!hasScript)('draws no spinner on a terminal in CI, one line instead', async () => {
    const out = await onTerminal('spots add --wait', { ci: true });
    expect(out).toMatch(/State[^\n]{0,40}active/);
    expect(out).not.toMatch(SPINNER);
    expect(out).toMatch(/Waiting for spot\.add /);
  });

  it.skipIf(!hasScript)('draws no colour and no spinner with NO_COLOR or --no-color', async () => {
    for (const [how, args] of [['NO_COLOR=1', ''], ['', ' --no-color']] as const) {
      const out = await onTerminal(`spots add --wait${args}`, { env: how });
      expect(out).toMatch(/State +active/);
      expect(out).toMatch(/Waiting for spot\.add /);
      expect(out, how || args).not.toMatch(/\u001b\[/);
      expect(await onTerminal(`spots list${args}`, { env: how })).not.toMatch(/\u001b\[/);
    }
  });

  it.skipIf(!hasScript)('prints tables with bold headers that read as the column names', async () => {
    const out = await onTerminal('market prices --metro sv');
    const lines = out.split(/\r?\n/);
    expect(lines[0]).toMatch(/^\u001b\[1m/);
    expect(stripVTControlCharacters(lines[0]!)).toMatch(/^METRO {2}PLAN +SPOT +ON_DEMAND +DISCOUNT +MARKET$/);
    expect(stripVTControlCharacters(lines[1]!)).toMatch(/^sv +c3\.small +\$\d/);
  });

  it.skipIf(!hasScript)('shows a spot\'s bid by its first 8 characters on a terminal, and whole when piped', async () => {
    await hold('sv', 'c3.small', 0.1);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2', '--wait']);
    const lines = stripVTControlCharacters(await onTerminal(`spots list --bid ${bid.id} --columns id,bid,hostname`, { cols: 80 })).trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(new RegExp(`^${bid.spots[0]!.slice(0, 8)}  ${bid.id.slice(0, 8)}  spot-sv-`));
    expect(lines[1]).not.toContain(bid.id);
    const piped = await t.fas(['spots', 'list', '--bid', bid.id, '--columns', 'id,bid']);
    expect(piped.stdout.trimEnd().split('\n')[1]).toBe(`${bid.spots[0]}  ${bid.id}`);
  });

  it.skipIf(!hasScript)('asks before a delete terminates spots, and does nothing unless told yes', async () => {
    await hold('am', 'c3.small', 0.1);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'am', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2', '--wait']);
    // A no exits 130, as a Ctrl-C at the question does.
    const no = await onTerminal(`bids delete ${bid.id} --force-termination`, { input: 'n\n' }).then(
      () => expect.fail('a no must exit non-zero'),
      (err: { code: number; stdout: string }) => (expect(err.code).toBe(130), err.stdout),
    );
    expect(no).toMatch(/remove its 1 spot\(s\)\? \[y\/N\]/);
    expect(stripVTControlCharacters(no)).toMatch(/Error: not confirmed; nothing done/);
    expect((await t.json<Bid>(['bids', 'get', bid.id])).state).toBe('fulfilled');
    const yes = await onTerminal(`bids delete ${bid.id} --force-termination`, { input: 'y\n' });
    expect(stripVTControlCharacters(yes)).toMatch(/State +cancelled/);
    expect((await t.json<Spot[]>(['spots', 'list', '--bid', bid.id])).every((s) => s.state !== 'active')).toBe(true);
  });

  it.skipIf(!hasScript)('draws the history as a chart with min, avg and max', async () => {
    const r = await onTerminal('market history --metro sv --plan c3.small --since 2d');
    expect(r).toMatch(/sv c3\.small spot price/);
    expect(r).toMatch(/\$0\.\d{4} [┤┼]/);
    expect(r).toMatch(/min .*\$0\.\d{4}.*avg .*max/);
    expect(r).not.toMatch(/Error/);
  });
});
