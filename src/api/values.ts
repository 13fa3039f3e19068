// How the contract writes its values, for every side that reads or writes
// them: the client, the CLI and the sandbox.
import { FINAL_EXECUTION_STATUSES, type Execution } from './types.js';

/** A time as the API writes it: ISO 8601 in UTC, to the second (`2026-11-22T10:00:00Z`). */
export function isoSeconds(time: Date | number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A price as the API gives it: USD per hour to four decimals. */
export function round4(price: number): number {
  // EPSILON: 0.00015 is stored as 0.000149999..., which must still round up.
  return Math.round((price + Number.EPSILON) * 1e4) / 1e4;
}

/** completed, failed and cancelled are final: such an execution never changes again. */
export function isFinal(execution: Pick<Execution, 'status'>): boolean {
  return FINAL_EXECUTION_STATUSES.includes(execution.status);
}

const CURSOR = /^[0-9]{1,15}$/;

/** An event cursor (an event's id, a page's `next`): digits, at most 15 of them. */
export function isCursor(value: string): boolean {
  return CURSOR.test(value);
}
