// Waiting on an execution from the CLI: progress on stderr, and on Ctrl-C
// the execution goes on while `fas` says how to pick the wait up again.
import type { Execution } from '../api/types.js';
import { InterruptedError } from '../errors.js';
import type { Context } from './context.js';
import { startProgress, type Progress } from './progress.js';

export interface FollowHooks {
  onAccepted(executionId: string): void;
  onProgress(execution: Execution): void;
}

/**
 * Runs a call that waits on an execution, e.g. `client.spots.add({ wait: true, ...hooks })`.
 * `operation` names it until the server has said more (e.g. `spot.add`).
 */
export async function follow<T>(ctx: Context, operation: string, call: (hooks: FollowHooks) => Promise<T>): Promise<T> {
  let executionId: string | undefined;
  let progress: Promise<Progress> | undefined;
  const show = (text: string) => {
    if (progress) void progress.then((p) => p.update(text));
    else progress = startProgress(ctx.out, text, ctx.settings.color);
  };
  try {
    return await call({
      onAccepted(id) {
        executionId = id;
        show(`Waiting for ${operation} ${id}`);
      },
      onProgress(e) {
        executionId = e.id;
        show(`Waiting for ${e.operation} ${e.id}: ${e.status}`);
      },
    });
  } catch (err) {
    if (err instanceof InterruptedError && executionId) {
      throw new InterruptedError(`stopped waiting; execution ${executionId} goes on`, {
        hint: `fas executions wait ${executionId}`,
      });
    }
    throw err;
  } finally {
    (await progress)?.stop();
  }
}
