// What a run of fas needs of its process besides streams, arguments and
// environment: its pid, the script that runs it, signals and a way out.
// Built from `process` in main.ts; tests give their own.
import { release } from 'node:os';

export type HostSignal = 'SIGINT' | 'SIGTERM';

export interface Host {
  pid: number;
  /** The script that runs fas (bin/fas.js), to run it again in the background. */
  entry: string;
  nodeVersion: string;
  /** The operating system, for bug reports: `linux`, its kernel's release, `x64`. */
  system: { platform: string; release: string; arch: string };
  /** Calls `listener` on each `signal` until the returned function is called. */
  onSignal(signal: HostSignal, listener: () => void): () => void;
  /** Ends the process at once, with `code`. */
  exit(code: number): never;
}

export function processHost(proc: NodeJS.Process): Host {
  return {
    pid: proc.pid,
    entry: proc.argv[1] ?? '',
    nodeVersion: proc.versions.node,
    system: { platform: proc.platform, release: release(), arch: proc.arch },
    onSignal(signal, listener) {
      proc.on(signal, listener);
      return () => proc.off(signal, listener);
    },
    exit: (code) => proc.exit(code),
  };
}
