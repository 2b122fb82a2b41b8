import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import { assertInScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { ActorContext } from '../../shared/context.ts';
import { SEND_INVOICE_JOB } from '../distribution/distribution-ports.ts';
import { applyCreditBalance } from '../payments/apply-credit-balance.ts';
import { addDays, localDateOf } from '../schedule/local-dates.ts';
import { assertInvoiceTransition } from './invoice-state.ts';
import { getInvoice } from './invoice-repository.ts';
import { notApproved, submitDocuments } from '../../controls/pipeline/submit-documents.ts';
import { syncSettlementLifecycle } from '../../controls/lifecycle/sync-settlement-lifecycle.ts';
import type { Invoice } from './invoice-schemas.ts';
import { emitInvoiceEvents } from '../../integration/webhooks/emit-invoice-events.ts';

/**
 * Allocates the next legal number of an entity's series. The series row is locked until
 * the finalizing transaction ends, so numbers are gapless: a rollback gives the number
 * back, and concurrent finalizations queue on the row instead of skipping numbers.
 */
export async function allocateDocumentNumber(trx: Trx, entityId: string, series: string): Promise<string> {
  const row = await sql<{ number: string; prefix: string; padding: number }>`
    UPDATE number_series SET next_number = next_number + 1
    WHERE entity_id = ${entityId} AND series = ${series}
    RETURNING (next_number - 1)::text AS number, prefix, padding`.execute(trx);
  const allocated = row.rows[0];
  if (!allocated) throw new AppError('conflict', `legal entity ${entityId} has no number series ${series}; add it to the entity's invoiceSeries`);
  return `${allocated.prefix}${allocated.number.padStart(allocated.padding, '0')}`;
}

/** The series code an entity uses for a document type (its first series of that type). */
export async function seriesFor(trx: Trx, entityId: string, documentType: 'invoice' | 'credit_memo'): Promise<string> {
  const entity = await trx.selectFrom('legalEntities').select('invoiceSeries').where('id', '=', entityId).executeTakeFirstOrThrow();
  const series = entity.invoiceSeries.find((s) => s.documentType === documentType);
  if (!series) throw new AppError('conflict', `legal entity ${entityId} has no ${documentType} number series`);
  return series.code;
}

/**
 * Issues a draft inside the caller's transaction: allocates its gapless legal number,
 * sets the issue date (today in the entity's time zone) and the due date (issue date +
 * the customer's payment terms), and locks it against edits. Applies the customer's
 * credit balance in the invoice's currency, if any. Queues the email to the customer and
 * the `invoice.finalized` / `credit_memo.finalized` webhooks in the same transaction. Called when the controls approve the document
 * (`controls/lifecycle/on-document-approved.ts`); the lifecycle is the caller's.
 */
export async function issueDocument(trx: Trx, ctx: ActorContext, invoiceId: string, now: Date): Promise<void> {
  const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirst();
  if (!invoice) throw AppError.notFound('invoice', invoiceId);
  const label = invoice.kind === 'invoice' ? `invoice ${invoiceId}` : `credit memo ${invoiceId}`;
  assertInvoiceTransition(label, invoice.status, 'finalized');
  const entity = await trx.selectFrom('legalEntities').select('timeZone').where('id', '=', invoice.entityId).executeTakeFirstOrThrow();
  const series = await seriesFor(trx, invoice.entityId, invoice.kind);
  const number = await allocateDocumentNumber(trx, invoice.entityId, series);
  const issueDate = localDateOf(now, entity.timeZone);
  const dueDate = invoice.kind === 'invoice' ? addDays(issueDate, invoice.paymentTermsDays) : issueDate;
  await trx
    .updateTable('invoices')
    .set({ status: 'finalized', number, series, issueDate, dueDate, finalizedAt: now, version: invoice.version + 1, updatedAt: now })
    .where('id', '=', invoiceId)
    .execute();
  if (invoice.kind === 'credit_memo' && invoice.creditedInvoiceId) {
    await trx
      .updateTable('invoices')
      .set((eb) => ({ creditedMinor: eb('creditedMinor', '+', invoice.totalMinor), updatedAt: now }))
      .where('id', '=', invoice.creditedInvoiceId)
      .execute();
    await syncSettlementLifecycle(trx, ctx, [invoice.creditedInvoiceId], now);
  }
  // A customer's unapplied credit (an earlier overpayment) pays down the new invoice at once.
  if (invoice.kind === 'invoice') await applyCreditBalance(trx, ctx, invoiceId, { on: issueDate });
  // Outbox: the document is emailed by a worker if and only if finalization commits.
  await enqueueJob(trx, { type: SEND_INVOICE_JOB, payload: { invoiceId, purpose: 'issue' }, dedupeKey: `${SEND_INVOICE_JOB}:${invoiceId}:issue` });
  await emitInvoiceEvents(trx, invoice.kind === 'invoice' ? 'invoice.finalized' : 'credit_memo.finalized', [invoiceId], now);
  await recordAudit(trx, ctx, {
    action: `${invoice.kind}.finalized`,
    objectType: invoice.kind,
    objectId: invoiceId,
    entityId: invoice.entityId,
    diff: { before: { status: invoice.status, number: null }, after: { status: 'finalized', number, issueDate, dueDate } },
  });
}

/**
 * Finalizes a draft: submits it to the controls (validation rules, approval routing) and
 * issues it when they let it through straight away — its gapless legal number, issue and
 * due dates, credit balance applied, email queued (see {@link issueDocument}). When a
 * rule blocks it or it needs approval, the controls' outcome is kept (the document is on
 * hold or pending approval, exceptions and approval requests are open) and the call is
 * refused with `not_approved` (409) saying why.
 */
export async function finalizeInvoice(db: Db, ctx: ActorContext, invoiceId: string, scope: EntityScope, now: Date = new Date()): Promise<Invoice> {
  const invoice = await db.selectFrom('invoices').select(['id', 'kind', 'entityId', 'status']).where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) throw AppError.notFound('invoice', invoiceId);
  assertInScope(scope, [invoice.entityId], 'invoices');
  const label = invoice.kind === 'invoice' ? `invoice ${invoiceId}` : `credit memo ${invoiceId}`;
  assertInvoiceTransition(label, invoice.status, 'finalized');
  const [result] = await submitDocuments(db, ctx, [invoiceId], { now });
  if (result!.lifecycle !== 'approved') throw notApproved(label, result!);
  return getInvoice(db, invoiceId);
}
