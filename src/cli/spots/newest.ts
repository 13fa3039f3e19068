// Removing "the newest spot": what `fas spots remove` with no id does. An
// unset variable (`fas spots remove $ID --yes`) looks the same as no id, so
// no id alone never removes a spot where nobody is asked: off a terminal, or
// with --yes, it takes --newest. On a terminal the question names the spot,
// and that spot, by its id, is the one removed.
import type { Spot } from '../../api/types.js';
import { ConflictError, UsageError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { humanSpan } from '../output/format.js';

/** Says whether the newest spot may be meant here; throws what to do instead when it may not. */
export function checkNewest(ctx: Context, ids: readonly string[], flags: { newest?: boolean; yes?: boolean }): void {
  if (ids.length > 0) {
    if (flags.newest) throw new UsageError('--newest removes the newest spot: name no spot with it');
    return;
  }
  if (flags.newest) return;
  const asked = ctx.io.stdinIsTTY && ctx.io.stderrIsTTY && !flags.yes;
  if (!asked) {
    throw new UsageError('no spot named: an id that is empty (an unset variable?) is no id, and would remove the newest spot', {
      hint: 'name the spot, or pass --newest to remove the newest one',
    });
  }
}

/** The spot the API removes when asked for the newest: the last added of the active, unlocked ones. */
export async function newestSpot(ctx: Context): Promise<Spot> {
  const active = await ctx.client().spots.listAll({ state: 'active' }, { signal: ctx.signal });
  const newest = active.filter((s) => !s.locked).at(-1);
  if (!newest) throw new ConflictError('no spot to remove: the pool has no active, unlocked spot');
  return newest;
}

/** "Remove the newest spot, spot-sv-1a2b (10.0.0.12), added 5m ago?" */
export function newestQuestion(ctx: Context, spot: Spot): string {
  const now = Date.now() + (ctx.client().serverTimeOffsetMs ?? 0);
  const age = humanSpan(Math.max(0, now - Date.parse(spot.created_at)));
  return `Remove the newest spot, ${spot.hostname} (${spot.ip}), added ${age} ago?`;
}
