import { ID_PREFIX, newId, parseMoney, type Db } from '@invoiceops/core';
import { unique } from './factories.ts';

/** What a finalized test invoice needs; amounts are decimal strings in major units. */
export interface FinalizedInvoiceInput {
  entityId: string;
  customerId: string;
  currency?: string;
  /** Total including tax, e.g. "1000.00" (EUR), "5000" (JPY), "12.345" (KWD). */
  total: string;
  issueDate: string;
  dueDate: string;
  /** Already paid (written straight to paid_minor, without a payment). */
  paid?: string;
  credited?: string;
  kind?: 'invoice' | 'credit_memo';
  status?: string;
}

const party = (name: string) => ({
  name,
  address: { line1: 'Friedrichstraße 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
  taxId: 'DE136695976',
  taxIdType: 'eu_vat',
});

/**
 * Inserts a finalized invoice row directly — number, dates, totals and party snapshots —
 * without lines or a bill run, for tests of what happens after finalization (payments,
 * aging, DSO). Returns the id and number.
 */
export async function createFinalizedInvoice(db: Db, input: FinalizedInvoiceInput): Promise<{ id: string; number: string }> {
  const currency = input.currency ?? 'EUR';
  const minor = (text: string | undefined) => (text === undefined ? 0n : parseMoney(text, currency).amount);
  const total = minor(input.total);
  const kind = input.kind ?? 'invoice';
  const id = newId(kind === 'invoice' ? ID_PREFIX.invoice : ID_PREFIX.creditMemo);
  const number = unique(kind === 'invoice' ? 'INV-' : 'CRN-');
  await db
    .insertInto('invoices')
    .values({
      id,
      kind,
      entityId: input.entityId,
      customerId: input.customerId,
      currency,
      status: input.status ?? 'finalized',
      number,
      series: kind === 'invoice' ? 'INV' : 'CRN',
      issueDate: input.issueDate,
      dueDate: input.dueDate,
      subtotalMinor: total,
      taxMinor: 0n,
      totalMinor: total,
      paidMinor: minor(input.paid),
      creditedMinor: minor(input.credited),
      seller: JSON.stringify(party('Invoiceops Test GmbH')),
      buyer: JSON.stringify(party('Acme Analytics SAS')),
      paymentTermsDays: Math.max(0, Math.round((Date.parse(input.dueDate) - Date.parse(input.issueDate)) / 86_400_000)),
      finalizedAt: new Date(`${input.issueDate}T09:00:00Z`),
    })
    .execute();
  return { id, number };
}
