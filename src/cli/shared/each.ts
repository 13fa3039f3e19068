// Commands that take several ids (spots remove, bids delete, executions
// cancel). Each id is its own request, a few at a time, so one id's failure
// does not stop the others; each is reported on its own line on stderr, in
// the order given; stdout gets the results of those that succeeded, in that
// order; the exit code is the highest of the failures' codes.
import type { Context } from './context.js';
import type { View } from '../output/view.js';
import { report, Reported } from './report.js';

/** Requests in flight at once: several ids should not meet the API's rate limit. */
const AT_ONCE = 8;

/** The ids given, each once, in their first order. */
export function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export interface Each<T> {
  ids: readonly string[];
  keys: readonly string[];
  work(id: string, key: string): Promise<T>;
  /** The line said on stderr when `id` succeeded, e.g. "cancelled bid …". */
  said(result: T, id: string): string;
  /** How the results read on stdout. */
  view: View<T>;
}

/**
 * Runs `work` for each id and prints what came of each. One id alone is as
 * the command always was: its result as one item, its failure thrown as is.
 */
export async function forEachId<T>(ctx: Context, each: Each<T>): Promise<void> {
  const { ids, keys } = each;
  if (ids.length === 1) {
    await ctx.out.item(each.view, await each.work(ids[0]!, keys[0]!));
    return;
  }
  const runs = pool(ids.map((id, i) => () => each.work(id, keys[i]!)), AT_ONCE);
  const done: T[] = [];
  let worst = 0;
  for (const [i, run] of runs.entries()) {
    try {
      const result = await run;
      done.push(result);
      ctx.out.info(each.said(result, ids[i]!));
    } catch (err) {
      const code = report(err, ctx.out, { debug: ctx.settings.debug, token: ctx.settings.token, subject: ids[i] });
      worst = Math.max(worst, code);
    }
  }
  // A script reading json, yaml or csv still gets a (possibly empty) list; a person, only the lines above.
  const forScripts = ctx.out.format !== 'table' && ctx.out.format !== 'wide';
  if (done.length > 0 || forScripts) await ctx.out.list(each.view, done);
  if (worst > 0) throw new Reported(worst);
}

/** Starts the tasks, at most `limit` at a time; their promises, in order. */
function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T>[] {
  const waiting: (() => void)[] = [];
  let running = 0;
  const turn = () =>
    new Promise<void>((resolve) => {
      if (running < limit) {
        running++;
        resolve();
      } else waiting.push(resolve);
    });
  const runs = tasks.map(async (task) => {
    await turn();
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  });
  // Each is awaited in order by the caller; one failing meanwhile is not an unhandled rejection.
  runs.forEach((r) => r.catch(() => {}));
  return runs;
}
