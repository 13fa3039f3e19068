import { EVENT_TYPES } from '../../api/types.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';
import type { FlagsOf } from '../flags.js';

/** What the command's handler takes (handlers.ts), as its definition says. */
export interface EventsHandlers {
  list: HandlerOf<typeof events>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The types, a few a line, as the help lists them. */
function typeLines(): string {
  const lines: string[] = [];
  let line = '';
  for (const type of EVENT_TYPES) {
    const next = line ? `${line}, ${type}` : type;
    if (next.length > 74) {
      lines.push(`${line},`);
      line = type;
    } else line = next;
  }
  return [...lines, line].map((l) => `  ${l}`).join('\n');
}

const EVENTS_HELP = `
Types:
${typeLines()}

  Without --since or --after, the last hour; with --follow, from now on.
  Each event's ID is a cursor: --after ID reads on from it. --follow holds
  one request open at a time, rides out dropped connections and restarts
  of the server from its last cursor, and on Ctrl-C (exit 130), SIGTERM
  (143) or SIGHUP (129) prints the --after that resumes it without a gap.
  The API keeps events 7 days: an older cursor is an error naming the
  oldest one kept.
`;

export type EventsFlags = FlagsOf<typeof events>;

export function registerEvents(program: Group, run: Runner, load: () => Promise<EventsHandlers>): void {
  events(program).action(run(lazy(load, 'list')));
}

const events = (program: Group) =>
  program
    .command('events')
    .description("the account's feed of changes: spots, bids and executions, oldest first (--json: one JSON object a line)")
    .option('--since <time>', 'events from this time on: a duration ago (1h, 7d), an ISO 8601 time or Unix seconds')
    .option('--after <cursor>', 'events after this cursor (an event ID)')
    .option('--type <type>', 'only events of this type (repeat it for more)', collect)
    .option('-f, --follow', 'keep going: print each event as it comes, until Ctrl-C')
    .addHelpText('after', EVENTS_HELP)
    .examples([
      ['fas events', 'what changed in the last hour'],
      ['fas events --since 1d --type spot.termination_notice', 'the termination notices of the last day'],
      ['fas events --follow --json', 'each event as it comes, one JSON object a line, until Ctrl-C'],
      ['fas events --follow --after 1042', 'go on from where an earlier follow stopped'],
    ]);
