// The lifecycle tables themselves: what ends stays ended, and a move they
// leave out is refused. (test/sandbox/lifecycle.property.test.ts checks that
// the sandbox keeps to them under any order of events.)
import { describe, expect, it } from 'vitest';
import {
  allowed,
  BID_TRANSITIONS,
  EXECUTION_TRANSITIONS,
  LifecycleError,
  SPOT_TRANSITIONS,
  spotPhase,
  spotState,
  transition,
} from '../../src/sandbox/lifecycle.js';

describe('lifecycle tables', () => {
  it('never lead out of removed, of an ended bid or of an ended execution', () => {
    expect(Object.values(SPOT_TRANSITIONS.removed).every((to) => to === 'removed')).toBe(true);
    for (const ended of ['cancelled', 'expired'] as const) expect(BID_TRANSITIONS[ended]).toEqual({});
    for (const ended of ['completed', 'failed', 'cancelled'] as const) expect(EXECUTION_TRANSITIONS[ended]).toEqual({});
  });

  it('never withdraw a revocation notice', () => {
    for (const to of Object.values(SPOT_TRANSITIONS.warned)) expect(['warned', 'removed']).toContain(to);
    expect(allowed(SPOT_TRANSITIONS, 'warned', 'convert')).toBe(false);
  });

  it('refuse a move they leave out, naming it', () => {
    expect(() => transition(SPOT_TRANSITIONS, 'spot s', 'removed', 'provisioned')).toThrow(new LifecycleError('spot s', 'removed', 'provisioned'));
    expect(() => transition(SPOT_TRANSITIONS, 'spot s', 'removed', 'provisioned')).toThrow('spot s cannot go from removed on provisioned');
    expect(() => transition(BID_TRANSITIONS, 'bid b', 'cancelled', 'fill')).toThrow(LifecycleError);
    expect(() => transition(EXECUTION_TRANSITIONS, 'execution e', 'completed', 'fail')).toThrow(LifecycleError);
    expect(transition(SPOT_TRANSITIONS, 'spot s', 'warned', 'removal_cancelled')).toBe('warned');
    expect(transition(SPOT_TRANSITIONS, 'spot s', 'removing', 'removal_failed')).toBe('active');
  });

  it('read a spot phase from its stored state and termination time, and back', () => {
    expect(spotPhase({ state: 'terminating', termination_time: '2030-01-01T00:00:00Z' })).toBe('warned');
    expect(spotPhase({ state: 'terminating', termination_time: null })).toBe('removing');
    expect(spotPhase({ state: 'active', termination_time: null })).toBe('active');
    expect(spotState('warned')).toBe('terminating');
    expect(spotState('removing')).toBe('terminating');
    expect(spotState('removed')).toBe('removed');
  });
});
