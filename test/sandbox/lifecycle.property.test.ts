// Random interleavings of everything that moves a spot, a bid or an
// execution: adds, removals, cancellations, failing executions, bids and
// their cancellation, price moves, clock jumps and restarts. After every
// step the whole sandbox is read back and checked against what no order of
// events may break:
// - a removed spot never comes back, and a revocation notice is never withdrawn;
// - no spot outlives its termination time;
// - a bid never holds more than devices_max spots, and gains none once it ended;
// - an execution ends once, and a final execution never changes again;
// - a spot under notice cannot be converted, and a locked one outlives a forced bid cancellation;
// - a converted spot leaves its bid: it counts towards no devices_max, and no forced
//   cancellation of a bid removes it;
// - once the market has moved with a price held above a spot's bid, the spot has its
//   notice, whether it was active or being removed;
// - no spot instance is billed more than its bid, even under notice;
// - the event log (GET /api/events) replays to exactly what is read: each spot's,
//   bid's and ended execution's last event says its state, no execution that has
//   not ended has one, and ids only grow, across restarts too.
// On a failure fast-check prints the seed and the shrunk list of steps.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bid, Event, Execution, Spot } from '../../src/api/types.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

// 25 runs keep the file at a few seconds; FAS_PROPERTY_RUNS raises it.
const RUNS = Number(process.env.FAS_PROPERTY_RUNS ?? 25);

/** Which known id a step names: mostly one of a spot still in the pool, or of an execution not yet ended. */
interface Pick {
  n: number;
  live: boolean;
}
const pickArb: fc.Arbitrary<Pick> = fc.record({ n: fc.nat(), live: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)) });

type Step =
  | { kind: 'add'; max: number | undefined }
  | { kind: 'remove'; pick: Pick }
  | { kind: 'removeNewest' }
  | { kind: 'cancel'; pick: Pick }
  | { kind: 'bid'; devicesMax: number; max: number; endIn: number | undefined }
  | { kind: 'cancelBid'; pick: number; force: boolean }
  | { kind: 'lock'; pick: Pick; locked: boolean }
  | { kind: 'convert'; pick: Pick }
  | { kind: 'price'; price: number | null }
  | { kind: 'clock'; seconds: number }
  | { kind: 'restart' };

// One market (sv, c3.small: on-demand 0.5), with prices and bids on both sides of each other.
const MARKET = { metro: 'sv', plan: 'c3.small' };
const price = fc.constantFrom(0.1, 0.3, 0.7, 2);

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('add' as const), max: fc.constantFrom(undefined, 0.2, 1) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: pickArb }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'removeNewest' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: pickArb }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('bid' as const),
      devicesMax: fc.integer({ min: 1, max: 3 }),
      max: fc.constantFrom(0.2, 0.5, 1),
      endIn: fc.constantFrom(undefined, 30, 150, 600),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancelBid' as const), pick: fc.nat(), force: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('lock' as const), pick: pickArb, locked: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('convert' as const), pick: pickArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('price' as const), price: fc.option(price, { nil: null }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('clock' as const), seconds: fc.constantFrom(1, 10, 25, 60, 121, 400) }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 },
);

interface Reply {
  status: number;
  body: unknown;
}

class Driver {
  sandbox!: RunningSandbox;
  /** The event log as read so far, and where reading it goes on. */
  readonly events: Event[] = [];
  private cursor = '0';
  constructor(private readonly options: SandboxOptions) {}

  /** The events written since the last read. */
  async readEvents(): Promise<Event[]> {
    const fresh: Event[] = [];
    for (;;) {
      const page = (await this.send('GET', `/api/events?after=${this.cursor}`)).body as { events: Event[]; next: string };
      for (const e of page.events) {
        const last = this.events.at(-1);
        if (last) expect(Number(e.id), `event ${e.id} after ${last.id}`).toBeGreaterThan(Number(last.id));
        this.events.push(e);
        fresh.push(e);
      }
      expect(Number(page.next)).toBeGreaterThanOrEqual(Number(this.cursor));
      this.cursor = page.next;
      if (page.events.length === 0) return fresh;
    }
  }

  async start(): Promise<void> {
    this.sandbox = await startSandbox(this.options);
  }

  async restart(): Promise<void> {
    await this.sandbox.close();
    await this.start();
  }

  async send(method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await fetch(`${this.sandbox.url}${path}`, {
      method,
      headers: { authorization: `Token ${this.sandbox.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const what = `${method} ${path} ${JSON.stringify(body) ?? ''} -> ${res.status} ${text}`;
    // Whatever the order of events, the answer is a success or a refusal saying why.
    expect(res.status < 500, what).toBe(true);
    const parsed = JSON.parse(text) as unknown;
    if (res.status >= 400) expect((parsed as { errors?: unknown }).errors, what).toEqual(expect.arrayContaining([expect.any(String)]));
    return { status: res.status, body: parsed };
  }
}

interface Snapshot {
  clockMs: number;
  /** In the order they were read: the pool first, then the removed ones. */
  spots: Spot[];
  executions: Execution[];
  bids: Bid[];
}

/** The whole sandbox, read while nothing moved: no event was written between the log's read and the last read after it. */
async function observe(d: Driver): Promise<Snapshot> {
  await d.readEvents();
  for (;;) {
    const clock = (await d.send('GET', '/_sandbox/clock')).body as { now: string };
    const pool = (await d.send('GET', '/api/spots?per_page=1000')).body as { spots: Spot[] };
    const removed = (await d.send('GET', '/api/spots?state=removed&per_page=1000')).body as { spots: Spot[] };
    const executions = (await d.send('GET', '/api/executions?per_page=1000')).body as { executions: Execution[] };
    const bids = (await d.send('GET', '/api/spot-market-requests?per_page=1000')).body as { spot_market_requests: Bid[] };
    const snap = { clockMs: Date.parse(clock.now), spots: [...pool.spots, ...removed.spots], executions: executions.executions, bids: bids.spot_market_requests };
    if ((await d.readEvents()).length === 0) return snap;
  }
}

/** Each resource's last event says what it is now; nothing has an event it should not. */
function checkReplay(events: readonly Event[], snap: Snapshot, where: () => string): void {
  const last = new Map<string, Event>();
  for (const e of events) last.set(e.resource_id, e);
  for (const spot of snap.spots) {
    const e = last.get(spot.id);
    expect(e?.resource_type, `spot ${spot.id} has no event; ${where()}`).toBe('spot');
    if (e?.resource_type !== 'spot') continue;
    const { state, termination_time, spot_instance } = e.data;
    expect({ state, termination_time, spot_instance }, `spot ${spot.id}'s last event ${e.id} (${e.type}); ${where()}`).toEqual({
      state: spot.state,
      termination_time: spot.termination_time,
      spot_instance: spot.spot_instance,
    });
    if (e.type === 'spot.removed') expect(e.data.reason, `spot ${spot.id} removed without a reason; ${where()}`).toBeDefined();
  }
  for (const e of events) {
    if (e.resource_type === 'spot' && e.type === 'spot.removed' && e.data.reason === 'bid_force_terminated') {
      expect(e.data.spot_instance, `converted spot ${e.resource_id} removed by its former bid's cancellation; ${where()}`).toBe(true);
    }
  }
  for (const bid of snap.bids) {
    const e = last.get(bid.id);
    expect(e?.type, `bid ${bid.id}'s last event; ${where()}`).toBe(`bid.${bid.state}`);
  }
  for (const execution of snap.executions) {
    const e = last.get(execution.id);
    if (!FINAL.has(execution.status)) expect(e, `execution ${execution.id} has an event before it ended; ${where()}`).toBeUndefined();
    else expect(e?.type, `execution ${execution.id}'s event; ${where()}`).toBe(`execution.${execution.status}`);
  }
  const known = new Set([...snap.spots.map((s) => s.id), ...snap.bids.map((b) => b.id), ...snap.executions.map((x) => x.id)]);
  for (const e of events) expect(known.has(e.resource_id), `event ${e.id} of unknown ${e.resource_type} ${e.resource_id}; ${where()}`).toBe(true);
}

const ENDED = new Set(['cancelled', 'expired']);
const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** What was seen so far, across steps and restarts, and the checks that hold it to account. */
class History {
  readonly spotIds: string[] = [];
  readonly executionIds: string[] = [];
  readonly bidIds: string[] = [];
  /** As of the last look: the spots in the pool and the executions not yet ended. */
  liveSpotIds: string[] = [];
  openExecutionIds: string[] = [];
  private readonly spots = new Map<string, Spot>();
  private readonly finalExecutions = new Map<string, string>();
  private readonly endedBids = new Map<string, { state: string; spots: Set<string> }>();
  /** Spots that an ended execution or a forced bid cancellation removed: from the next look on, removed for good. */
  private readonly gone = new Set<string>();
  readonly log: string[] = [];
  /** The price `sandbox price set` holds the market at (null: the simulation's). */
  heldPrice: number | null = null;
  /** Set by a step that makes the market look at every spot at once (a price set, a clock jump); cleared by the next check. */
  marketMoved = false;

  note(id: string, list: string[]): void {
    if (!list.includes(id)) list.push(id);
  }

  bidEnded(bid: Bid): void {
    if (!this.endedBids.has(bid.id)) this.endedBids.set(bid.id, { state: bid.state, spots: new Set(bid.spots) });
  }

  removedForGood(spotIds: Iterable<string>): void {
    for (const id of spotIds) this.gone.add(id);
  }

  lastSeen(spotId: string): Spot | undefined {
    return this.spots.get(spotId);
  }

  spotsOfBid(bidId: string): string[] {
    return [...this.spots.values()].filter((s) => s.bid_id === bidId && s.state !== 'removed').map((s) => s.id);
  }

  check(snap: Snapshot, events: readonly Event[]): void {
    const where = () => `after: ${this.log.join(' | ')}`;
    checkReplay(events, snap, where);
    for (const spot of snap.spots) {
      this.note(spot.id, this.spotIds);
      const before = this.spots.get(spot.id);
      if (before?.state === 'removed') expect(spot.state, `spot ${spot.id} came back from removed; ${where()}`).toBe('removed');
      if (this.gone.has(spot.id)) expect(spot.state, `spot ${spot.id} should be removed; ${where()}`).toBe('removed');
      if (before?.termination_time && spot.state !== 'removed') {
        expect(spot.state, `spot ${spot.id} lost its revocation notice; ${where()}`).toBe('terminating');
        expect(spot.termination_time, `spot ${spot.id} changed its termination time; ${where()}`).toBe(before.termination_time);
      }
      if (spot.state !== 'removed' && spot.termination_time) {
        // The market looks at least once a second, and at every clock jump.
        expect(Date.parse(spot.termination_time), `spot ${spot.id} outlived its termination time; ${where()}`).toBeGreaterThan(snap.clockMs - 2000);
      }
      if (!spot.spot_instance) expect(spot.bid_id, `converted spot ${spot.id} still in its bid; ${where()}`).toBeNull();
      if (spot.spot_instance && spot.state !== 'removed') {
        expect(spot.price, `spot ${spot.id} billed above its bid; ${where()}`).toBeLessThanOrEqual(spot.spot_price_max!);
        const outbid = this.marketMoved && this.heldPrice !== null && spot.spot_price_max! < this.heldPrice;
        if (outbid && (spot.state === 'active' || spot.state === 'terminating')) {
          expect(spot.termination_time, `${spot.state} spot ${spot.id} outbid without a notice; ${where()}`).not.toBeNull();
        }
      }
      this.spots.set(spot.id, spot);
    }

    const held = new Map<string, string[]>();
    for (const s of snap.spots) if (s.bid_id && s.state !== 'removed') held.set(s.bid_id, [...(held.get(s.bid_id) ?? []), s.id]);
    for (const bid of snap.bids) {
      this.note(bid.id, this.bidIds);
      const spots = held.get(bid.id) ?? [];
      expect(spots.length, `bid ${bid.id} holds more than devices_max; ${where()}`).toBeLessThanOrEqual(bid.devices_max);
      expect(bid.spots.length, `bid ${bid.id} lists more than devices_max; ${where()}`).toBeLessThanOrEqual(bid.devices_max);
      const ended = this.endedBids.get(bid.id);
      if (ended) {
        expect(bid.state, `bid ${bid.id} changed after it ended; ${where()}`).toBe(ended.state);
        for (const id of [...spots, ...bid.spots]) expect(ended.spots.has(id), `bid ${bid.id} gained spot ${id} after it ended; ${where()}`).toBe(true);
      }
      if (bid.state === 'expired') {
        for (const s of snap.spots.filter((x) => x.bid_id === bid.id)) {
          expect(Date.parse(s.created_at), `bid ${bid.id} filled spot ${s.id} after it expired; ${where()}`).toBeLessThanOrEqual(Date.parse(bid.end_at!));
        }
      }
      if (ENDED.has(bid.state)) this.bidEnded(bid);
    }

    this.marketMoved = false;
    this.liveSpotIds = snap.spots.filter((s) => s.state !== 'removed').map((s) => s.id);
    this.openExecutionIds = snap.executions.filter((e) => !FINAL.has(e.status)).map((e) => e.id);
    for (const e of snap.executions) {
      this.note(e.id, this.executionIds);
      const final = this.finalExecutions.get(e.id);
      if (final !== undefined) expect(JSON.stringify(e), `execution ${e.id} changed after it ended; ${where()}`).toBe(final);
      else if (FINAL.has(e.status)) {
        this.finalExecutions.set(e.id, JSON.stringify(e));
        if (e.operation === 'spot.add' && e.status === 'completed') expect(e.result?.state, `add ${e.id} completed without an active spot; ${where()}`).toBe('active');
        // A completed removal, and an add that failed or was cancelled, leave the spot removed for good.
        const removes = e.operation === 'spot.remove' ? e.status === 'completed' : e.status !== 'completed';
        if (removes) this.gone.add(e.resource_id!);
      }
    }
  }
}

const NOBODY = '00000000-0000-4000-8000-000000000000';
const choose = (list: string[], n: number): string | undefined => (list.length ? list[n % list.length] : undefined);
const pick = (live: string[], all: string[], p: Pick): string => (p.live ? choose(live, p.n) : undefined) ?? choose(all, p.n) ?? NOBODY;

async function run(d: Driver, h: History, s: Step): Promise<void> {
  switch (s.kind) {
    case 'add': {
      const r = await d.send('PUT', '/api/spots', { ...MARKET, ...(s.max === undefined ? {} : { max_bid_price: s.max }) });
      if (r.status === 202) h.note((r.body as { execution_id: string }).execution_id, h.executionIds);
      return;
    }
    case 'remove': {
      const r = await d.send('DELETE', `/api/spots/${pick(h.liveSpotIds, h.spotIds, s.pick)}`);
      if (r.status === 202) h.note((r.body as { execution_id: string }).execution_id, h.executionIds);
      return;
    }
    case 'removeNewest': {
      const r = await d.send('DELETE', '/api/spots');
      if (r.status === 202) h.note((r.body as { execution_id: string }).execution_id, h.executionIds);
      return;
    }
    case 'cancel':
      await d.send('DELETE', `/api/executions/${pick(h.openExecutionIds, h.executionIds, s.pick)}`);
      return;
    case 'bid': {
      const now = Date.parse(((await d.send('GET', '/_sandbox/clock')).body as { now: string }).now);
      const r = await d.send('POST', '/api/spot-market-requests', {
        devices_min: 1,
        devices_max: s.devicesMax,
        max_bid_price: s.max,
        metro: MARKET.metro,
        instance_parameters: { plan: MARKET.plan },
        ...(s.endIn === undefined ? {} : { end_at: new Date(now + s.endIn * 1000).toISOString() }),
      });
      expect(r.status).toBe(201);
      h.note((r.body as Bid).id, h.bidIds);
      return;
    }
    case 'cancelBid': {
      const id = choose(h.bidIds, s.pick) ?? NOBODY;
      const held = h.spotsOfBid(id);
      const r = await d.send('DELETE', `/api/spot-market-requests/${id}${s.force ? '?force_termination=true' : ''}`);
      // A lock keeps a spot: a forced cancellation does nothing while one of the bid's spots has one.
      if (s.force && held.some((spot) => h.lastSeen(spot)?.locked)) expect(r.status, `force-cancelled bid ${id} with a locked spot; after: ${h.log.join(' | ')}`).toBe(409);
      if (r.status === 200) {
        const bid = r.body as Bid;
        h.bidEnded(bid);
        if (s.force) {
          expect(bid.spots, 'a forced cancellation leaves no spot of the bid in the pool').toEqual([]);
          h.removedForGood(held);
        }
      }
      return;
    }
    case 'lock':
      await d.send('PUT', `/api/spots/${pick(h.liveSpotIds, h.spotIds, s.pick)}`, { locked: s.locked });
      return;
    case 'convert': {
      const id = pick(h.liveSpotIds, h.spotIds, s.pick);
      const r = await d.send('PUT', `/api/spots/${id}`, { spot_instance: false });
      // Too late once it has a termination time: a notice is never withdrawn.
      if (h.lastSeen(id)?.termination_time) expect(r.status, `converted spot ${id} under notice; after: ${h.log.join(' | ')}`).toBe(409);
      if (r.status === 200) expect((r.body as Spot).bid_id, `converted spot ${id} kept its bid`).toBeNull();
      return;
    }
    case 'price':
      expect((await d.send('PUT', '/_sandbox/prices', { ...MARKET, price: s.price })).status).toBe(200);
      h.heldPrice = s.price;
      h.marketMoved = true;
      return;
    case 'clock':
      expect((await d.send('POST', '/_sandbox/clock', { advance_seconds: s.seconds })).status).toBe(200);
      h.marketMoved = true;
      return;
    case 'restart':
      await d.restart();
      return;
  }
}

const describeStep = (s: Step): string => {
  const { kind, ...rest } = s;
  return `${kind}${Object.keys(rest).length ? JSON.stringify(rest) : ''}`;
};

const live = { n: 0, live: true };
/** Orders of events that once broke a lifecycle: they run first, every time. */
const EXAMPLES: [number, number, Step[]][] = [
  // A spot under revocation notice, removed, the removal cancelled: it kept its notice, not active again.
  [200, 0, [{ kind: 'bid', devicesMax: 1, max: 1, endIn: undefined }, { kind: 'price', price: 2 }, { kind: 'remove', pick: live }, { kind: 'cancel', pick: live }]],
  // ... and revoked while the removal ran: cancelling it brought it back, beside the bid's new spot.
  [200, 0, [
    { kind: 'bid', devicesMax: 1, max: 1, endIn: undefined }, { kind: 'price', price: 2 }, { kind: 'remove', pick: live },
    { kind: 'clock', seconds: 121 }, { kind: 'price', price: null }, { kind: 'cancel', pick: live },
  ]],
  // A spot being removed when the market passed its bid got no notice: it stayed terminating without one.
  [200, 0, [{ kind: 'bid', devicesMax: 1, max: 1, endIn: undefined }, { kind: 'remove', pick: live }, { kind: 'price', price: 2 }, { kind: 'cancel', pick: live }]],
  // A converted spot filled its bid's only slot, and the bid's forced cancellation removed it.
  [10, 0, [{ kind: 'bid', devicesMax: 1, max: 1, endIn: undefined }, { kind: 'convert', pick: live }, { kind: 'clock', seconds: 1 }, { kind: 'cancelBid', pick: 0, force: true }]],
  // Under notice, a spot showed the market's price, four times its bid.
  [10, 0, [{ kind: 'add', max: 0.2 }, { kind: 'clock', seconds: 25 }, { kind: 'price', price: 0.7 }]],
  // A spot removed by its bid's forced cancellation came back when its own removal was cancelled.
  [10, 0, [{ kind: 'bid', devicesMax: 1, max: 1, endIn: undefined }, { kind: 'remove', pick: live }, { kind: 'cancelBid', pick: 0, force: true }, { kind: 'cancel', pick: live }]],
];

let driver: Driver | undefined;
afterEach(async () => {
  await driver?.sandbox.close();
  driver = undefined;
});

describe('lifecycles under random interleavings', () => {
  it(
    'no order of events resurrects a spot, overfills a bid or changes an ended execution',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(10, 60, 200), fc.constantFrom(0, 0.3, 0.7), fc.array(step, { minLength: 1, maxLength: 40, size: 'max' }), async (provisionSeconds, failRate, steps) => {
          await driver?.sandbox.close();
          driver = new Driver({
            dataDir: tempDir('fas-lifecycle-'),
            port: 0,
            admin: true,
            // Executions move on the clock jumps, not while the test waits; some
            // outlast the two-minute revocation notice.
            provisionSeconds,
            failRate,
            seed: steadySeed(),
            rateLimit: 0,
          });
          await driver.start();
          const h = new History();
          h.check(await observe(driver), driver.events);
          for (const s of steps) {
            h.log.push(describeStep(s));
            await run(driver, h, s);
            h.check(await observe(driver), driver.events);
          }
        }),
        { numRuns: RUNS, examples: EXAMPLES },
      );
    },
    Math.max(30_000, RUNS * 3000),
  );
});
