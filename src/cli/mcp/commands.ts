import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';

/** What the command's handler takes (handlers.ts), as its definition says. */
export interface McpHandlers {
  serve: HandlerOf<typeof mcp>;
}

const MCP_HELP = `
  Serves the Model Context Protocol on stdin and stdout, for an AI assistant
  to read prices, history, advice and the account with the profile, token and
  API URL every other command uses. The token is never a tool argument and
  never in a result.

  Read-only unless started with --allow-writes. Then \`prepare\` quotes a
  purchase or removal and returns a plan id, and \`apply\` carries it out only
  once the person types the hourly amount (or the number of spots removed)
  in their client's confirmation form. A client that cannot show one gets a
  refusal; nothing is bought.
`;

export type McpFlags = FlagsOf<typeof mcp>;

export function registerMcp(program: Group, run: Runner, load: () => Promise<McpHandlers>): void {
  mcp(program).action(run(lazy(load, 'serve')));
}

const mcp = (program: Group) =>
  program
    .command('mcp')
    .description('serve the spot market to an AI assistant (Model Context Protocol over stdio); read-only by default')
    .option('--allow-writes', 'list the prepare and apply tools: purchases and removals, each confirmed by the person')
    .option('--max-spend <usd>', 'with --allow-writes: USD per hour at most that this session may apply, e.g. 2.50')
    .addHelpText('after', MCP_HELP)
    .examples([
      ['fas mcp', "read-only, for an assistant's client configuration"],
      ['fas --profile sandbox mcp --allow-writes --max-spend 1', 'purchases on the sandbox, at most $1/h in all, each confirmed'],
    ]);
