// The benchmark of `fas mcp`: how soon a client gets its tools after
// starting it (spawn to the tools/list answer, beside `node -e 0`), and the
// bytes an assistant's context pays for the tools/list and for one result.
import { spawn } from 'node:child_process';
import { median, timed } from './measure.mjs';

/** Bytes of the tools/list answer an assistant reads at every start. */
export const TOOLS_LIST_BUDGET = 24_000;
/** Bytes of a list result: a page of 25 spots, with its JSON text twice (text and structured). */
export const RESULT_BUDGET = 32_000;
const INIT = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } };

/** Starts `fas mcp`, sends `requests` after initializing, and resolves with each answer's line and when it came. */
export function session(fas, env, requests, args = []) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(fas[0], [...fas.slice(1), 'mcp', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = new Map();
    let buffer = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      buffer += d;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        const message = JSON.parse(line);
        answers.set(message.id, { line, ms: performance.now() - started });
        if (message.id === 1) {
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
          requests.forEach((r, n) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: n + 2, ...r })}\n`));
        }
        if (answers.size === requests.length + 1) child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve([...answers.values()]) : reject(new Error(`fas mcp exited ${code}: ${err.trim()}`))));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INIT })}\n`);
  });
}

export async function mcpBench({ fas, node, sandbox, report, runs }) {
  const env = sandbox.env;
  const startMs = [];
  const bareMs = [];
  let tools;
  for (let round = -1; round < runs; round++) {
    const answers = await session(fas, env, [{ method: 'tools/list' }]);
    const bare = await timed([node, '-e', '0']);
    if (round < 0) continue;
    tools = answers[1].line;
    startMs.push(answers[1].ms);
    bareMs.push(bare.ms);
  }
  const fasMs = median(startMs);
  const refMs = median(bareMs);
  report('fas mcp: spawn to the tools/list answer', `${fasMs.toFixed(0)} ms`, `node -e 0 ${refMs.toFixed(0)} ms`, `<= 4x (${(fasMs / refMs).toFixed(2)}x)`, fasMs / refMs <= 4);
  const size = Buffer.byteLength(tools);
  report('fas mcp: tools/list, read-only', `${size} B`, '', `<= ${TOOLS_LIST_BUDGET} B`, size <= TOOLS_LIST_BUDGET);
  const [, page] = await session(fas, env, [{ method: 'tools/call', params: { name: 'spots_list', arguments: { per_page: 25 } } }]);
  const pageSize = Buffer.byteLength(page.line);
  report('fas mcp: spots_list result, 25 spots', `${pageSize} B`, '', `<= ${RESULT_BUDGET} B`, pageSize <= RESULT_BUDGET);
}
