// A client nobody on the project wrote: the MCP Inspector's CLI mode (the
// pinned devDependency) starts the built `fas mcp`, lists its tools, calls
// a read tool, and is refused an unconfirmed write with the documented
// failure. The Inspector needs Node >= 22.19: it runs on this Node, or on
// the one FAS_INSPECTOR_NODE names; on an older one this skips. fas itself
// runs on this Node.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, FAS_BIN, tempDir } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const INSPECTOR_NODE = process.env.FAS_INSPECTOR_NODE ?? process.execPath;
const VERSION = execFileSync(INSPECTOR_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
const [major = 0, minor = 0] = VERSION.split('.').map(Number);
const SUPPORTED = major > 22 || (major === 22 && minor >= 19);
const TITLE = SUPPORTED
  ? "the MCP Inspector's CLI drives fas mcp"
  : `the MCP Inspector's CLI drives fas mcp: skipped, it needs Node >= 22.19 and this is ${VERSION} (set FAS_INSPECTOR_NODE to a newer one)`;

const PACKAGE = join(FAS_BIN, '../../node_modules/@modelcontextprotocol/inspector');
const INSPECTOR = join(PACKAGE, (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['mcp-inspector']!);

let sb: TestSandbox;
beforeAll(async () => {
  if (SUPPORTED) sb = await withSandbox();
});
afterAll(() => sb?.close());

/** The Inspector's CLI against `fas mcp ...serverArgs`, then its own options. */
function inspect(serverArgs: string[], inspectorArgs: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.entries(sb.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return new Promise((resolve) => {
    execFile(
      INSPECTOR_NODE,
      [INSPECTOR, '--cli', ...env, process.execPath, FAS_BIN, 'mcp', ...serverArgs, ...inspectorArgs],
      // Its catalog and any secrets it keeps go to a home of its own.
      { env: baseEnv({ HOME: tempDir('fas-inspector-home-') }), timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!SUPPORTED)(TITLE, () => {
  it('lists the read-only tools', async () => {
    const r = await inspect([], ['--method', 'tools/list']);
    expect(r.code, r.stderr).toBe(0);
    const names = (JSON.parse(r.stdout) as { tools: { name: string; annotations: { readOnlyHint: boolean } }[] }).tools;
    expect(names.map((t) => t.name)).toEqual(expect.arrayContaining(['market_prices', 'spots_list', 'events']));
    expect(names.every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it('calls a read tool', async () => {
    const r = await inspect([], ['--method', 'tools/call', '--tool-name', 'plans']);
    expect(r.code, r.stderr).toBe(0);
    const plans = (JSON.parse(r.stdout) as { structuredContent: { plans: { slug: string }[] } }).structuredContent.plans;
    expect(plans.map((p) => p.slug)).toContain('c3.small');
  });

  it('an unconfirmed write: refused, since the Inspector cannot ask the person; nothing bought', async () => {
    const r = await inspect(['--allow-writes'], ['--method', 'tools/call', '--tool-name', 'apply', '--tool-arg', 'plan_id=any']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('Error: this client cannot ask the person to confirm (it offers no elicitation): nothing was done');
    expect(await sb.runJson(['spots', 'list'])).toEqual([]);
  });
});
