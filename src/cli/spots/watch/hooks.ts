// The commands a watch runs: --on-termination for each termination notice
// the watch passes on, which is one per spot (never two, whatever reconnects
// or resyncs happen, for the life of the process), --on-event once per event.
// Each runs at once, beside the others, through /bin/sh -c in a process
// group of its own, with the event's JSON on its stdin. A termination hook
// still running when its spot is removed is told to stop (SIGTERM to its
// group, and SIGKILL to the group 5 s later, whatever became of the shell).
// How each termination hook ended is kept: a watch that ends when its pool
// is gone says whether every drain ended well.
import { createInterface } from 'node:readline';
import type { Event } from '../../../api/types.js';
import { runShell, type ShellRun } from '../../shared/host.js';
import type { Env } from '../../shared/io.js';
import { safeJson } from '../../output/clean.js';
import type { WatchedSpot } from './pool.js';

/** How long a hook told to stop (SIGTERM) has before it is killed. */
const STOP_GRACE_MS = 5_000;

export interface HookOptions {
  onTermination?: string | undefined;
  onEvent?: string | undefined;
  /** The environment hooks start from: fas's own. */
  env: Env;
  /** Set as FAS_API_URL, so that `fas` in a hook reaches the API watched. */
  apiUrl: string;
  /** A line about a hook (how it ended), for stderr. */
  log(line: string): void;
  /** A line a hook wrote, on its stdout or stderr, and the spot it runs for (if any): it goes to fas's stderr, never its stdout. */
  output(line: string, spotId: string | undefined): void;
  /** Seconds from now to a termination time. */
  secondsLeft(terminationTime: string): number;
}

interface Running {
  run: ShellRun;
  /** The spot whose removal stops it: set for termination hooks. */
  stopsWith: string | undefined;
  stoppedBy?: NodeJS.Signals;
  /** Set once it was sent SIGKILL for not stopping in time. */
  killed?: boolean;
  done: Promise<void>;
}

export class Hooks {
  private readonly running = new Set<Running>();
  private stopping = false;
  /** How each termination hook that did not end well ended, in words. */
  private readonly failedDrains: string[] = [];
  private drains = 0;

  constructor(private readonly options: HookOptions) {}

  get wanted(): boolean {
    return this.options.onTermination !== undefined || this.options.onEvent !== undefined;
  }

  /** A spot got its notice, passed on once: its termination hook. */
  termination(spot: WatchedSpot, e: Event): void {
    if (this.options.onTermination === undefined) return;
    this.start(this.options.onTermination, { ...this.eventEnv(e), ...this.spotEnv(spot) }, e, `hook for spot ${spot.id}`, spot.id);
  }

  /** Any event the watch passes on; `spot` is the spot it is about, if any. */
  event(e: Event, spot: WatchedSpot | undefined): void {
    if (this.options.onEvent === undefined) return;
    this.start(this.options.onEvent, { ...this.eventEnv(e), ...(spot ? this.spotEnv(spot) : {}) }, e, `on-event hook for event ${e.id} (${e.type})`, undefined);
  }

  /** The spot is gone: its termination hook, if still running, is told to stop. */
  spotRemoved(spotId: string): void {
    for (const r of this.running) if (r.stopsWith === spotId) this.stop(r, 'SIGTERM');
  }

  /** The termination hooks run so far, and how those that did not exit 0 of themselves ended. */
  get drainOutcome(): { ran: number; failed: readonly string[] } {
    return { ran: this.drains, failed: this.failedDrains };
  }

  /** Resolves once no hook runs (those started meanwhile too). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running].map((r) => r.done));
  }

  /** Tells every hook to stop, and waits for them. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const r of this.running) this.stop(r, 'SIGTERM');
    await this.idle();
  }

  private start(command: string, vars: Record<string, string>, e: Event, label: string, stopsWith: string | undefined): void {
    const env = { ...this.options.env, FAS_API_URL: this.options.apiUrl, ...vars };
    const drain = stopsWith !== undefined;
    if (drain) this.drains += 1;
    const tell = (line: string, failed: boolean) => {
      this.options.log(line);
      if (failed && drain) this.failedDrains.push(line);
    };
    let run: ShellRun;
    try {
      run = runShell(command, env);
    } catch (err) {
      tell(`${label} could not start: ${(err as Error).message}`, true);
      return;
    }
    const running: Running = { run, stopsWith, done: Promise.resolve() };
    for (const stream of [run.stdout, run.stderr]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.options.output(line, stopsWith ?? spotOf(e)));
    run.stdin.end(`${safeJson(e, 0)}\n`);
    running.done = run.ended.then(
      ({ code, signal }) => {
        const told = running.stoppedBy;
        const why = this.stopping ? 'when the watch was stopped' : 'when its spot was removed';
        // The shell may have gone at SIGTERM while what it started lived on until SIGKILL.
        if (running.killed) tell(`${label} was killed (SIGKILL): it did not stop within ${STOP_GRACE_MS / 1000}s of ${told} ${why}`, true);
        else if (told && signal === told) tell(`${label} was stopped (${told}) ${why}`, true);
        else if (told && signal) tell(`${label} was killed (${signal}) after ${told} ${why}`, true);
        else if (told) tell(`${label} exited ${code} after ${told} ${why}`, code !== 0);
        else if (signal) tell(`${label} was killed by ${signal}`, true);
        else if (drain || code !== 0) tell(`${label} exited ${code}`, code !== 0);
      },
      (err: Error) => tell(`${label} could not start: ${err.message}`, true),
    ).finally(() => this.running.delete(running));
    this.running.add(running);
  }

  private stop(r: Running, signal: NodeJS.Signals): void {
    if (r.stoppedBy) return;
    r.stoppedBy = signal;
    r.run.signal(signal);
    // Held until it fires, unless the whole group has gone: what the shell started may outlive it, its output closed.
    const kill = setTimeout(() => {
      if (!r.run.groupAlive()) return;
      r.killed = true;
      r.run.signal('SIGKILL');
    }, STOP_GRACE_MS);
    void r.done.finally(() => {
      if (!r.run.groupAlive()) clearTimeout(kill);
    });
  }

  private eventEnv(e: Event): Record<string, string> {
    return { FAS_EVENT_ID: e.id, FAS_EVENT_TYPE: e.type, FAS_RESOURCE_ID: e.resource_id };
  }

  private spotEnv(spot: WatchedSpot): Record<string, string> {
    const vars: Record<string, string> = { FAS_SPOT_ID: spot.id, FAS_SPOT_IP: spot.ip, FAS_SPOT_HOSTNAME: spot.hostname };
    if (spot.termination_time) {
      vars.FAS_TERMINATION_TIME = spot.termination_time;
      vars.FAS_SECONDS_LEFT = String(this.options.secondsLeft(spot.termination_time));
    }
    return vars;
  }
}

/** The spot an event is about, for its hook's lines. */
function spotOf(e: Event): string | undefined {
  if (e.resource_type === 'spot') return e.resource_id;
  if (e.resource_type === 'execution') return e.data.spot_id ?? undefined;
  return undefined;
}
