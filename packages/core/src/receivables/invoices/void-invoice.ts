import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { closeDocumentControls } from '../../controls/lifecycle/close-document-controls.ts';
import { syncSettlementLifecycle } from '../../controls/lifecycle/sync-settlement-lifecycle.ts';
import { markVoidedUsageForRebilling } from '../billing/aggregate-usage.ts';
import { assertInvoiceTransition } from './invoice-state.ts';
import { getInvoice } from './invoice-repository.ts';
import type { Invoice } from './invoice-schemas.ts';

/**
 * Voids a draft or an unpaid, uncredited finalized invoice with a reason. Its usage and
 * milestones become billable again (the next bill run picks them up); a finalized
 * invoice keeps its number (a voided number is not reused: the series stays gapless and
 * the void is visible). Paid or credited invoices are corrected with a credit memo. The
 * controls close with it: lifecycle `void`, a pending approval cancelled, open exceptions
 * resolved as `voided`.
 */
export async function voidInvoice(db: Db, ctx: ActorContext, invoiceId: string, reason: string, scope: EntityScope): Promise<Invoice> {
  if (reason.trim() === '') throw AppError.invalid('/reason', 'is required to void an invoice');
  return inTransaction(db, async (trx) => {
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirst();
    if (!invoice) throw AppError.notFound('invoice', invoiceId);
    assertInScope(scope, [invoice.entityId], 'invoices');
    assertInvoiceTransition(`invoice ${invoice.number ?? invoiceId}`, invoice.status, 'void');
    if (invoice.paidMinor !== 0n || invoice.creditedMinor !== 0n) {
      throw new AppError('illegal_transition', `invoice ${invoice.number} has payments or credits; issue a credit memo instead of voiding it`);
    }
    const now = new Date();
    await trx.updateTable('invoices').set({ status: 'void', voidedAt: now, voidReason: reason, version: invoice.version + 1, updatedAt: now }).where('id', '=', invoiceId).execute();
    if (invoice.kind === 'credit_memo' && invoice.status === 'finalized' && invoice.creditedInvoiceId) {
      // The credit no longer reduces what the customer owes.
      await trx
        .updateTable('invoices')
        .set((eb) => ({ creditedMinor: eb('creditedMinor', '-', invoice.totalMinor), updatedAt: now }))
        .where('id', '=', invoice.creditedInvoiceId)
        .execute();
      await syncSettlementLifecycle(trx, ctx, [invoice.creditedInvoiceId], now);
    }
    await closeDocumentControls(trx, ctx, { documentType: invoice.kind, documentId: invoiceId }, reason, now);
    await markVoidedUsageForRebilling(trx, invoice.customerId, invoiceId);
    await trx.updateTable('contractMilestones').set({ invoiceId: null }).where('customerId', '=', invoice.customerId).where('invoiceId', '=', invoiceId).execute();
    await recordAudit(trx, ctx, {
      action: `${invoice.kind}.voided`,
      objectType: invoice.kind,
      objectId: invoiceId,
      entityId: invoice.entityId,
      diff: { before: { status: invoice.status }, after: { status: 'void' } },
      reason,
    });
    return getInvoice(trx, invoiceId);
  });
}
