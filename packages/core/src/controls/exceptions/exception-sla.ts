const HOUR_MS = 3_600_000;
/** The longest SLA a policy may set (one year), as the database CHECK allows. */
export const MAX_SLA_HOURS = 8760;

/**
 * When an exception raised at `raisedAt` is due: its category's SLA in elapsed hours
 * (`exception_sla_policies`). Calendar hours in UTC, so a daylight-saving change neither
 * adds nor removes time, and weekends count (queues are worked around the clock; a
 * business-hours calendar would be a different policy kind).
 */
export function exceptionDueAt(raisedAt: Date, slaHours: number): Date {
  if (!Number.isInteger(slaHours) || slaHours < 1 || slaHours > MAX_SLA_HOURS) {
    throw new RangeError(`an SLA must be a whole number of hours from 1 to ${MAX_SLA_HOURS}, not ${slaHours}`);
  }
  if (Number.isNaN(raisedAt.getTime())) throw new RangeError('the raised time is not a valid date');
  return new Date(raisedAt.getTime() + slaHours * HOUR_MS);
}

/**
 * True when the exception is still open after its due time. Exactly at the due time it
 * is not yet overdue; a resolved exception is never overdue (however late it was).
 */
export function isExceptionOverdue(exception: { status: 'open' | 'resolved'; dueAt: Date }, now: Date): boolean {
  return exception.status === 'open' && now.getTime() > exception.dueAt.getTime();
}
