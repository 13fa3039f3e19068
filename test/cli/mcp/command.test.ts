// `fas mcp` as a command, in this process: what it refuses before serving,
// and a conversation on its stdin answered on stdout alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb?.close());

const lines = (...messages: object[]) => messages.map((m) => `${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`).join('');
const INIT = { id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

it('answers each request on stdout, says what it serves on stderr, and ends with its input', async () => {
  const r = await sb.run(['mcp'], { stdin: lines(INIT, { method: 'notifications/initialized' }, { id: 2, method: 'tools/call', params: { name: 'metros', arguments: {} } }) });
  expect(r.code).toBe(0);
  const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { metros: unknown[] } } });
  expect(answers.map((a) => a.id)).toEqual([1, 2]);
  expect(answers[1]!.result.structuredContent!.metros.length).toBeGreaterThan(0);
  expect(r.stderr).toMatch(/^fas mcp: serving http:\/\/127\.0\.0\.1:\d+ \(profile default, read-only\) on stdio\n$/);
});

it('says when writes are allowed and capped', async () => {
  const r = await sb.run(['mcp', '--allow-writes', '--max-spend', '$2.50'], { stdin: '' });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/\(profile default, writes allowed, at most \$2\.5\/h, each confirmed by the person\) on stdio/);
});

it.each([
  [['mcp', '--max-spend', '1'], 2, /^Error: --max-spend caps what apply may buy: it needs --allow-writes\nHint: see fas mcp --help\n$/],
  [['mcp', '--allow-writes', '--max-spend', 'lots'], 2, /^Error: invalid --max-spend 'lots': expected a price in USD per hour, e.g. 0.35\n/],
  [['mcp', '--allow-writes', '--max-spend', '0'], 2, /^Error: invalid --max-spend '0': the price must be greater than zero\n/],
])('fas %j refuses before serving', async (args, code, stderr) => {
  const r = await sb.run(args, { stdin: lines(INIT) });
  expect(r).toMatchObject({ code, stdout: '' });
  expect(r.stderr).toMatch(stderr);
});

it('without a token: exit 3, nothing served', async () => {
  const r = await sb.run(['mcp'], { stdin: lines(INIT), env: { FAS_TOKEN: undefined } });
  expect(r).toMatchObject({ code: 3, stdout: '' });
  expect(r.stderr).toMatch(/^Error: no API token for profile 'default'\n/);
});
