// Waiting on an execution from the CLI: progress on stderr, and on Ctrl-C
// the execution goes on while `fas` says how to pick the wait up again.
import type { Execution } from '../api/types.js';
import { InterruptedError } from '../errors.js';
import type { Context } from './context.js';
import { startProgress } from './progress.js';

export async function followExecution(ctx: Context, execution: Execution, timeoutMs: number): Promise<Execution> {
  const label = (e: Execution) => `${e.operation} ${e.id}: ${e.status}`;
  const progress = await startProgress(ctx.out, `Waiting for ${label(execution)}`, ctx.settings.color);
  try {
    return await ctx.client().executions.wait(execution.id, {
      timeoutMs,
      signal: ctx.signal,
      onProgress: (e) => progress.update(`Waiting for ${label(e)}`),
    });
  } catch (err) {
    if (err instanceof InterruptedError) {
      throw new InterruptedError(`stopped waiting; execution ${execution.id} goes on`, {
        hint: `fas executions wait ${execution.id}`,
      });
    }
    throw err;
  } finally {
    progress.stop();
  }
}
