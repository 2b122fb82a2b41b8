import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { addDays, localDateOf } from '../schedule/local-dates.ts';

/** An overdue invoice due for a reminder step. */
export interface ReminderDue {
  invoiceId: string;
  purpose: string;
}

/**
 * Invoices that are open, past due by at least one of their entity's reminder steps
 * (days after the due date, in the entity's time zone), and not yet reminded at that step.
 * Only the latest step reached is sent, so a long-overdue invoice gets one reminder, not
 * a burst.
 */
export async function overdueRemindersDue(db: Db, now: Date = new Date()): Promise<ReminderDue[]> {
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('legalEntities', 'legalEntities.id', 'invoices.entityId')
    .select(['invoices.id', 'invoices.dueDate', 'legalEntities.timeZone', 'legalEntities.reminderDays'])
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.status', 'not in', ['draft', 'void'])
    .where('invoices.dueDate', 'is not', null)
    .where(sql<boolean>`invoices.total_minor - invoices.paid_minor - invoices.credited_minor > 0`)
    .where('invoices.dueDate', '<', localDateOf(now, 'Pacific/Kiritimati'))
    .execute();
  if (rows.length === 0) return [];
  const sent = await db
    .selectFrom('invoiceDeliveries')
    .select(['invoiceId', 'purpose'])
    .where('invoiceId', 'in', rows.map((r) => r.id))
    .where('status', '=', 'sent')
    .where('purpose', 'like', 'reminder_%')
    .execute();
  const due: ReminderDue[] = [];
  for (const row of rows) {
    const today = localDateOf(now, row.timeZone);
    const reached = [...row.reminderDays].sort((a, b) => a - b).filter((d) => addDays(row.dueDate!, d) <= today);
    const step = reached.at(-1);
    if (step === undefined) continue;
    const purpose = `reminder_${step}`;
    if (sent.some((s) => s.invoiceId === row.id && s.purpose === purpose)) continue;
    due.push({ invoiceId: row.id, purpose });
  }
  return due;
}
