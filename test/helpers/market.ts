// Tests start their sandboxes with a seed whose markets all stay at or below
// on-demand for the hours a run can take, so that no test fails on the
// calendar (an out-of-capacity spell) rather than on the code.
import { steadySeed as firstSteadySeed } from '../../src/sandbox/market/steady.js';

export { steadyFor } from '../../src/sandbox/market/steady.js';

export function steadySeed(from = 7, now = Date.now()): number {
  return firstSteadySeed(from, now);
}
