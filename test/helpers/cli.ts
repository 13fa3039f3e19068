// Runs `fas` as a user's command would run, with its own environment, its
// own config directory and no terminal: in this process (run-cli.ts), since
// what a command prints and returns does not depend on being a process.
// Where a process is the point (signals, a terminal, --detach, the packed
// binary), process.ts starts the built bin.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAS_BIN = fileURLToPath(new URL('../../bin/fas.js', import.meta.url));

if (!existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)))) {
  throw new Error('dist/cli.js is missing: run npm run build (npm test does it first)');
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** What stdin holds. */
  input?: string;
  /** Fail the test if the command has not ended by then (default 30 s). */
  timeoutMs?: number;
}

export function tempDir(prefix = 'fas-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** What a caller's shell may hold that changes how fas or its terminal libraries draw (ora draws no spinner under CI): a test that wants one sets it. */
const CALLERS = new Set(['NO_COLOR', 'FORCE_COLOR', 'CI']);

/** A clean environment: nothing from the developer's own fas set-up, nor the caller's colour or CI, leaks in. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('FAS_') && !CALLERS.has(k)) env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs fas in this process with the environment a subprocess would get from baseEnv. */
export async function runFas(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { runInProcess } = await import('./run-cli.js');
  const limit = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`fas ${args.join(' ')} did not finish in ${limit} ms`)), limit);
  });
  try {
    const r = await Promise.race([runInProcess(args, { env: baseEnv(options.env), stdin: options.input ?? '', replaceEnv: true }), late]);
    return { ...r, signal: null };
  } finally {
    clearTimeout(timer);
  }
}

/** Lines that look like a JavaScript stack frame: never allowed on stderr. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
