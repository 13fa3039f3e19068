// `fas events` prints each event as it comes, so that a follow streams: one
// JSON object a line with --json, its id with --quiet, else a row of fixed
// columns (a header first), fitted to a terminal's width.
import type { Event, EventType } from '../../api/types.js';
import type { Output } from '../output/output.js';
import { clean } from '../output/clean.js';
import type { Style } from '../output/style.js';
import { eventDetail, jsonLine } from './words.js';

const ID_WIDTH = 6;
const TIME_WIDTH = 20;
const TYPE_WIDTH = 'spot.termination_notice'.length;
/** On a terminal, ids are cut to this; piped, they are whole. */
const SHORT_ID = 8;

const TYPE_STYLE: Partial<Record<EventType, keyof Style>> = {
  'spot.active': 'green',
  'spot.termination_notice': 'red',
  'spot.removing': 'yellow',
  'spot.removed': 'dim',
  'bid.fulfilled': 'green',
  'bid.expired': 'red',
  'bid.cancelled': 'red',
  'execution.completed': 'green',
  'execution.failed': 'red',
  'execution.cancelled': 'red',
};

export class EventRows {
  private headed = false;
  private readonly tty: boolean;

  constructor(private readonly out: Output) {
    this.tty = out.io.stdoutIsTTY;
  }

  write(e: Event): void {
    if (this.out.format === 'json') return this.emit(jsonLine(e));
    if (this.out.quiet) return this.emit(clean(e.id));
    if (!this.headed) {
      this.headed = true;
      this.emit(this.out.style.bold(this.row('ID', 'TIME', 'TYPE', 'RESOURCE', 'DETAIL')));
    }
    const style = TYPE_STYLE[e.type];
    const line = this.row(e.id, e.time, e.type, e.resource_id, eventDetail(e));
    this.emit(style ? this.colour(line, e.type, style) : line);
  }

  /** On a terminal, the time of day (UTC) and short ids, so that the detail has room in 80 columns. */
  private row(id: string, time: string, type: string, resource: string, detail: string): string {
    const header = id === 'ID';
    const res = this.tty && !header ? resource.slice(0, SHORT_ID) : resource;
    const when = this.tty && !header ? time.slice(11, 19) : time;
    const head = [
      clean(id).padEnd(ID_WIDTH),
      clean(when).padEnd(this.tty ? 8 : TIME_WIDTH),
      clean(type).padEnd(TYPE_WIDTH),
      clean(res).padEnd(this.tty ? SHORT_ID : 36),
      '',
    ].join('  ');
    let rest = clean(detail);
    const width = this.tty ? this.out.io.columns : undefined;
    if (width !== undefined && head.length + rest.length > width - 1) rest = `${rest.slice(0, Math.max(0, width - 2 - head.length))}…`;
    return (head + rest).trimEnd();
  }

  /** Only the type is coloured, after the line is cut: a colour code never counts as width. */
  private colour(line: string, type: string, style: keyof Style): string {
    const at = line.indexOf(type);
    return at < 0 ? line : `${line.slice(0, at)}${this.out.style[style](type)}${line.slice(at + type.length)}`;
  }

  private emit(line: string): void {
    this.out.io.stdout.write(`${line}\n`);
  }
}
