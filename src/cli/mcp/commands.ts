import { lazy, type Runner } from '../handler.js';
import type { FasCommand } from '../help.js';

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

export function registerMcp(program: FasCommand, run: Runner): void {
  program
    .command('mcp')
    .description('serve the spot market to an AI assistant (Model Context Protocol over stdio); read-only by default')
    .option('--allow-writes', 'list the prepare and apply tools: purchases and removals, each confirmed by the person')
    .option('--max-spend <usd>', 'with --allow-writes: USD per hour at most that this session may apply, e.g. 2.50')
    .addHelpText('after', MCP_HELP)
    .examples([
      ['fas mcp', "read-only, for an assistant's client configuration"],
      ['fas --profile sandbox mcp --allow-writes --max-spend 1', 'purchases on the sandbox, at most $1/h in all, each confirmed'],
    ])
    .action(run(lazy(async () => (await import('../handlers.js')).mcp, 'serve')));
}
