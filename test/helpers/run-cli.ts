// Runs fas in this process, as gh's tests run a command: fake streams, an
// environment of the test's own (nothing of the caller's FAS_*, NO_COLOR or
// CI leaks in), and a host whose signals the test sends itself.
import { EventEmitter } from 'node:events';
import { release } from 'node:os';
import type { Host, HostSignal } from '../../src/cli/shared/host.js';
import { testIO, type TestIOOptions } from '../../src/cli/shared/io.js';
import { runCli } from '../../src/cli/run.js';
import { FAS_BIN, tempDir } from './cli.js';

export interface InProcessOptions extends TestIOOptions {
  env?: Record<string, string | undefined>;
  /** `env` is the whole environment, not additions to cleanEnv(). */
  replaceEnv?: boolean;
}

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A host for one in-process run: `send(signal)` calls what fas listens with; `exit` throws, as nothing may end the test runner. */
export class TestHost implements Host {
  readonly pid = process.pid;
  readonly entry = FAS_BIN;
  readonly nodeVersion = process.versions.node;
  readonly system = { platform: process.platform, release: release(), arch: process.arch };
  private readonly signals = new EventEmitter();
  exitCode: number | undefined;

  onSignal(signal: HostSignal, listener: () => void): () => void {
    this.signals.on(signal, listener);
    return () => this.signals.off(signal, listener);
  }

  send(signal: HostSignal): void {
    this.signals.emit(signal);
  }

  /** How many listen for `signal`: a test awaits a command's listening before it sends one. */
  listening(signal: HostSignal): number {
    return this.signals.listenerCount(signal);
  }

  exit(code: number): never {
    this.exitCode = code;
    throw new HostExit(code);
  }
}

export class HostExit extends Error {
  constructor(readonly code: number) {
    super(`fas exited ${code}`);
  }
}

/** The environment a run starts from: a PATH and HOME to stand on, and a config directory of its own unless given. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tempDir('fas-home-'), FAS_CONFIG_DIR: tempDir('fas-config-') };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs `fas args…` in-process and gives its exit code and what it wrote. */
export async function runInProcess(args: readonly string[], options: InProcessOptions = {}, host = new TestHost()): Promise<InProcessResult> {
  const t = testIO(options);
  let code: number;
  try {
    const env = options.replaceEnv ? { ...options.env } : cleanEnv(options.env);
    code = await runCli({ argv: args, env, io: t.io, host });
  } catch (err) {
    if (!(err instanceof HostExit)) throw err;
    code = err.code;
  }
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}
