// `fas mcp --allow-writes`: prepare quotes, apply buys only once the person
// types the amount, and every refusal buys nothing (checked against the
// sandbox's own spots and bids).
import type { ElicitResult } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FasClient } from '../../../src/client/client.js';
import { PLAN_TTL_MS } from '../../../src/cli/mcp/plans.js';
import { call, mcpSession, type McpSession, type SessionOptions } from '../../helpers/mcp.js';
import { withSandbox, type TestSandbox } from '../../helpers/sandbox.js';

const MARKET = { metro: 'sv', plan: 'c3.small' };
const PRICE = 0.2;
const ADD = { action: 'add_spots', ...MARKET, count: 2, max_bid_price: 0.3 };

let sb: TestSandbox;
let s: McpSession;
let clock = 0;

beforeAll(async () => {
  sb = await withSandbox({ admin: true });
});
afterAll(() => sb?.close());
beforeEach(() => {
  clock = Date.now();
});
afterEach(async () => {
  await s?.close();
});

async function session(options: SessionOptions = {}): Promise<McpSession> {
  s = await mcpSession(sb.sandbox, { allowWrites: true, now: () => clock, ...options });
  await s.api.sandbox.setPrice({ ...MARKET, price: PRICE });
  return s;
}

const typing = (text: string) => (): ElicitResult => ({ action: 'accept', content: { confirm: text } });

/** Spots that are not removed, and bids still open, in the sandbox. */
async function holdings(api: FasClient): Promise<{ spots: number; executions: number; bids: number }> {
  const [spots, executions, bids] = await Promise.all([api.spots.listAll(), api.executions.listAll(), api.bids.listAll()]);
  return { spots: spots.filter((x) => x.state !== 'removed').length, executions: executions.length, bids: bids.filter((b) => b.state !== 'cancelled').length };
}

async function prepare(args: Record<string, unknown> = ADD): Promise<Record<string, unknown>> {
  const r = await call(s.client, 'prepare', args);
  expect(r.error).toBeUndefined();
  return r.data;
}

describe('listing', () => {
  it('lists prepare (read-only) and apply (not read-only) only with --allow-writes', async () => {
    await session();
    const { tools } = await s.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('prepare')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('apply')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('apply')?.inputSchema).toMatchObject({ required: ['plan_id'], additionalProperties: false });
  });
});

describe('prepare', () => {
  it('quotes without buying: the price now, the worst hourly cost, what to type', async () => {
    await session();
    const before = await holdings(s.api);
    const plan = await prepare();
    expect(plan).toMatchObject({ action: 'add_spots', price_now: PRICE, worst_hourly_cost: 0.6, confirm_by_typing: '0.6' });
    expect(plan.summary).toMatch(/Add 2 spots of c3.small in sv at a max bid of \$0.3\/h each/);
    expect(await holdings(s.api)).toEqual(before);
  });

  it('refuses a max bid under the market, a missing field, and a cost over --max-spend', async () => {
    await session({ maxSpend: 0.5 });
    expect((await call(s.client, 'prepare', { ...ADD, max_bid_price: 0.1 })).error).toMatch(/above the max bid/);
    expect((await call(s.client, 'prepare', { action: 'add_spots', ...MARKET })).error).toMatch(/needs max_bid_price/);
    expect((await call(s.client, 'prepare', ADD)).error).toMatch(/over --max-spend \$0.5\/h/);
  });
});

describe('apply', () => {
  it('buys once the person types the hourly amount, and a retry buys nothing more', async () => {
    await session({ answer: typing('$0.60') });
    const before = await holdings(s.api);
    const plan = await prepare();
    const first = await call(s.client, 'apply', { plan_id: plan.plan_id });
    expect(first.error).toBeUndefined();
    expect(first.data).toMatchObject({ applied: true, action: 'add_spots', session_hourly_spend: 0.6 });
    expect(first.data.executions).toHaveLength(2);
    expect(s.asked).toHaveLength(1);
    expect(s.asked[0]).toMatch(/Worst cost: \$0.6\/h\. To confirm, type the hourly amount in USD: 0.6/);
    const again = await call(s.client, 'apply', { plan_id: plan.plan_id });
    expect(again.data).toEqual(first.data);
    expect(s.asked).toHaveLength(1);
    expect(await holdings(s.api)).toMatchObject({ executions: before.executions + 2 });
  });

  const refusals: [string, SessionOptions, RegExp][] = [
    ['a decline', { answer: () => ({ action: 'decline' }) }, /declined: nothing was done/],
    ['a cancel', { answer: () => ({ action: 'cancel' }) }, /cancelled the confirmation: nothing was done/],
    ['a wrong amount', { answer: typing('0.3') }, /does not match 0.6: nothing was done/],
    ['an empty amount', { answer: typing('') }, /does not match 0.6/],
    ['a client without elicitation', {}, /cannot ask the person to confirm/],
    ['a client that elicits only by URL', { answer: typing('0.6'), elicitation: { url: {} } }, /cannot ask the person to confirm/],
    ['a client that declares forms as an empty capability, and types the amount: bought', { answer: typing('0.6'), elicitation: {} }, /^$/],
  ];
  it.each(refusals)('after %s buys nothing', async (_what, options, error) => {
    await session(options);
    const before = await holdings(s.api);
    const plan = await prepare();
    const r = await call(s.client, 'apply', { plan_id: plan.plan_id });
    if (error.source === '^$') {
      expect(r.error).toBeUndefined();
      return expect((await holdings(s.api)).executions).toBe(before.executions + 2);
    }
    expect(r.error).toMatch(error);
    expect(await holdings(s.api)).toEqual(before);
  });

  it('refuses an expired plan, an unknown one, and a market that moved', async () => {
    await session({ answer: typing('0.6') });
    const before = await holdings(s.api);
    const expired = await prepare();
    clock += PLAN_TTL_MS;
    expect((await call(s.client, 'apply', { plan_id: expired.plan_id })).error).toMatch(/expired: prepare it again/);
    expect((await call(s.client, 'apply', { plan_id: 'no-such-plan' })).error).toMatch(/no plan no-such-plan/);
    const moved = await prepare();
    await s.api.sandbox.setPrice({ ...MARKET, price: PRICE * 1.2 });
    expect((await call(s.client, 'apply', { plan_id: moved.plan_id })).error).toMatch(/the market moved: sv c3.small is at \$0.24\/h, quoted at \$0.2\/h/);
    expect(await holdings(s.api)).toEqual(before);
  });

  it('refuses what would pass --max-spend for the session', async () => {
    await session({ answer: typing('0.6'), maxSpend: 1 });
    const first = await prepare();
    const second = await prepare();
    expect((await call(s.client, 'apply', { plan_id: first.plan_id })).data.applied).toBe(true);
    const before = await holdings(s.api);
    expect((await call(s.client, 'apply', { plan_id: second.plan_id })).error).toMatch(/\$1.2\/h at most, over --max-spend \$1\/h \(already applied: \$0.6\/h\)/);
    expect(await holdings(s.api)).toEqual(before);
  });

  it('a plan the API refuses before anything is bought no longer counts against --max-spend', async () => {
    const onDemand = (await sb.runJson<{ slug: string; pricing: { hour: number } }[]>(['market', 'plans'])).find((p) => p.slug === MARKET.plan)!.pricing.hour;
    await session({ answer: typing(String(onDemand)), maxSpend: onDemand });
    const [gone, kept] = await Promise.all([s.api.spots.add(MARKET, { wait: true }), s.api.spots.add(MARKET, { wait: true })]);
    const refused = await prepare({ action: 'convert', spot_id: gone.id });
    await s.api.spots.remove(gone.id, { wait: true });
    expect((await call(s.client, 'apply', { plan_id: refused.plan_id })).error).toMatch(/^Error: /);
    const converted = await call(s.client, 'apply', { plan_id: (await prepare({ action: 'convert', spot_id: kept.id })).plan_id });
    expect(converted.data).toMatchObject({ applied: true, spot: { id: kept.id, spot_instance: false }, session_hourly_spend: onDemand });
  });

  it('creates a bid, converts a spot, removes spots and deletes a bid with its spots, each confirmed', async () => {
    let expected = '';
    await session({ answer: () => ({ action: 'accept', content: { confirm: expected } }) });
    const apply = async (args: Record<string, unknown>) => {
      const plan = await prepare(args);
      expected = plan.confirm_by_typing as string;
      const r = await call(s.client, 'apply', { plan_id: plan.plan_id });
      expect(r.error).toBeUndefined();
      return { plan, result: r.data };
    };
    const bid = await apply({ action: 'create_bid', ...MARKET, devices_min: 1, devices_max: 2, max_bid_price: 0.25 });
    expect(bid.plan).toMatchObject({ worst_hourly_cost: 0.5, confirm_by_typing: '0.5' });
    const bidId = (bid.result.bid as { id: string }).id;
    const filled = await s.api.bids.get(bidId);
    expect(filled.spots.length).toBeGreaterThan(0);

    const spot = await s.api.spots.add(MARKET, { wait: true });
    const convert = await apply({ action: 'convert', spot_id: spot.id });
    expect(convert.result.spot).toMatchObject({ id: spot.id, spot_instance: false });

    const remove = await apply({ action: 'remove_spots', spot_ids: [spot.id] });
    expect(remove.plan).toMatchObject({ confirm_by_typing: '1', spot_ids: [spot.id], summary: 'Remove 1 spot (1 in sv c3.small), listed in spot_ids.' });
    expect(s.asked.at(-1)).toBe(`Remove 1 spot (1 in sv c3.small), listed in spot_ids. Spots: ${spot.id}. Worst cost: $0/h. To confirm, type the number of spots to remove: 1`);
    expect(remove.result.executions).toHaveLength(1);

    const del = await apply({ action: 'delete_bid', bid_id: bidId });
    expect(del.plan).toMatchObject({ confirm_by_typing: String(filled.spots.length), spot_ids: filled.spots });
    expect(del.result.bid).toMatchObject({ id: bidId, state: 'cancelled' });
  });
});
