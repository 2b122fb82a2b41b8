import { markDocumentSent } from '../../controls/lifecycle/sync-settlement-lifecycle.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { getInvoice } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/invoice-schemas.ts';
import type { InvoiceRenderer, Notifier } from './distribution-ports.ts';

export interface SendInvoiceInput {
  invoiceId: string;
  /** `issue` for the document, `reminder_<days>` for an overdue reminder. */
  purpose: string;
  notifier: Notifier;
  render: InvoiceRenderer;
}

/** Who gets the document: the buyer's billing contacts (accounts payable first). */
export function billingRecipients(invoice: Invoice): string[] {
  const contacts = invoice.buyer.contacts ?? [];
  const ap = contacts.filter((c) => /payable|billing|finance/i.test(c.role ?? ''));
  return [...new Set((ap.length > 0 ? ap : contacts).map((c) => c.email))];
}

function subjectFor(invoice: Invoice, purpose: string): string {
  const what = invoice.kind === 'invoice' ? 'Invoice' : 'Credit note';
  if (purpose.startsWith('reminder_')) return `Reminder: invoice ${invoice.number} from ${invoice.seller.name} is overdue`;
  return `${what} ${invoice.number} from ${invoice.seller.name}`;
}

function bodyFor(invoice: Invoice, purpose: string): string {
  const lines = [`Dear ${invoice.buyer.name},`, ''];
  if (purpose.startsWith('reminder_')) {
    lines.push(`our records show ${invoice.amountDue} ${invoice.currency} still open on invoice ${invoice.number}, due ${invoice.dueDate}.`, 'If you have already paid, please disregard this reminder.');
  } else if (invoice.kind === 'credit_memo') {
    lines.push(`please find attached credit note ${invoice.number} for ${invoice.total} ${invoice.currency}.`);
  } else {
    lines.push(`please find attached invoice ${invoice.number} for ${invoice.total} ${invoice.currency}, due ${invoice.dueDate}.`);
    if (invoice.poNumber) lines.push(`Your purchase order: ${invoice.poNumber}.`);
  }
  lines.push('', `${invoice.seller.name}`);
  return lines.join('\n');
}

/**
 * Emails an issued invoice or credit memo, PDF attached, to the customer's billing
 * contacts, and records the delivery (sent, bounced when the server refused every
 * recipient). A purpose already sent is not sent again (a retried job is harmless). A
 * transport error propagates so the job retries.
 */
export async function sendInvoice(db: Db, ctx: ActorContext, input: SendInvoiceInput): Promise<{ status: 'sent' | 'bounced' | 'skipped'; recipients: string[] }> {
  const invoice = await getInvoice(db, input.invoiceId);
  if (invoice.status === 'draft' || invoice.status === 'void' || !invoice.number) {
    throw new AppError('illegal_transition', `invoice ${input.invoiceId} is ${invoice.status}; only issued documents are sent`);
  }
  const already = await db.selectFrom('invoiceDeliveries').select('id').where('invoiceId', '=', invoice.id).where('purpose', '=', input.purpose).where('status', '=', 'sent').executeTakeFirst();
  if (already) return { status: 'skipped', recipients: [] };
  const recipients = billingRecipients(invoice);
  const record = async (status: 'sent' | 'bounced' | 'failed', messageId: string | null, error: string | null) =>
    inTransaction(db, async (trx) => {
      await trx.insertInto('invoiceDeliveries').values({ id: newId(ID_PREFIX.delivery), invoiceId: invoice.id, customerId: invoice.customerId, purpose: input.purpose, channel: 'email', recipients, status, messageId, error }).execute();
      await recordAudit(trx, ctx, { action: `${invoice.kind}.delivery_${status}`, objectType: invoice.kind, objectId: invoice.id, entityId: invoice.entityId, diff: { purpose: input.purpose, recipients, messageId, error } });
      if (status === 'sent' && input.purpose === 'issue') await markDocumentSent(trx, ctx, { documentType: invoice.kind, documentId: invoice.id });
    });
  if (recipients.length === 0) {
    await record('failed', null, 'the customer has no billing contact with an email address');
    return { status: 'bounced', recipients };
  }
  const pdf = await input.render(invoice);
  const result = await input.notifier.send({
    to: recipients,
    subject: subjectFor(invoice, input.purpose),
    text: bodyFor(invoice, input.purpose),
    attachments: [{ filename: `${invoice.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
  });
  const status = result.accepted.length > 0 ? 'sent' : 'bounced';
  await record(status, result.messageId, result.rejected.length > 0 ? `refused: ${result.rejected.join(', ')}` : null);
  return { status, recipients };
}
