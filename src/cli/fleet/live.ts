// `fas fleet keep` on a terminal: the fleet drawn in place and redrawn on
// each reconcile and action, by moving the cursor back up over the last
// frame. No line is wider than the screen, nor the frame taller (a wrapped
// line would throw the cursor's count off); messages join the frame when
// stderr is this terminal too.
import { clean } from '../output/clean.js';
import type { Output } from '../output/output.js';
import type { FleetState } from '../../fleet/keep.js';
import { stateLines } from './report.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_DOWN = '\x1b[J';
const up = (lines: number) => (lines > 0 ? `\x1b[${lines}A\r` : '\r');
const RECENT = 8;

export class LiveFleetView {
  private drawn = 0;
  private state: FleetState | undefined;
  private readonly recent: string[] = [];
  private closed = false;

  constructor(private readonly out: Output) {
    this.out.io.stdout.write(HIDE_CURSOR);
  }

  show(state: FleetState): void {
    this.state = state;
    this.draw();
  }

  /** An action or a message, under the fleet. */
  note(line: string): void {
    this.recent.push(clean(line));
    if (this.recent.length > RECENT) this.recent.shift();
    this.draw();
  }

  message(line: string): void {
    if (!this.out.io.stderrIsTTY) return this.out.info(line);
    if (!this.out.quiet) this.note(line);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.out.io.stdout.write(SHOW_CURSOR);
  }

  private draw(): void {
    if (this.closed) return;
    const width = Math.max(40, this.out.io.columns ?? 80) - 1;
    const height = Math.max(6, this.out.io.rows ?? 24) - 1;
    const head = this.state ? stateLines(this.state) : ['looking at the fleet…'];
    const tail = this.recent.length ? ['recent:', ...this.recent.map((l) => `  ${l}`)] : [];
    const lines = [...head, ...tail].slice(-height).map((l) => (l.length <= width ? l : `${l.slice(0, width - 1)}…`));
    this.out.io.stdout.write(`${up(this.drawn)}${CLEAR_DOWN}${lines.map((l) => `${l}\n`).join('')}`);
    this.drawn = lines.length;
  }
}
