// The two write tools, listed only with --allow-writes. `prepare` reads and
// quotes: it buys nothing and gives a plan id. `apply` takes only that id,
// asks the person (elicitation) to type the hourly amount or the number of
// spots removed, checks the quote still holds and the session's cap, and
// only then sends the requests, each keyed by the plan, so that a retried
// apply never buys twice.
import type { McpServer, ServerContext } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { FasError } from '../../errors.js';
import { type Action, type Plan, type PlanStore } from './plans.js';
import { execute, quote, requote, type Quote } from './quotes.js';
import * as s from './schemas.js';
import { cleanText } from './text.js';
import { addTool, Refusal, type ToolEnv } from './tool.js';

/** The longest confirmation message: a summary and up to 100 spot ids. */
const MAX_MESSAGE = 5_000;

export interface WriteEnv extends ToolEnv {
  plans: PlanStore;
  /** --max-spend: USD per hour at most for everything this session applies. */
  maxSpend: number | undefined;
}

const id = z.string().min(1).max(100);
const ACTIONS = ['add_spots', 'create_bid', 'remove_spots', 'delete_bid', 'convert'] as const;

const prepareInput = z.strictObject({
  action: z.enum(ACTIONS).describe('add_spots (metro, plan, count, max_bid_price); create_bid (metro, plan, devices_min, devices_max, max_bid_price, end_at?); remove_spots (spot_ids); delete_bid (bid_id: cancels it and removes its spots); convert (spot_id: to on-demand)'),
  metro: z.string().min(1).max(64).optional(),
  plan: z.string().min(1).max(64).optional(),
  count: z.number().int().min(1).max(100).optional(),
  max_bid_price: z.number().positive().optional().describe('USD per spot-hour at most'),
  devices_min: z.number().int().min(1).max(1000).optional(),
  devices_max: z.number().int().min(1).max(1000).optional(),
  end_at: z.string().max(40).optional().describe('ISO 8601 time the bid ends'),
  spot_ids: z.array(id).min(1).max(100).optional(),
  bid_id: id.optional(),
  spot_id: id.optional(),
});

export function addWriteTools(server: McpServer, env: WriteEnv): void {
  addTool(server, env, 'prepare', {
    title: 'Prepare a purchase or removal',
    description: 'Quotes a change without making it: what exactly will happen, the price now and the worst hourly cost. Returns a plan id for apply; nothing is bought or removed here. Show the summary to the person.',
    input: prepareInput,
    output: s.planResult,
    readOnly: true,
  }, async (args) => {
    const q = await quote(env, toAction(args));
    checkCap(env, q.worstHourly);
    const plan = env.plans.add(q);
    return describe(plan);
  });

  addTool(server, env, 'apply', {
    title: 'Apply a prepared plan',
    description: 'Carries out a plan from prepare, once the person confirms it in their client by typing the hourly amount (or the number of spots to remove). Refused when the client cannot ask them, they decline, the plan expired, the market moved beyond the quote, or the session cap (--max-spend) would be passed. Retrying with the same plan id never applies it twice.',
    input: z.strictObject({ plan_id: id }),
    output: s.applyResult,
    readOnly: false,
    destructive: true,
  }, async ({ plan_id }, ctx) => {
    const plan = env.plans.get(plan_id);
    if (plan?.outcome) return plan.outcome;
    // First: a client that cannot ask the person gets the same refusal whatever it sends.
    if (!canAskForm(server)) {
      throw new Refusal('this client cannot ask the person to confirm (it offers no elicitation): nothing was done. Use fas in a terminal, or a client that supports elicitation');
    }
    if (!plan) throw new Refusal(`no plan ${plan_id} in this session: prepare one first`);
    if (env.plans.expired(plan)) throw new Refusal(`plan ${plan.id} expired: prepare it again for a fresh quote`);
    if (!plan.charged) checkCap(env, plan.worstHourly);
    await confirm(ctx, plan);
    // Another apply of the same plan may have been confirmed while this one waited.
    if (plan.outcome) return plan.outcome;
    if (env.plans.expired(plan)) throw new Refusal(`plan ${plan.id} expired while waiting for the confirmation: nothing was done`);
    await requote(env, plan);
    // A plan is counted against the cap once, and stays counted after a
    // failure that may have bought part of it (an answer lost, the second of
    // two spots refused); a retry, which resends the same keys, is not
    // counted again. A refusal of its first request bought nothing.
    if (!plan.charged) {
      checkCap(env, plan.worstHourly);
      env.plans.spent += plan.worstHourly;
      plan.charged = true;
    }
    const progress = { accepted: 0 };
    plan.outcome = execute(env, plan, progress).then((done) => ({ plan_id: plan.id, applied: true, action: plan.action.kind, ...done, session_hourly_spend: round(env.plans.spent) }));
    try {
      return await plan.outcome;
    } catch (err) {
      // A new apply asks the person again and resends the same keys, which the API answers once.
      plan.outcome = undefined;
      if (progress.accepted === 0 && err instanceof FasError && err.mayHaveSucceeded !== true) {
        env.plans.spent -= plan.worstHourly;
        plan.charged = false;
      }
      throw err;
    }
  });
}

/** A form is what the person types into; a client that offers only URL elicitation cannot show one. An empty elicitation capability means forms, as before modes existed. */
function canAskForm(server: McpServer): boolean {
  const elicitation = server.server.getClientCapabilities()?.elicitation;
  return elicitation !== undefined && (elicitation.form !== undefined || Object.keys(elicitation).length === 0);
}

function checkCap(env: WriteEnv, hourly: number): void {
  if (env.maxSpend === undefined || hourly === 0) return;
  const after = env.plans.spent + hourly;
  if (after > env.maxSpend + 1e-9) {
    throw new Refusal(`this would bring the session to $${round(after)}/h at most, over --max-spend $${env.maxSpend}/h (already applied: $${round(env.plans.spent)}/h)`);
  }
}

/** The person types the amount (or count) the plan names; anything else applies nothing. */
async function confirm(ctx: ServerContext, plan: Plan): Promise<void> {
  const what = plan.action.kind === 'remove_spots' || plan.action.kind === 'delete_bid' ? 'the number of spots to remove' : 'the hourly amount in USD';
  let answer;
  try {
    answer = await ctx.mcpReq.elicitInput({
      // The person reads this in their client: what the server said is in it only cleaned.
      message: cleanText(`${plan.summary}${plan.spotIds?.length ? ` Spots: ${plan.spotIds.join(', ')}.` : ''} Worst cost: $${plan.worstHourly}/h. To confirm, type ${what}: ${plan.confirm}`, MAX_MESSAGE),
      requestedSchema: {
        type: 'object',
        properties: { confirm: { type: 'string', title: `Type ${plan.confirm} to confirm`, description: what } },
        required: ['confirm'],
      },
    });
  } catch {
    throw new Refusal('the client did not answer the confirmation: nothing was done');
  }
  if (answer.action === 'decline') throw new Refusal('the person declined: nothing was done');
  if (answer.action !== 'accept') throw new Refusal('the person cancelled the confirmation: nothing was done');
  const typed = String(answer.content?.confirm ?? '');
  if (!sameAmount(typed, plan.confirm)) throw new Refusal(`the confirmation typed does not match ${plan.confirm}: nothing was done`);
}

/** "1.2", "$1.20" and "1.20/h" all confirm 1.2. */
export function sameAmount(typed: string, expected: string): boolean {
  const n = Number(typed.trim().replace(/^\$\s*/, '').replace(/\s*(usd)?\s*(\/\s*h(our)?)?$/i, ''));
  return typed.trim() !== '' && Number.isFinite(n) && Math.abs(n - Number(expected)) < 1e-9;
}

function describe(plan: Plan): z.input<typeof s.planResult> {
  return {
    plan_id: plan.id,
    action: plan.action.kind,
    summary: plan.summary,
    price_now: plan.priceNow,
    worst_hourly_cost: plan.worstHourly,
    ...(plan.spotIds ? { spot_ids: plan.spotIds } : {}),
    confirm_by_typing: plan.confirm,
    expires_at: new Date(plan.expiresAt).toISOString(),
  };
}

/** The action the arguments name, each of its fields required. */
function toAction(a: z.output<typeof prepareInput>): Action {
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Refusal(`${a.action} needs ${name}`);
    return value;
  };
  switch (a.action) {
    case 'add_spots':
      return { kind: 'add_spots', metro: need(a.metro, 'metro'), plan: need(a.plan, 'plan'), count: a.count ?? 1, max_bid_price: need(a.max_bid_price, 'max_bid_price') };
    case 'create_bid': {
      const min = need(a.devices_min, 'devices_min');
      const max = a.devices_max ?? min;
      if (max < min) throw new Refusal('devices_max must be at least devices_min');
      return { kind: 'create_bid', metro: need(a.metro, 'metro'), plan: need(a.plan, 'plan'), devices_min: min, devices_max: max, max_bid_price: need(a.max_bid_price, 'max_bid_price'), end_at: a.end_at };
    }
    case 'remove_spots':
      return { kind: 'remove_spots', spot_ids: [...new Set(need(a.spot_ids, 'spot_ids'))] };
    case 'delete_bid':
      return { kind: 'delete_bid', bid_id: need(a.bid_id, 'bid_id'), spot_count: 0 };
    case 'convert':
      return { kind: 'convert', spot_id: need(a.spot_id, 'spot_id'), plan: '' };
  }
}

export const round = (n: number) => Math.round(n * 1e4) / 1e4;
export type { Quote };
