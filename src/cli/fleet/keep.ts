// fas fleet keep: the live loop, its drain hook, and what it prints: a live
// view on a terminal, a line per action piped, an object per action with -o jsonl.
import type { Spot } from '../../api/types.js';
import { TimeoutError, InterruptedError } from '../../errors.js';
import { keepFleet, type FleetState } from '../../fleet/keep.js';
import type { Context } from '../shared/context.js';
import { Hooks } from '../spots/watch/hooks.js';
import { specFromFlags } from './flags.js';
import type { KeepFlags } from './commands.js';
import { LiveFleetView } from './live.js';
import { actionLine, actionView, recordOf, type ActionRecord } from './report.js';
import { parsePositiveDuration } from '../shared/parse.js';


export async function keep(ctx: Context, name: string, flags: KeepFlags): Promise<void> {
  const spec = specFromFlags(name, flags);
  const periodMs = parsePositiveDuration(flags.period, '--period');
  const ownView = ctx.out.ownView('a fleet\'s live view and lines (-o jsonl prints its actions as objects)');
  const stream = ownView ? undefined : await ctx.out.stream(actionView);
  const live = ownView && ctx.io.stdoutIsTTY;
  const client = ctx.client();
  const now = () => Date.now() + (client.serverTimeOffsetMs ?? 0);
  const view = live ? new LiveFleetView(ctx.out) : undefined;
  let state: FleetState | undefined;
  const emit = async (r: ActionRecord) => {
    if (stream) return stream.write(r);
    if (view) return view.note(actionLine(r).slice(21));
    ctx.io.stdout.write(`${actionLine(r)}\n`);
  };
  const say = (line: string) => (view ? view.message(line) : ctx.out.info(line));
  const hooks = new Hooks({
    onTermination: flags.onTermination,
    env: ctx.env,
    apiUrl: ctx.settings.apiUrl,
    log: say,
    output: say,
    secondsLeft: (time) => Math.max(0, Math.round((Date.parse(time) - now()) / 1000)),
  });
  const pending: Promise<void>[] = [];
  const notice = (spot: Spot, e: Parameters<Hooks['termination']>[1] | undefined) => {
    const { slot } = { slot: Number(/^fas-fleet-slot:(\d+)\./.exec(spot.tags?.find((t) => t.startsWith('fas-fleet-slot:')) ?? '')?.[1] ?? -1) };
    pending.push(emit({ time: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), fleet: name, action: 'notice', slot, spot_id: spot.id, metro: spot.metro, plan: spot.plan, bid: spot.spot_price_max, on_demand: false, reason: 'termination notice', replaces: null, error: null }));
    const event = e ?? { id: '', type: 'spot.termination_notice', time: new Date(now()).toISOString(), resource_type: 'spot', resource_id: spot.id, data: {} } as unknown as NonNullable<typeof e>;
    hooks.termination({ ...spot, price: spot.price }, event);
  };
  let result: FleetState;
  try {
    result = await keepFleet(client, spec, {
      signal: ctx.signal,
      once: flags.once,
      periodMs,
      onAction: (done) => pending.push(emit(recordOf(name, done, now()))),
      onNotice: notice,
      onRemoved: (id) => hooks.spotRemoved(id),
      onState: (s) => {
        state = s;
        view?.show(s);
      },
      onTrouble: (err, ms) => (view ? view.message(`${err.message}; trying again in ${(ms / 1000).toFixed(1)}s`) : ctx.out.warn(`${err.message}; trying again in ${(ms / 1000).toFixed(1)}s`)),
    });
    await Promise.all(pending);
    await stream?.end();
  } finally {
    view?.close();
    if (ctx.signal.aborted || !flags.once) await hooks.stopAll();
    else await hooks.idle();
  }
  if (ctx.signal.aborted) {
    const held = state?.members.length ?? 0;
    throw new InterruptedError(`stopped keeping fleet ${name}: its ${held} spot${held === 1 ? ' is' : 's are'} kept; release them with fas fleet release ${name}`);
  }
  if (flags.once && !result.met) {
    const active = result.members.filter((m) => m.state === 'active' && !m.noticed).length;
    throw new TimeoutError(`fleet ${name} is not at its target yet: ${active} of ${spec.count} spots active${result.bought ? `, ${result.bought} bought now` : ''}`, { hint: `run it again once they are active: fas fleet status ${name}` });
  }
}
