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

/** A clean environment: nothing from the developer's own fas set-up leaks in. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('FAS_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR') env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * Runs fas in this process (test/helpers/run-cli.ts) with the environment a
 * subprocess would get from baseEnv: what a user sees of a command, without
 * the cost of a process. Where a process is the point, spawnFas.
 */
export async function runFas(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { runInProcess } = await import('./run-cli.js');
  const r = await runInProcess(args, { env: baseEnv(options.env), stdin: options.input ?? '', replaceEnv: true });
  return { ...r, signal: null };
}

/** Runs the built fas as a subprocess, exactly as a user's shell would. */
export function spawnFas(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
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
