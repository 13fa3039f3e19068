// The streams a run of fas reads and writes, gh-style: built once from the
// process in main.ts, and as a double in tests that captures what is written.
// Nothing else in the CLI touches the process's streams.
import { PassThrough, Writable, type Readable } from 'node:stream';

/** The environment, as the process gives it. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface IO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The width of the terminal stdout shows on; undefined when it is none or does not say. */
  readonly columns: number | undefined;
  /** The same for stderr, where progress is drawn. */
  readonly stderrColumns: number | undefined;
  /** The height of the terminal stdout shows on, for a view redrawn in place; undefined when it is none or does not say. */
  readonly rows?: number | undefined;
}

type TtyStream = { isTTY?: boolean; columns?: number };

/** The IO of this process. */
export function processIO(proc: NodeJS.Process): IO {
  const out = proc.stdout as TtyStream;
  const err = proc.stderr as TtyStream;
  return {
    stdin: proc.stdin,
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdinIsTTY: (proc.stdin as TtyStream).isTTY === true,
    stdoutIsTTY: out.isTTY === true,
    stderrIsTTY: err.isTTY === true,
    // Read when asked: a terminal can be resized while fas waits.
    get columns() {
      return out.isTTY ? out.columns || undefined : undefined;
    },
    get stderrColumns() {
      return err.isTTY ? err.columns || undefined : undefined;
    },
    get rows() {
      return out.isTTY ? (proc.stdout as { rows?: number }).rows || undefined : undefined;
    },
  };
}

export interface TestIOOptions {
  /** What stdin holds; it ends after it. */
  stdin?: string;
  /** Whether stdout and stderr are terminals (and stdin, for prompts). Default false. */
  tty?: boolean;
  /** The terminal's width when `tty`. Default 80. */
  columns?: number;
}

export interface TestIO {
  io: IO;
  stdout(): string;
  stderr(): string;
}

/** IO for tests: stdin from a string, stdout and stderr captured. */
export function testIO(options: TestIOOptions = {}): TestIO {
  const captured = { stdout: '', stderr: '' };
  const sink = (name: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _encoding, done) {
        captured[name] += String(chunk);
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const tty = options.tty ?? false;
  const columns = tty ? (options.columns ?? 80) : undefined;
  return {
    io: {
      stdin,
      stdout: sink('stdout'),
      stderr: sink('stderr'),
      stdinIsTTY: tty,
      stdoutIsTTY: tty,
      stderrIsTTY: tty,
      columns,
      stderrColumns: columns,
    },
    stdout: () => captured.stdout,
    stderr: () => captured.stderr,
  };
}
