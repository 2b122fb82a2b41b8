import { z } from 'zod';
import { SEND_INVOICE_JOB, SYSTEM_CONTEXT, findEntityBankAccounts, findInvoice, sendInvoice, type Db, type Invoice } from '@invoiceops/core';
import { createNotifier, notifierConfigFromEnv, renderCustomerDocument } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';
import { RetryableError } from '../job-definition.ts';

/** The PDF as the API serves it: credited invoice number and the entity's payment details. */
async function renderForCustomer(db: Db, invoice: Invoice): Promise<Buffer> {
  const bankAccounts = await findEntityBankAccounts(db, invoice.entityId);
  return renderCustomerDocument(invoice, async (id) => (await findInvoice(db, id))?.number ?? null, bankAccounts);
}

const payload = z.object({ invoiceId: z.string(), purpose: z.string().default('issue') });

/**
 * Emails an issued document (or an overdue reminder) with its PDF. SMTP trouble is
 * retried with backoff; a document that cannot be sent (void, no number) dead-letters.
 */
export const sendInvoiceJob: JobDefinition<typeof payload> = {
  type: SEND_INVOICE_JOB,
  version: 1,
  payload,
  maxAttempts: 8,
  async handle(db, { invoiceId, purpose }) {
    const notifier = createNotifier(notifierConfigFromEnv(process.env, process.env.INVOICEOPS_DATA_DIR ?? './data'));
    try {
      await sendInvoice(db, SYSTEM_CONTEXT, { invoiceId, purpose, notifier, render: (invoice) => renderForCustomer(db, invoice) });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && /^E(CONNECTION|SOCKET|TIMEDOUT|DNS|CONNREFUSED)|ECONNRESET|ETIMEDOUT/.test(code)) throw new RetryableError(`mail server unreachable: ${(error as Error).message}`);
      throw error;
    }
  },
};
