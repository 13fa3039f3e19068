// A sandbox for one test file: in-process, on a free loopback port, with its
// own data directory, and a `fas` pointed at it.
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { Connection } from '../../src/sandbox/store/sqlite.js';
import { runFas, tempDir, type RunOptions, type RunResult } from './cli.js';
import { runInProcess, type InProcessOptions, type InProcessResult } from './run-cli.js';
import { steadySeed } from './market.js';
import { freePort } from './process.js';

export interface TestSandbox {
  sandbox: RunningSandbox;
  configDir: string;
  /** Environment for `fas` to reach this sandbox with its token. */
  env: Record<string, string>;
  fas(args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Runs fas with --json and parses stdout; fails on a non-zero exit. */
  json<T = unknown>(args: readonly string[], options?: RunOptions): Promise<T>;
  /** Runs fas in this process against this sandbox (test/helpers/run-cli.ts). */
  run(args: readonly string[], options?: InProcessOptions): Promise<InProcessResult>;
  /** Runs fas in this process with --json and parses stdout; fails on a non-zero exit. */
  runJson<T = unknown>(args: readonly string[], options?: InProcessOptions): Promise<T>;
  close(): Promise<void>;
}

export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ dataDir: tempDir('fas-sandbox-'), port: 0, provisionSeconds: 0.2, seed: steadySeed(), ...options });
  const configDir = tempDir('fas-config-');
  const env = { FAS_API_URL: sandbox.url, FAS_TOKEN: sandbox.token, FAS_CONFIG_DIR: configDir };
  const fas = (args: readonly string[], o: RunOptions = {}) => runFas(args, { ...o, env: { ...env, ...o.env } });
  const run = (args: readonly string[], o: InProcessOptions = {}) => runInProcess(args, { ...o, env: { ...env, ...o.env } });
  return {
    sandbox,
    configDir,
    env,
    fas,
    async json<T>(args: readonly string[], o: RunOptions = {}) {
      const r = await fas([...args, '--json'], o);
      if (r.code !== 0) throw new Error(`fas ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    run,
    async runJson<T>(args: readonly string[], o: InProcessOptions = {}) {
      const r = await run([...args, '--json'], o);
      if (r.code !== 0) throw new Error(`fas ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    close: () => sandbox.close(),
  };
}

/**
 * Gives the resources `ids` of `table` ids that start with `prefix`, as
 * chance does in a large account: ids are random UUIDs, so a test that needs
 * two alike makes them so in the database itself (a spot's executions follow
 * it). Returns the new ids, in order.
 */
export function givePrefix(dataDir: string, table: 'spots' | 'bids' | 'executions', ids: readonly string[], prefix: string): string[] {
  const db = new Connection(join(dataDir, 'sandbox.db'));
  try {
    db.exec('BEGIN');
    const renamed = ids.map((id) => {
      const name = prefix + id.slice(prefix.length);
      db.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`).run(name, id);
      if (table === 'spots') db.prepare('UPDATE executions SET resource_id = ? WHERE resource_id = ?').run(name, id);
      return name;
    });
    db.exec('COMMIT');
    return renamed;
  } finally {
    db.close();
  }
}

/**
 * A detached sandbox that a test can kill -9 and start again, on the same
 * port and data directory, with `--admin` and `faults` injected: each call of
 * the returned function starts it (again) and gives its pid and URL.
 */
export async function restartableSandbox(
  fas: (args: string[]) => Promise<RunResult>,
  { dataDir, faults, provisionSeconds }: { dataDir: string; faults: string; provisionSeconds: number },
): Promise<() => Promise<{ pid: number; url: string }>> {
  const port = String(await freePort());
  return async () => {
    const args = ['sandbox', 'start', '--detach', '--port', port, '--data', dataDir, '--admin', '--faults', faults, '--provision-seconds', String(provisionSeconds)];
    const r = await fas([...args, '--seed', String(steadySeed()), '--json']);
    if (r.code !== 0) throw new Error(`fas sandbox start exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as { pid: number; url: string };
  };
}
