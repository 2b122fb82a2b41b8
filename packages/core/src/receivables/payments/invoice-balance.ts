import { syncSettlementLifecycle } from '../../controls/lifecycle/sync-settlement-lifecycle.ts';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { InvoicesTable, PaymentApplicationsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { AuditEntry } from '../../audit/record-audit.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';

/** Id prefix of payment applications. */

/**
 * Invoice statuses that cannot take money. Everything else that is an invoice (finalized,
 * and the states later issues add between finalized and paid) is open for payment.
 */
export const NOT_PAYABLE_STATUSES = ['draft', 'void'] as const;

export type PayableInvoice = Pick<Selectable<InvoicesTable>, 'id' | 'kind' | 'status' | 'number' | 'customerId' | 'entityId' | 'currency' | 'dueDate' | 'totalMinor' | 'paidMinor' | 'creditedMinor'>;

export const PAYABLE_COLUMNS = ['id', 'kind', 'status', 'number', 'customerId', 'entityId', 'currency', 'dueDate', 'totalMinor', 'paidMinor', 'creditedMinor'] as const;

/** What is still to be paid on an invoice: total less payments and credit memos. */
export function amountDue(invoice: Pick<PayableInvoice, 'totalMinor' | 'paidMinor' | 'creditedMinor'>): bigint {
  return invoice.totalMinor - invoice.paidMinor - invoice.creditedMinor;
}

export function isPayable(invoice: Pick<PayableInvoice, 'kind' | 'status'>): boolean {
  return invoice.kind === 'invoice' && !(NOT_PAYABLE_STATUSES as readonly string[]).includes(invoice.status);
}

/** Locks invoices by id (in id order, so two transactions never wait on each other in a circle). */
export async function lockInvoices(trx: Trx, ids: readonly string[]): Promise<Map<string, PayableInvoice>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('invoices').select(PAYABLE_COLUMNS).where('id', 'in', [...new Set(ids)]).orderBy('id').forUpdate().execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** One movement of payment money on an invoice. */
export interface InvoiceMovement {
  paymentId: string;
  invoice: PayableInvoice;
  amountMinor: bigint;
  reason: Selectable<PaymentApplicationsTable>['reason'];
  effectiveOn: string;
}

/**
 * Writes an application (positive) or reversal (negative) row and moves the invoice's
 * paid amount by the same money, in the same transaction. Returns the audit entry for the
 * invoice so the caller can write all of a use case's audit rows at once.
 */
export async function moveInvoiceMoney(trx: Trx, ctx: ActorContext, m: InvoiceMovement): Promise<AuditEntry> {
  await trx
    .insertInto('paymentApplications')
    .values({
      id: newId(ID_PREFIX.paymentApplication),
      paymentId: m.paymentId,
      invoiceId: m.invoice.id,
      customerId: m.invoice.customerId,
      amountMinor: m.amountMinor,
      reason: m.reason,
      effectiveOn: m.effectiveOn,
      actor: ctx.actor,
    })
    .execute();
  await trx
    .updateTable('invoices')
    .set({ paidMinor: sql<bigint>`paid_minor + ${m.amountMinor}`, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('id', '=', m.invoice.id)
    .execute();
  const before = amountDue(m.invoice);
  m.invoice.paidMinor += m.amountMinor;
  await syncSettlementLifecycle(trx, ctx, [m.invoice.id]);
  const c = m.invoice.currency;
  return {
    action: m.amountMinor > 0n ? 'invoice.payment_applied' : 'invoice.payment_reversed',
    objectType: 'invoice',
    objectId: m.invoice.id,
    entityId: m.invoice.entityId,
    diff: {
      paymentId: m.paymentId,
      reason: m.reason,
      amount: formatMoney({ amount: m.amountMinor, currency: c }),
      amountDue: { before: formatMoney({ amount: before, currency: c }), after: formatMoney({ amount: amountDue(m.invoice), currency: c }) },
    },
  };
}
