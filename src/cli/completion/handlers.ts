import { completionScript, type Shell } from './scripts.js';
import type { Context } from '../shared/context.js';

/** The script, whatever the output format: it is for a shell to read. */
export async function script(ctx: Context, shell: Shell): Promise<void> {
  ctx.io.stdout.write(completionScript(shell));
}
