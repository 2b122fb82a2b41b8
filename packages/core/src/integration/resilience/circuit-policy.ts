/** The state of one connection's circuit breaker. */
export interface CircuitState {
  readonly circuit: 'closed' | 'open' | 'half_open';
  readonly consecutiveFailures: number;
  readonly openedAt: Date | null;
  /** When an open circuit lets one probe through. */
  readonly nextProbeAt: Date | null;
}

export interface CircuitSettings {
  /** Consecutive failures that open the circuit. */
  readonly threshold: number;
  /** How long an open circuit waits before a probe. */
  readonly cooldownMs: number;
}

/**
 * What a call may do now:
 * - `pass`: the circuit is closed;
 * - `probe`: the cool-down is over; this call is the one half-open probe;
 * - `wait`: open (or another call is probing): come back at `until`.
 */
export type CircuitAdmission = { readonly kind: 'pass' } | { readonly kind: 'probe' } | { readonly kind: 'wait'; readonly until: Date };

/**
 * Whether a call may go to the ERP. Pure: the caller makes `probe` exclusive (one probe
 * across all workers) by a conditional update.
 */
export function admitCall(state: CircuitState, now: Date, probeTimeoutMs: number): CircuitAdmission {
  if (state.circuit === 'closed') return { kind: 'pass' };
  const probeAt = state.nextProbeAt ?? now;
  if (state.circuit === 'open') return probeAt.getTime() <= now.getTime() ? { kind: 'probe' } : { kind: 'wait', until: probeAt };
  // half_open: a probe is out; its lease (nextProbeAt) bounds how long the others wait.
  return probeAt.getTime() <= now.getTime() ? { kind: 'probe' } : { kind: 'wait', until: new Date(Math.max(probeAt.getTime(), now.getTime() + Math.min(probeTimeoutMs, 1_000))) };
}

/**
 * The state after a call's outcome. A success closes the circuit and clears the count; a
 * failure counts, and opens the circuit at the threshold — at once when the failed call was
 * the half-open probe — for `cooldownMs`. `neutral` (the ERP answered but refused the data)
 * proves the ERP is up: it closes a half-open circuit and clears the count.
 */
export function afterCall(state: CircuitState, outcome: 'success' | 'failure' | 'neutral', settings: CircuitSettings, now: Date): CircuitState {
  if (outcome !== 'failure') return { circuit: 'closed', consecutiveFailures: 0, openedAt: null, nextProbeAt: null };
  const failures = state.consecutiveFailures + 1;
  if (state.circuit === 'half_open' || failures >= settings.threshold) {
    return { circuit: 'open', consecutiveFailures: failures, openedAt: state.circuit === 'open' ? state.openedAt : now, nextProbeAt: new Date(now.getTime() + settings.cooldownMs) };
  }
  return { ...state, consecutiveFailures: failures };
}
