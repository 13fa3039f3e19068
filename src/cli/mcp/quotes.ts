// A plan's quote (what it will do and cost, read from the API now), the
// check that the quote still holds when the person has confirmed, and the
// requests that carry it out, each keyed by the plan's id.
import type { ToolEnv } from './tool.js';
import { Refusal } from './tool.js';
import type { Action, Plan } from './plans.js';

export type Quote = Omit<Plan, 'id' | 'expiresAt'>;

/** How far the price may rise between the quote and the confirmation before the plan is refused. */
export const MARKET_TOLERANCE = 0.05;

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const amount = (n: number) => String(round(n));

async function spotPrice(env: ToolEnv, metro: string, plan: string): Promise<number> {
  const prices = await env.client().market.prices({ metro, plan }, { signal: env.signal });
  const price = prices.spot_market_prices[metro]?.[plan]?.price;
  if (price === undefined) throw new Refusal(`no spot market for ${metro} ${plan}: see the metros and plans tools`);
  return price;
}

async function onDemandPrice(env: ToolEnv, plan: string): Promise<number> {
  const plans = await env.client().market.plans({ signal: env.signal });
  const found = plans.find((p) => p.slug === plan);
  if (!found) throw new Refusal(`unknown plan '${plan}'`);
  return found.pricing.hour;
}

export async function quote(env: ToolEnv, action: Action): Promise<Quote> {
  const client = env.client();
  switch (action.kind) {
    case 'add_spots':
    case 'create_bid': {
      const now = await spotPrice(env, action.metro, action.plan);
      if (now > action.max_bid_price) {
        throw new Refusal(`${action.metro} ${action.plan} is at $${now}/h, above the max bid $${action.max_bid_price}/h: no spot would run`);
      }
      const spots = action.kind === 'add_spots' ? action.count : action.devices_max;
      const worst = round(spots * action.max_bid_price);
      const what =
        action.kind === 'add_spots'
          ? `Add ${spots} spot${spots === 1 ? '' : 's'} of ${action.plan} in ${action.metro} at a max bid of $${action.max_bid_price}/h each`
          : `Bid for ${action.devices_min} to ${spots} spots of ${action.plan} in ${action.metro} at a max bid of $${action.max_bid_price}/h each${action.end_at ? `, until ${action.end_at}` : ''}`;
      return { action, summary: `${what} (market now $${now}/h).`, priceNow: now, worstHourly: worst, confirm: amount(worst) };
    }
    case 'remove_spots': {
      const spots = await Promise.all(action.spot_ids.map((id) => client.spots.get(id, { signal: env.signal })));
      const ids = spots.map((s) => s.id);
      const markets = new Map<string, number>();
      for (const s of spots) markets.set(`${s.metro} ${s.plan}`, (markets.get(`${s.metro} ${s.plan}`) ?? 0) + 1);
      const where = [...markets].map(([market, n]) => `${n} in ${market}`).join(', ');
      const summary = `Remove ${ids.length} spot${ids.length === 1 ? '' : 's'} (${where}), listed in spot_ids.`;
      return { action: { kind: 'remove_spots', spot_ids: ids }, summary, priceNow: null, worstHourly: 0, spotIds: ids, confirm: String(ids.length) };
    }
    case 'delete_bid': {
      const bid = await client.bids.get(action.bid_id, { signal: env.signal });
      const n = bid.spots.length;
      const summary = `Cancel bid ${bid.id} (${bid.metro} ${bid.instance_parameters.plan}, ${bid.state}) and remove its ${n} spot${n === 1 ? '' : 's'}.`;
      return { action: { kind: 'delete_bid', bid_id: bid.id, spot_count: n }, summary, priceNow: null, worstHourly: 0, spotIds: bid.spots, confirm: String(n) };
    }
    case 'convert': {
      const spot = await client.spots.get(action.spot_id, { signal: env.signal });
      if (!spot.spot_instance) throw new Refusal(`spot ${spot.id} is already on-demand`);
      if (spot.termination_time !== null) throw new Refusal(`spot ${spot.id} is marked for termination at ${spot.termination_time}: it can no longer be converted`);
      const hour = await onDemandPrice(env, spot.plan);
      const summary = `Convert spot ${spot.id} (${spot.metro} ${spot.plan}) to on-demand: it then pays $${hour}/h and is never revoked.`;
      return { action: { kind: 'convert', spot_id: spot.id, plan: spot.plan }, summary, priceNow: hour, worstHourly: round(hour), confirm: amount(hour) };
    }
  }
}

/** Refuses a plan whose quote no longer holds: the price rose past the tolerance or the max bid, or the spots to remove changed. */
export async function requote(env: ToolEnv, plan: Plan): Promise<void> {
  const a = plan.action;
  if (a.kind === 'add_spots' || a.kind === 'create_bid') {
    const now = await spotPrice(env, a.metro, a.plan);
    const quoted = plan.priceNow!;
    if (now > a.max_bid_price || now > quoted * (1 + MARKET_TOLERANCE)) {
      throw new Refusal(`the market moved: ${a.metro} ${a.plan} is at $${now}/h, quoted at $${quoted}/h (max bid $${a.max_bid_price}/h): nothing was done; prepare again`);
    }
  } else if (a.kind === 'convert') {
    const now = await onDemandPrice(env, a.plan);
    if (now > plan.priceNow!) throw new Refusal(`the on-demand price moved to $${now}/h from $${plan.priceNow}/h: nothing was done; prepare again`);
  } else if (a.kind === 'delete_bid') {
    const bid = await env.client().bids.get(a.bid_id, { signal: env.signal });
    if (bid.spots.length !== a.spot_count) {
      throw new Refusal(`bid ${a.bid_id} now has ${bid.spots.length} spots, not the ${a.spot_count} confirmed: nothing was done; prepare again`);
    }
  }
}

/**
 * Sends the plan's requests; the plan id (with the item's place) is each
 * one's idempotency key. `progress.accepted` counts the requests the API
 * has taken, so that a failure part-way is known not to be a failure of all.
 */
export async function execute(env: ToolEnv, plan: Plan, progress: { accepted: number }): Promise<Record<string, unknown>> {
  const api = env.client();
  const counted = <T>(answer: Promise<T>) => answer.then((value) => ((progress.accepted += 1), value));
  const client = {
    spots: {
      add: (...a: Parameters<typeof api.spots.add>) => counted(api.spots.add(...a)),
      remove: (...a: Parameters<typeof api.spots.remove>) => counted(api.spots.remove(...a)),
      convertToOnDemand: (...a: Parameters<typeof api.spots.convertToOnDemand>) => counted(api.spots.convertToOnDemand(...a)),
    },
    bids: {
      create: (...a: Parameters<typeof api.bids.create>) => counted(api.bids.create(...a)),
      delete: (...a: Parameters<typeof api.bids.delete>) => counted(api.bids.delete(...a)),
    },
  };
  const key = (i: number) => `${plan.id}.${i}`;
  const opts = (i: number) => ({ signal: env.signal, idempotencyKey: key(i) });
  const a = plan.action;
  switch (a.kind) {
    case 'add_spots': {
      const executions: string[] = [];
      for (let i = 0; i < a.count; i++) {
        executions.push((await client.spots.add({ metro: a.metro, plan: a.plan, max_bid_price: a.max_bid_price }, opts(i))).id);
      }
      return { executions };
    }
    case 'create_bid': {
      const bid = await client.bids.create(
        { devices_min: a.devices_min, devices_max: a.devices_max, max_bid_price: a.max_bid_price, metro: a.metro, end_at: a.end_at, instance_parameters: { plan: a.plan } },
        opts(0),
      );
      return { executions: [], bid };
    }
    case 'remove_spots': {
      const executions: string[] = [];
      for (const [i, id] of a.spot_ids.entries()) executions.push((await client.spots.remove(id, opts(i))).id);
      return { executions };
    }
    case 'delete_bid':
      return { executions: [], bid: await client.bids.delete({ id: a.bid_id, forceTermination: true }, opts(0)) };
    case 'convert':
      return { executions: [], spot: await client.spots.convertToOnDemand(a.spot_id, opts(0)) };
  }
}
