import { describe, expect, it } from 'vitest';
import { assertLifecycleTransition, canTransition, LIFECYCLE_STATES, nextLifecycleStates, type LifecycleState } from './document-lifecycle.ts';

describe('document lifecycle', () => {
  it.each<[LifecycleState, LifecycleState, boolean]>([
    ['draft', 'validated', true],
    ['draft', 'on_hold', true],
    ['draft', 'approved', false],
    ['draft', 'posted', false],
    ['validated', 'approved', true],
    ['validated', 'pending_approval', true],
    ['on_hold', 'validated', true],
    ['on_hold', 'approved', false],
    ['pending_approval', 'approved', true],
    ['pending_approval', 'draft', true],
    ['pending_approval', 'posting', false],
    ['approved', 'posting', true],
    ['approved', 'draft', false],
    ['posting', 'posted', true],
    ['posting', 'on_hold', true],
    ['posting', 'void', false],
    ['posted', 'sent', true],
    ['sent', 'paid', true],
    ['paid', 'sent', true],
    ['paid', 'void', false],
    ['void', 'draft', false],
  ])('invoice %s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition('invoice', from, to)).toBe(allowed);
    expect(canTransition('credit_memo', from, to)).toBe(allowed);
  });

  it('never allows staying in the same state, and void is final', () => {
    for (const state of LIFECYCLE_STATES) expect(canTransition('invoice', state, state)).toBe(false);
    expect(nextLifecycleStates('invoice', 'void')).toEqual([]);
  });

  it('every state is reachable from draft', () => {
    const seen = new Set<LifecycleState>(['draft']);
    const queue: LifecycleState[] = ['draft'];
    while (queue.length > 0) {
      for (const next of nextLifecycleStates('invoice', queue.shift()!)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...LIFECYCLE_STATES].sort());
  });

  it('refuses an illegal transition with a coded error naming the document and what is allowed', () => {
    expect(() => assertLifecycleTransition('invoice', 'inv_1', 'draft', 'posted')).toThrow(
      expect.objectContaining({ code: 'illegal_transition', message: 'invoice inv_1 is draft and cannot become posted; from draft it can become validated, on_hold, void' }),
    );
    expect(() => assertLifecycleTransition('credit_memo', 'crn_1', 'void', 'draft')).toThrow('credit memo crn_1 is void and cannot become draft; void is final');
    expect(() => assertLifecycleTransition('invoice', 'inv_1', 'bogus', 'draft')).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
  });
});
