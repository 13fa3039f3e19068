// The built `fas mcp` over stdio against the sandbox: every stdout line is a
// JSON-RPC message, tools/list is the snapshot (a change to a tool's name,
// schema or annotations must update it on purpose), results and the list
// stay within their budgets, and no other command loads the SDK.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, FAS_BIN } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

// The same budgets as bench/mcp.mjs, which measures them at scale.
const TOOLS_LIST_BUDGET = 24_000;
const RESULT_BUDGET = 32_000;

const DIST = join(FAS_BIN, '../../dist');
const INIT = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } };

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb?.close());

interface Rpc {
  jsonrpc: string;
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** `fas mcp` given these requests (after initializing) on stdin: each stdout line parsed, and stderr. */
async function converse(requests: object[], args: string[] = []): Promise<{ lines: string[]; messages: Rpc[]; stderr: string; code: number | null }> {
  const input = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: INIT },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    ...requests.map((r, i) => ({ jsonrpc: '2.0', id: i + 2, ...r })),
  ];
  const r = await sb.fas(['mcp', ...args], { input: input.map((m) => `${JSON.stringify(m)}\n`).join('') });
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return { lines, messages: lines.map((l) => JSON.parse(l) as Rpc), stderr: r.stderr, code: r.code };
}

const byId = (messages: Rpc[], id: number) => messages.find((m) => m.id === id)!;

describe('fas mcp over stdio', () => {
  it('answers every request, each stdout line a JSON-RPC message, the token nowhere', async () => {
    await sb.runJson(['spots', 'add', '--wait']);
    const { lines, messages, stderr, code } = await converse([
      { method: 'tools/list' },
      { method: 'tools/call', params: { name: 'spots_list', arguments: { per_page: 25 } } },
      { method: 'tools/call', params: { name: 'apply', arguments: { plan_id: 'x' } } },
      { method: 'no/such/method' },
    ]);
    expect(code).toBe(0);
    expect(messages.every((m) => m.jsonrpc === '2.0')).toBe(true);
    expect(messages.map((m) => m.id).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(byId(messages, 4).error?.message).toMatch(/apply/);
    expect(byId(messages, 5).error?.code).toBe(-32601);
    expect(stderr).toMatch(/^fas mcp: serving http:\/\/127\.0\.0\.1:\d+ \(profile default, read-only\) on stdio\n$/);
    expect(lines.join('\n') + stderr).not.toContain(sb.sandbox.token);
    expect((byId(messages, 3).result!.structuredContent as { spots: unknown[] }).spots).toHaveLength(1);
    expect(Buffer.byteLength(lines.find((l) => l.includes('"id":3'))!)).toBeLessThanOrEqual(RESULT_BUDGET);
  });

  it('tools/list matches its snapshot and its budget, read-only and with --allow-writes', async () => {
    const read = await converse([{ method: 'tools/list' }]);
    const writes = await converse([{ method: 'tools/list' }], ['--allow-writes']);
    const listLine = (c: { lines: string[] }) => c.lines.find((l) => l.includes('"tools"'))!;
    expect(Buffer.byteLength(listLine(read))).toBeLessThanOrEqual(TOOLS_LIST_BUDGET);
    expect(Buffer.byteLength(listLine(writes))).toBeLessThanOrEqual(TOOLS_LIST_BUDGET + 6_000);
    const tools = (m: Rpc[]) => (byId(m, 2).result!.tools as { name: string; inputSchema: unknown; outputSchema: unknown; annotations: unknown; title: string }[])
      .map(({ name, title, inputSchema, outputSchema, annotations }) => ({ name, title, annotations, inputSchema, outputSchema }));
    await expect(JSON.stringify({ readOnly: tools(read.messages), allowWrites: tools(writes.messages) }, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/mcp-tools.json');
  });
});

describe('fas mcp stopped', () => {
  it('by Ctrl-C while its client keeps stdin open: ends as any command does, nothing on stdout', async () => {
    const child = spawn(process.execPath, [FAS_BIN, 'mcp'], { env: baseEnv(sb.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    const serving = new Promise<void>((resolve) => child.stderr.on('data', (d) => (err += d) && err.includes('serving') && resolve()));
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    await serving;
    child.kill('SIGINT');
    const end = await ended;
    // fas ends itself with the signal, as a shell expects of a command stopped by Ctrl-C (130).
    expect(end.code === 130 || end.signal === 'SIGINT').toBe(true);
    expect(out).toBe('');
    expect(err).toMatch(/\nError: stopped serving\n$/);
  });
});

describe('the build', () => {
  /** Every file a chunk imports statically, and theirs: what loading it reads. */
  function staticClosure(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(join(DIST, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?\sfrom\s*)?["'](\.\/[^"']+)["']/g)) {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      staticClosure(join(dir, spec!).replace(/^\.\//, ''), seen);
    }
    return seen;
  }

  it('loads the SDK only for fas mcp: not with the CLI, nor with the handlers every command loads', () => {
    const handlers = readdirSync(join(DIST, 'chunks')).find((f) => f.startsWith('handlers-'))!;
    const loaded = new Set([...staticClosure('cli.js'), ...staticClosure(`chunks/${handlers}`)]);
    expect(loaded.size).toBeGreaterThan(2);
    for (const file of loaded) expect(readFileSync(join(DIST, file), 'utf8'), file).not.toMatch(/McpServer|modelcontextprotocol/);
    const serve = readdirSync(join(DIST, 'chunks')).filter((f) => readFileSync(join(DIST, 'chunks', f), 'utf8').includes('McpServer'));
    expect(serve.length).toBeGreaterThan(0);
  });
});
