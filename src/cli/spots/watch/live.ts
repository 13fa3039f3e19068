// `fas spots watch` on a terminal: the pool drawn in place and redrawn (on
// each change, and every second for the countdowns) by moving the cursor
// back up over the last frame. A frame never has more lines than the
// screen, nor a line wider than it (a wrapped line would throw the cursor's
// count off); after a resize, whose reflow of the old frame cannot be
// known, the screen is cleared and the frame drawn from its top. Under the
// spots, the last changes, messages and hook lines (each with its spot), as
// many as the rows left free show; the cursor is hidden while drawing and
// shown again on close. Every field is cleaned of control characters.
import type { SpotEvent, SpotState } from '../../../api/types.js';
import { clean } from '../../output/clean.js';
import { humanSpan, money } from '../../output/format.js';
import type { Output } from '../../output/output.js';
import { SHORT_ID } from '../../output/view.js';
import { STATE_STYLE } from '../../output/state-style.js';
import type { Pool, WatchedSpot } from './pool.js';
import type { WatchView } from './views.js';
import { spotLine } from '../../events/words.js';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_DOWN = '\x1b[J';
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const up = (lines: number) => (lines > 0 ? `\x1b[${lines}A\r` : '\r');

/** Lines of changes and messages kept for under the spots: more than any screen shows. */
const LOG_LINES = 500;
const DEFAULT_ROWS = 24;
const DEFAULT_COLUMNS = 80;
const STATE_WIDTH = 'provisioning'.length;
const METRO_WIDTH = 5;
const PRICE_WIDTH = 8;
const COUNTDOWN_WIDTH = 10;

/** Spots needing attention first: under notice (soonest first), then on their way in or out, then running. */
const ORDER: Record<SpotState, number> = { terminating: 0, provisioning: 1, active: 2, removed: 3 };

export class LiveView implements WatchView {
  private pool: Pool | undefined;
  private drawn = 0;
  private readonly log: string[] = [];
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** The screen's size when the last frame was drawn. */
  private size = '';
  private readonly onResize = () => this.draw();

  /** `now`: the server's clock as best known, for the countdowns. */
  constructor(
    private readonly out: Output,
    private readonly now: () => number,
  ) {
    this.out.io.stdout.write(HIDE_CURSOR);
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
    this.out.io.stdout.on('resize', this.onResize);
  }

  show(pool: Pool): void {
    this.pool = pool;
    this.draw();
  }

  changed(e: SpotEvent): void {
    this.note(spotLine(e, { short: true }));
  }

  event(): void {}

  message(line: string): void {
    // A message on a terminal of its own goes there; on this one, it would break the frame.
    if (!this.out.io.stderrIsTTY) return this.out.info(line);
    if (!this.out.quiet) this.note(line);
  }

  error(line: string): void {
    if (!this.out.io.stderrIsTTY) return this.out.error(line);
    this.note(`Error: ${line}`);
  }

  hookOutput(line: string, spotId: string | undefined): void {
    if (!this.out.io.stderrIsTTY) this.out.io.stderr.write(`${clean(line)}\n`);
    else this.note(`${spotId === undefined ? 'hook' : spotId.slice(0, SHORT_ID)} | ${line}`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.out.io.stdout.off('resize', this.onResize);
    this.draw();
    this.out.io.stdout.write(SHOW_CURSOR);
  }

  private note(line: string): void {
    this.log.push(clean(line));
    if (this.log.length > LOG_LINES) this.log.shift();
    this.draw();
  }

  private draw(): void {
    if (!this.pool) return;
    const width = Math.max(40, this.out.io.columns ?? DEFAULT_COLUMNS) - 1;
    const height = Math.max(6, this.out.io.rows ?? DEFAULT_ROWS) - 1;
    const lines = this.frame(width, height).map((line) => fit(line, width));
    const size = `${this.out.io.columns}x${this.out.io.rows}`;
    const back = this.size === '' || this.size === size ? `${up(this.drawn)}${CLEAR_DOWN}` : CLEAR_SCREEN;
    this.size = size;
    // Styled after fitting: a colour code never counts as width.
    this.out.io.stdout.write(`${back}${lines.map((l) => `${this.styled(l)}\n`).join('')}`);
    this.drawn = lines.length;
  }

  private frame(width: number, height: number): string[] {
    const now = this.now();
    const live = this.pool!.all()
      .filter((s) => s.state !== 'removed')
      .sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.termination_time ?? '').localeCompare(b.termination_time ?? ''));
    const count = (state: SpotState) => live.filter((s) => s.state === state).length;
    const summary = `${live.length} spot${live.length === 1 ? '' : 's'}: ${count('active')} active, ${count('terminating')} terminating, ${count('provisioning')} provisioning`;
    const clock = new Date(now).toISOString().slice(11, 19);
    const head = [`${summary}${' '.repeat(Math.max(1, width - summary.length - clock.length))}${clock}`, row('ID', 'STATE', 'METRO', 'PRICE', 'TERMINATES', 'HOSTNAME')];
    // The spots first; the log gets what is left, but always its last line.
    const logRoom = Math.min(this.log.length, Math.max(1, height - head.length - live.length - 1));
    const log = logRoom ? ['', ...this.log.slice(-logRoom)] : [];
    const room = Math.max(1, height - head.length - log.length);
    const shown = live.length > room ? live.slice(0, room - 1) : live;
    const rows = shown.map((s) => row(s.id.slice(0, SHORT_ID), s.state, s.metro, s.price === undefined ? '-' : money(s.price), countdown(s, now), s.hostname));
    if (shown.length < live.length) rows.push(`… and ${live.length - shown.length} more`);
    return [...head, ...rows, ...log];
  }

  /** The state word coloured, in the spot rows only. */
  private styled(line: string): string {
    const state = /^\S+ {2}(provisioning|active|terminating)\b/.exec(line)?.[1] as SpotState | undefined;
    if (!state) return line;
    const at = SHORT_ID + 2;
    return `${line.slice(0, at)}${this.out.style[STATE_STYLE[state]](state)}${line.slice(at + state.length)}`;
  }
}

/** A row of the table: each field cleaned (all come from the server), then padded to its column. */
function row(id: string, state: string, metro: string, price: string, terminates: string, hostname: string): string {
  const widths = [SHORT_ID, STATE_WIDTH, METRO_WIDTH, PRICE_WIDTH, COUNTDOWN_WIDTH, 0];
  return [id, state, metro, price, terminates, hostname].map((field, i) => clean(field).padEnd(widths[i]!)).join('  ');
}

function countdown(spot: WatchedSpot, now: number): string {
  if (!spot.termination_time) return spot.state === 'terminating' ? 'removing' : '-';
  const left = Date.parse(spot.termination_time) - now;
  return left > 0 ? `in ${humanSpan(left)}` : 'due';
}

/** A line cut to the width, so that it never wraps. */
function fit(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
