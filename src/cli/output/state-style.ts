// The colour of a state, the same in every resource's views and the watch.
import type { BidState, ExecutionStatus, SpotState } from '../../api/types.js';
import type { Style } from './style.js';
import type { Cell } from './view.js';

/** The colour of each state of the contract's lifecycles: every value of each enum must have one. */
export const STATE_STYLE: Record<SpotState | ExecutionStatus | BidState, keyof Style> = {
  provisioning: 'yellow',
  active: 'green',
  terminating: 'red',
  removed: 'dim',
  pending: 'yellow',
  started: 'yellow',
  completed: 'green',
  failed: 'red',
  cancelled: 'red',
  open: 'yellow',
  partially_fulfilled: 'yellow',
  fulfilled: 'green',
  expired: 'red',
};

export function stateColour(state: SpotState | ExecutionStatus | BidState): Cell {
  // A state the document does not know yet (a newer server) reads as one in progress.
  return { text: state, style: STATE_STYLE[state] ?? 'yellow' };
}

