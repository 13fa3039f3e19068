// A `fas` that keeps running (a watch, a follow): started, read while it
// runs, signalled, and awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { baseEnv, FAS_BIN } from './cli.js';

export interface RunningFas {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with how it ended; rejects if it has not ended `timeoutMs` after it was asked. */
  ended(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

export function startFas(args: readonly string[], env: Record<string, string | undefined>): RunningFas {
  const child = spawn(process.execPath, [FAS_BIN, ...args], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    ended(timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`fas ${args.join(' ')} did not end in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        void exit.then((r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
    },
    kill(signal = 'SIGTERM') {
      child.kill(signal);
    },
  };
}

/** A loopback port free now, for a sandbox that must come back on the same one after a kill. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
