// `fas mcp` over stdio: protocol messages alone on stdout, anything for a
// person on stderr; served until the client closes stdin or fas is stopped.
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { InterruptedError, UsageError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { parsePrice } from '../shared/parse.js';
import type { McpFlags } from './commands.js';
import { createMcpServer } from './server.js';

export async function serveStdio(ctx: Context, flags: McpFlags): Promise<void> {
  const maxSpend = flags.maxSpend === undefined ? undefined : parsePrice(flags.maxSpend, '--max-spend');
  if (maxSpend !== undefined && !flags.allowWrites) {
    throw new UsageError('--max-spend caps what apply may buy: it needs --allow-writes', { hint: 'see fas mcp --help' });
  }
  // Before anything is served: no token is an error a person sees, not a tool's.
  ctx.client();
  const server = createMcpServer({
    client: () => ctx.client(),
    token: ctx.settings.token,
    allowWrites: flags.allowWrites === true,
    maxSpend,
    signal: ctx.signal,
  });
  // The transport stops at the end of its input, dropping the calls in
  // progress; a client may close stdin right after its last request, whose
  // answer is still owed. So the transport reads a copy that ends only once
  // every request read is answered (or fas is stopped).
  const input = new PassThrough();
  ctx.io.stdin.pipe(input, { end: false });
  const ended = new Promise<void>((resolve) => {
    ctx.io.stdin.once('end', resolve);
    ctx.io.stdin.once('close', resolve);
  });
  const stopped = new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  const transport = new StdioServerTransport(input, ctx.io.stdout);
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  const owed = answersOwed(transport);
  const mode = flags.allowWrites ? `writes allowed${maxSpend === undefined ? '' : `, at most $${maxSpend}/h`}, each confirmed by the person` : 'read-only';
  ctx.out.info(`fas mcp: serving ${ctx.settings.apiUrl} (profile ${ctx.settings.profile}, ${mode}) on stdio`);
  await Promise.race([ended.then(() => owed.settled()), stopped, closed]);
  ctx.io.stdin.unpipe(input);
  await server.close();
  // Ctrl-C ends fas mcp as it ends any command: 130, not success.
  if (ctx.signal.aborted) throw new InterruptedError('stopped serving');
}

/** Counts the requests read and the answers written, so that serving ends only once each is answered. */
function answersOwed(transport: StdioServerTransport): { settled(): Promise<void> } {
  const open = new Set<string | number>();
  let wake = () => {};
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) open.add(message.id);
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    if (!('method' in message) && 'id' in message && message.id !== undefined && message.id !== null) {
      open.delete(message.id);
      if (open.size === 0) wake();
    }
  };
  return {
    settled: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
  };
}
