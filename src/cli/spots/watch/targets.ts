// The states `fas spots wait --for` takes: a spot's, but provisioning, which
// a spot is in from the start.
export const WAIT_TARGETS = ['active', 'terminating', 'removed'] as const;
export type WaitTarget = (typeof WAIT_TARGETS)[number];
