// Waiting from the CLI, for an execution or a bid: progress on stderr, and on
// Ctrl-C the work goes on while the error says what goes on (its id: the hint
// names the command that picks the wait up again, see hints.ts).
import type { Bid, Execution } from '../../api/types.js';
import type { FollowOptions } from '../../client/resources/spots.js';
import { InterruptedError } from '../../errors.js';
import type { Context } from './context.js';
import { startProgress, type Progress } from './progress.js';

type FollowHooks = Required<Pick<FollowOptions, 'onAccepted' | 'onProgress'>>;

/**
 * Runs a call that waits, showing what `call` reports through `show`. A
 * Ctrl-C becomes the error `interrupted()` makes, once it knows what goes on.
 */
async function withProgress<T>(
  ctx: Context,
  call: (show: (text: string) => void) => Promise<T>,
  interrupted: () => InterruptedError | undefined,
  display = true,
): Promise<T> {
  let progress: Promise<Progress> | undefined;
  const show = (text: string) => {
    if (!display) return;
    if (progress) void progress.then((p) => p.update(text));
    else progress = startProgress(ctx.out, text, ctx.settings.color);
  };
  try {
    return await call(show);
  } catch (err) {
    throw (err instanceof InterruptedError && interrupted()) || err;
  } finally {
    (await progress)?.stop();
  }
}

/**
 * Runs a call that waits on an execution, e.g. `client.spots.add(body, { wait: true, ...hooks })`.
 * `operation` names it until the server has said more (e.g. `spot.add`).
 * Without `display` (one of several waits at once), no progress is drawn.
 */
export function followExecution<T>(ctx: Context, operation: string, call: (hooks: FollowHooks) => Promise<T>, display = true): Promise<T> {
  let executionId: string | undefined;
  return withProgress(
    ctx,
    (show) =>
      call({
        onAccepted(id) {
          executionId = id;
          show(`Waiting for ${operation} ${id}`);
        },
        onProgress(e: Execution) {
          executionId = e.id;
          show(`Waiting for ${e.operation} ${e.id}: ${e.status}`);
        },
      }),
    () => (executionId ? new InterruptedError(`stopped waiting; execution ${executionId} goes on`, { executionId }) : undefined),
    display,
  );
}

/** Waits until at least the bid's devices_min spots have filled it. */
export function followBid(ctx: Context, bid: Bid, timeoutMs: number, deadline?: number): Promise<Bid> {
  return withProgress(
    ctx,
    (show) => {
      show(`Waiting for bid ${bid.id} to be filled`);
      return ctx.client().bids.waitUntilFilled(bid.id, {
        timeoutMs,
        deadline,
        signal: ctx.signal,
        onProgress: (b) => show(`Waiting for bid ${b.id}: ${b.spots.length}/${b.devices_min} spots, ${b.state}`),
      });
    },
    () => new InterruptedError(`stopped waiting; bid ${bid.id} stays open`, { resourceId: bid.id, resourceType: 'bid' }),
  );
}
