// The read-only tools over the account: spots, bids and executions (a page
// of each, or one by id) and the event feed after a cursor.
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { BID_STATES, EVENT_TYPES, EXECUTION_STATUSES, OPERATIONS, SPOT_STATES, type EventType } from '../../api/types.js';
import type { Page } from '../../client/pagination.js';
import * as s from './schemas.js';
import { addTool, type ToolEnv } from './tool.js';

/** The most items one list result carries; per_page past it is refused by the schema. */
export const MAX_PER_PAGE = 100;

const id = (what: string) => z.string().min(1).max(100).describe(what);
const paging = {
  page: z.number().int().positive().default(1),
  per_page: z.number().int().min(1).max(MAX_PER_PAGE).default(25),
};
const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

function listed<T, K extends string>(key: K, page: Page<T>, asked: number): { [P in K]: T[] } & { total: number; truncated: boolean } {
  const truncated = page.meta.current_page < page.meta.last_page || page.items.length > asked;
  return { [key]: page.items.slice(0, asked), total: page.meta.total, truncated } as { [P in K]: T[] } & { total: number; truncated: boolean };
}

export function addAccountTools(server: McpServer, env: ToolEnv): void {
  const opts = () => ({ signal: env.signal });

  addTool(server, env, 'spots_list', {
    title: 'List spots',
    description: "A page of the account's spots, newest first by the API's order.",
    input: z.strictObject({ state: enumOf(SPOT_STATES).optional(), metro: id('only this metro').optional(), bid: id('only the spots of this bid').optional(), ...paging }),
    output: s.listOf('spots', s.spot),
    readOnly: true,
  }, async (a) => listed('spots', await env.client().spots.list({ state: a.state, metro: a.metro, bid: a.bid, page: a.page, perPage: a.per_page }, opts()), a.per_page));

  addTool(server, env, 'spot_get', {
    title: 'Get a spot',
    description: 'One spot, by id or IP address.',
    input: z.strictObject({ id: id('spot id or IP') }),
    output: s.spot,
    readOnly: true,
  }, async (a) => env.client().spots.get(a.id, opts()));

  addTool(server, env, 'bids_list', {
    title: 'List bids',
    description: "A page of the account's bids (spot market requests).",
    input: z.strictObject({ ...paging }),
    output: s.listOf('bids', s.bid),
    readOnly: true,
  }, async (a) => listed('bids', await env.client().bids.list({ page: a.page, perPage: a.per_page }, opts()), a.per_page));

  addTool(server, env, 'bid_get', {
    title: 'Get a bid',
    description: `One bid by id: its state (${BID_STATES.join(', ')}) and its spots.`,
    input: z.strictObject({ id: id('bid id') }),
    output: s.bid,
    readOnly: true,
  }, async (a) => env.client().bids.get(a.id, opts()));

  addTool(server, env, 'executions_list', {
    title: 'List executions',
    description: 'A page of the asynchronous tasks that add and remove spots.',
    input: z.strictObject({ status: enumOf(EXECUTION_STATUSES).optional(), operation: enumOf(OPERATIONS).optional(), ...paging }),
    output: s.listOf('executions', s.execution),
    readOnly: true,
  }, async (a) => listed('executions', await env.client().executions.list({ status: a.status, operation: a.operation, page: a.page, perPage: a.per_page }, opts()), a.per_page));

  addTool(server, env, 'execution_get', {
    title: 'Get an execution',
    description: 'One execution by id: pending, started, completed (with its spot) or failed (with its error).',
    input: z.strictObject({ id: id('execution id') }),
    output: s.execution,
    readOnly: true,
  }, async (a) => env.client().executions.get(a.id, opts()));

  addTool(server, env, 'events', {
    title: 'Events after a cursor',
    description: 'The account\'s changes after a cursor, oldest first, and `next`, the cursor to ask with next time. Without `after`, no events and the latest cursor: call again with it to see what changes from now on.',
    input: z.strictObject({
      after: id('a cursor: the `next` of an earlier call, or an event id').optional(),
      types: z.array(enumOf(EVENT_TYPES as readonly EventType[])).max(EVENT_TYPES.length).optional(),
      limit: z.number().int().min(1).max(MAX_PER_PAGE).default(50),
    }),
    output: z.object({ events: z.array(s.event), next: z.string() }),
    readOnly: true,
  }, async (a) => {
    const page = await env.client().events.list({ after: a.after, types: a.types, limit: a.limit }, opts());
    return { events: page.events, next: page.next };
  });
}
