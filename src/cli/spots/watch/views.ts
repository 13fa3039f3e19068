// How `fas spots watch` shows what it sees: for people, the pool redrawn in
// place on a terminal (live.ts), else one line a change; in any other format
// (wide, csv, json, yaml, -q, --query), each event it passes on, printed as
// `fas events` prints it.
import type { Event, SpotEvent } from '../../../api/types.js';
import { clean } from '../../output/clean.js';
import type { Output } from '../../output/output.js';
import type { Stream } from '../../output/stream.js';
import type { Pool } from './pool.js';
import { spotLine } from '../../events/words.js';

export interface WatchView {
  /** The pool as the watch starts (or starts again, after a resync). */
  show(pool: Pool): void;
  /** An event that changed a watched spot. */
  changed(e: SpotEvent): void;
  /** Every event the watch passes on; awaited, so that a slow reader holds the watch back rather than piling up. */
  event(e: Event): void | Promise<void>;
  /** A line for a person: how a hook ended, a warning. */
  message(line: string): void;
  /** One bad item of the server's (an event set apart), said as an error while the watch goes on. */
  error(line: string): void;
  /** A line a hook wrote, and the spot the hook runs for (if any). */
  hookOutput(line: string, spotId: string | undefined): void;
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
  changed(e: SpotEvent): void {
    this.out.io.stdout.write(`${clean(spotLine(e))}\n`);
  }
  event(_e: Event): void {}
  message(line: string): void {
    this.out.info(line);
  }
  error(line: string): void {
    this.out.error(line);
  }
  hookOutput(line: string, _spotId?: string): void {
    this.out.io.stderr.write(`${clean(line)}\n`);
  }
  close(): void {}
}

/** Each event the watch passes on, through the output's stream of events. */
export class EventsView extends LinesView {
  constructor(
    out: Output,
    private readonly events: Stream<Event>,
  ) {
    super(out);
  }
  override changed(): void {}
  override event(e: Event): Promise<void> {
    return this.events.write(e);
  }
}
