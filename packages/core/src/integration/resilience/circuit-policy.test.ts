import { describe, expect, it } from 'vitest';
import { admitCall, afterCall, type CircuitState } from './circuit-policy.ts';

const now = new Date('2026-11-26T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const closed: CircuitState = { circuit: 'closed', consecutiveFailures: 0, openedAt: null, nextProbeAt: null };
const settings = { threshold: 3, cooldownMs: 30_000 };

describe('admitCall', () => {
  it.each([
    ['closed passes', closed, { kind: 'pass' }],
    ['open before the cool-down waits until the probe time', { circuit: 'open', consecutiveFailures: 3, openedAt: now, nextProbeAt: at(5_000) }, { kind: 'wait', until: at(5_000) }],
    ['open after the cool-down lets a probe through', { circuit: 'open', consecutiveFailures: 3, openedAt: now, nextProbeAt: at(-1) }, { kind: 'probe' }],
    ['half-open while a probe is out waits', { circuit: 'half_open', consecutiveFailures: 3, openedAt: now, nextProbeAt: at(20_000) }, { kind: 'wait', until: at(20_000) }],
    ['half-open whose probe lease ran out probes again', { circuit: 'half_open', consecutiveFailures: 3, openedAt: now, nextProbeAt: at(-1) }, { kind: 'probe' }],
  ] as [string, CircuitState, unknown][])('%s', (_name, state, expected) => {
    expect(admitCall(state, now, 10_000)).toEqual(expected);
  });
});

describe('afterCall', () => {
  it('counts failures and opens at the threshold for the cool-down', () => {
    const one = afterCall(closed, 'failure', settings, now);
    const two = afterCall(one, 'failure', settings, now);
    expect(two).toMatchObject({ circuit: 'closed', consecutiveFailures: 2 });
    expect(afterCall(two, 'failure', settings, now)).toEqual({ circuit: 'open', consecutiveFailures: 3, openedAt: now, nextProbeAt: at(30_000) });
  });

  it('reopens at once when the half-open probe fails, keeping when it first opened', () => {
    const earlier = at(-60_000);
    expect(afterCall({ circuit: 'half_open', consecutiveFailures: 3, openedAt: earlier, nextProbeAt: now }, 'failure', settings, now))
      .toEqual({ circuit: 'open', consecutiveFailures: 4, openedAt: now, nextProbeAt: at(30_000) });
  });

  it.each(['success', 'neutral'] as const)('a %s closes the circuit and clears the count', (outcome) => {
    expect(afterCall({ circuit: 'half_open', consecutiveFailures: 7, openedAt: now, nextProbeAt: now }, outcome, settings, now)).toEqual(closed);
    expect(afterCall({ ...closed, consecutiveFailures: 2 }, outcome, settings, now)).toEqual(closed);
  });
});
