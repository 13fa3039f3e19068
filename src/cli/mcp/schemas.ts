// The output schemas of the tools: the API's objects as the contract has
// them (openapi/fas.yaml), open to fields a newer server adds, so that an
// assistant knows what a result holds before it calls.
import * as z from 'zod';

const nullableString = z.string().nullable();

export const spot = z.looseObject({
  id: z.string(),
  hostname: z.string(),
  ip: z.string(),
  state: z.string(),
  metro: z.string(),
  plan: z.string(),
  price: z.number(),
  spot_instance: z.boolean(),
  spot_price_max: z.number().nullable(),
  termination_time: nullableString,
  bid_id: nullableString,
  created_at: z.string(),
});

export const bid = z.looseObject({
  id: z.string(),
  devices_min: z.number(),
  devices_max: z.number(),
  max_bid_price: z.number(),
  metro: z.string(),
  instance_parameters: z.looseObject({ plan: z.string() }),
  end_at: nullableString,
  created_at: z.string(),
  state: z.string(),
  spots: z.array(z.string()),
});

export const execution = z.looseObject({
  id: z.string(),
  operation: z.string(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  resource_id: nullableString,
  result: spot.nullable(),
  error: nullableString,
});

export const event = z.looseObject({
  id: z.string(),
  type: z.string(),
  time: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  data: z.looseObject({}),
});

export const plan = z.looseObject({
  slug: z.string(),
  name: z.string(),
  pricing: z.looseObject({ hour: z.number() }),
  specs: z.looseObject({}),
});

export const metro = z.looseObject({ code: z.string(), name: z.string() });

export const pricePoint = z.object({ price: z.number(), timestamp: z.number() });

export const backtest = z.looseObject({
  metro: z.string(),
  plan: z.string(),
  max_bid_price: z.number(),
  availability: z.number(),
  revocations: z.number(),
  revocations_per_day: z.number(),
  mean_run_seconds: z.number(),
  longest_run_seconds: z.number(),
  avg_price: z.number().nullable(),
  on_demand_price: z.number().nullable(),
  savings: z.number().nullable(),
  from: z.string(),
  until: z.string(),
  points: z.number(),
});

export const advice = backtest.extend({ strategy: z.string() });

/** A page of a list: its items, the API's total, and whether more were left out. */
export function listOf<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.object({
    [key]: z.array(item),
    total: z.number().describe('how many the API holds for this filter'),
    truncated: z.boolean().describe('true when more exist than were returned: ask for a later page'),
  } as { [P in K]: z.ZodArray<T> } & { total: z.ZodNumber; truncated: z.ZodBoolean });
}

/** What `prepare` answers: the plan to show the person, and how `apply` will ask them. */
export const planResult = z.object({
  plan_id: z.string(),
  action: z.string(),
  summary: z.string().describe('what exactly apply will do'),
  price_now: z.number().nullable().describe('USD per spot-hour on the market now (on-demand for a conversion); null for removals'),
  worst_hourly_cost: z.number().describe('USD per hour at most, once applied: every spot at its max bid (0 for removals)'),
  spot_ids: z.array(z.string()).optional().describe('the spots a removal removes'),
  confirm_by_typing: z.string().describe('what the person must type when apply asks them'),
  expires_at: z.string(),
});

export const applyResult = z.looseObject({
  plan_id: z.string(),
  applied: z.boolean(),
  action: z.string(),
  executions: z.array(z.string()).describe('ids of the executions started; follow them with execution_get'),
  bid: bid.optional(),
  spot: spot.optional(),
  session_hourly_spend: z.number().describe('USD per hour at most of everything applied in this session'),
});
