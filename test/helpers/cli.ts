// Runs the built `fas` exactly as a user would: a subprocess with its own
// environment, its own config directory and no terminal.
import { spawn } from 'node:child_process';
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
  input?: string;
  /** Resolve as soon as stderr contains this (the process goes on). */
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

export function runFas(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FAS_BIN, ...args], {
      env: baseEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fas ${args.join(' ')} did not finish in ${options.timeoutMs ?? 30_000} ms\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Lines that look like a JavaScript stack frame: never allowed on stderr. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
