// What a run of fas needs of its process besides streams, arguments and
// environment: its pid, the script that runs it, signals and a way out.
// Built from `process` in main.ts; tests give their own. Also the one way
// fas runs a command of the user's (a watch's hooks), in a process group of
// its own so that it can be told to stop, children and all.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { release } from 'node:os';

export type HostSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

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

/** A command run through the shell: its input, its output (stdout and stderr), how it ended, and a way to signal it. */
export interface ShellRun {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  /** Its exit code, or the signal that ended it; an error when it could not start at all. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Sends `signal` to its whole process group: the shell and whatever it
   * started, also once the shell itself has gone (it forks for any command
   * but the simplest, and what it started lives on, its output open or not).
   */
  signal(signal: NodeJS.Signals): void;
  /** Whether anything of its process group is left. */
  groupAlive(): boolean;
}

/**
 * Runs `command` with `/bin/sh -c`, in a process group of its own, with
 * `env`; a NUL, which no variable can hold, is left out of a value rather
 * than keep the command from running at all.
 */
export function runShell(command: string, env: Readonly<Record<string, string | undefined>>): ShellRun {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) vars[name.replaceAll('\0', '')] = value.replaceAll('\0', '');
  const child = spawn('/bin/sh', ['-c', command], { env: vars, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  // A command that does not read its input must not fail fas with EPIPE.
  child.stdin.on('error', () => {});
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    ended,
    // Linux hands out no pid still naming a process group: while any of the group is left, its id is its own.
    signal(signal) {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Gone already: nothing left to tell.
      }
    },
    groupAlive() {
      return child.pid !== undefined && groupHasLiving(child.pid);
    },
  };
}

/**
 * Whether process group `pgid` has a member that is not a zombie. Where
 * nothing reaps orphans (PID 1 of many containers), the dead of a group
 * stay in it as zombies, which a signal of 0 counts as there; on Linux the
 * group is read from /proc instead.
 */
function groupHasLiving(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  for (const pid of pids) {
    try {
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read from its last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // Gone while the list was read.
    }
  }
  return false;
}
