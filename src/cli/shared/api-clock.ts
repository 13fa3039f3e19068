// Windows of price history that end "now" are on the API's clock, not this
// machine's: a sandbox's clock may have been moved on (`fas sandbox clock
// advance`), and "the last 24 hours" is then its last 24 hours. The client
// learns the API's clock from each answer's Date header, so a window is made
// from the clock known so far, and made and asked for once more only when the
// answer showed the API's clock elsewhere by more than a minute: against a
// live API, one request as before.
import type { FasClient } from '../../client/client.js';

export interface TimeWindow {
  from: Date;
  until: Date;
}

/** How far the two clocks may be apart before a window is asked for again. */
const CLOCK_SLACK_MS = 60_000;

/** The API's time as far as the client knows it: this machine's until an answer said otherwise. */
export function apiNow(client: FasClient): number {
  return Date.now() + (client.serverTimeOffsetMs ?? 0);
}

/** `ask` over the window `window` makes from the API's now: the window it was answered for, the now it was made from, and the answer. */
export async function onApiClock<T>(
  client: FasClient,
  window: (now: number) => TimeWindow,
  ask: (w: TimeWindow) => Promise<T>,
): Promise<{ window: TimeWindow; now: number; answer: T }> {
  const firstNow = apiNow(client);
  const first = window(firstNow);
  const answer = await ask(first);
  const now = apiNow(client);
  const again = window(now);
  const moved = (a: Date, b: Date) => Math.abs(a.getTime() - b.getTime()) > CLOCK_SLACK_MS;
  if (!moved(first.from, again.from) && !moved(first.until, again.until)) return { window: first, now: firstNow, answer };
  return { window: again, now, answer: await ask(again) };
}
