// `fas mcp`'s handler as the handlers module names it: the SDK and the tools
// load only when it runs, never with the other commands' handlers.
import type { Context } from '../shared/context.js';

import type { McpFlags } from './commands.js';

export async function serve(ctx: Context, flags: McpFlags): Promise<void> {
  const { serveStdio } = await import('./serve.js');
  await serveStdio(ctx, flags);
}
