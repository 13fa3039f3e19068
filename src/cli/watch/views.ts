// How `fas spots watch` shows what it sees: one JSON event a line (--json),
// one line a change (off a terminal), or the pool redrawn in place (live.ts).
import type { Event, SpotEvent } from '../../api/types.js';
import { clean } from '../output/clean.js';
import type { Output } from '../output/output.js';
import type { Pool, WatchedSpot } from './pool.js';
import { jsonLine, spotLine } from './words.js';

export interface WatchView {
  /** The pool as the watch starts (or starts again, after a resync). */
  show(pool: Pool): void;
  /** A watched spot that an event changed. */
  changed(spot: WatchedSpot, e: SpotEvent): void;
  /** Every event the watch passes on. */
  event(e: Event): void;
  /** A line for a person: how a hook ended, a warning. */
  message(line: string): void;
  /** A line a hook wrote. */
  hookOutput(line: string): void;
  close(): void;
}

/** Off a terminal: `2026-12-01T15:00:00Z spot ID terminating (termination in 120s)`, one line a change. */
export class LinesView implements WatchView {
  constructor(protected readonly out: Output) {}
  show(pool: Pool): void {
    const live = pool.all().filter((s) => s.state !== 'removed');
    const terminating = live.filter((s) => s.state === 'terminating').length;
    this.out.info(`watching ${live.length} spot${live.length === 1 ? '' : 's'}${terminating ? ` (${terminating} terminating)` : ''}`);
  }
  changed(_spot: WatchedSpot, e: SpotEvent): void {
    this.out.io.stdout.write(`${clean(spotLine(e))}\n`);
  }
  event(_e: Event): void {}
  message(line: string): void {
    this.out.info(line);
  }
  hookOutput(line: string): void {
    this.out.io.stderr.write(`${clean(line)}\n`);
  }
  close(): void {}
}

/** --json: each event the watch passes on, as one line of JSON. */
export class JsonView extends LinesView {
  override changed(): void {}
  override event(e: Event): void {
    this.out.io.stdout.write(`${jsonLine(e)}\n`);
  }
}
