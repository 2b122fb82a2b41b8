import {
  ALL_ENTITIES,
  POST_DOCUMENT_JOB,
  SYSTEM_CONTEXT,
  createCreditMemo,
  createCreditMemoSchema,
  erpExternalId,
  finalizeInvoice,
  listExceptions,
  listExceptionsQuery,
  listIntegrationEvents,
  listIntegrationEventsQuery,
  type Db,
  type Invoice,
} from '@invoiceops/core';
import {
  createBillingFixture, createTestContract, invoicesFor, runBillAt,
  type BillingFixture, type NetsuiteSimRecord, type Sandbox, type SandboxVendor, type SimJournalEntry, type SimReceivablesTransaction, type XeroSimDocument,
} from '@invoiceops/testing';

/** A German customer: domestic VAT, so every document has tax lines. */
const GERMAN_CUSTOMER = { billingAddress: { line1: 'Unter den Linden 5', city: 'Berlin', postalCode: '10117', country: 'DE' }, taxId: 'DE136695976', timeZone: 'Europe/Berlin' };

/**
 * A fresh entity (so it gets a connection of its own) whose customer has 10 seats at 30.00
 * a month, and its invoices for `periods` (YYYY-MM), each billed on the 2nd of the month
 * after and issued straight through (no controls in force): each has a posting job queued.
 */
export async function issueInvoices(db: Db, periods: readonly string[]): Promise<{ f: BillingFixture; invoices: Invoice[] }> {
  const f = await createBillingFixture(db, GERMAN_CUSTOMER);
  await createTestContract(db, f, { startDate: '2026-01-01' });
  const invoices: Invoice[] = [];
  for (const period of periods) {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const billedAt = new Date(Date.UTC(year, month, 2, 8));
    await runBillAt(db, { period, customerId: f.customer.id as string }, billedAt);
    const [draft] = await invoicesFor(db, f.customer.id as string, period);
    invoices.push(await finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, billedAt));
  }
  return { f, invoices };
}

/** Credits 30.00 (net) of the invoice's first line and issues the credit memo. */
export async function issueCreditMemo(db: Db, invoice: Invoice): Promise<Invoice> {
  const input = createCreditMemoSchema.parse({ invoiceId: invoice.id, reasonCode: 'goodwill', reason: 'one seat unused', lines: [{ invoiceLineId: invoice.lines[0]!.id, amount: '30.00' }] });
  const draft = await createCreditMemo(db, SYSTEM_CONTEXT, input, ALL_ENTITIES);
  return finalizeInvoice(db, SYSTEM_CONTEXT, draft.id, ALL_ENTITIES);
}

/** The posting job of a document. */
export function postingJob(db: Db, documentId: string) {
  return db.selectFrom('jobs').select(['id', 'state', 'attempts', 'maxAttempts', 'lastError', 'runAt']).where('dedupeKey', '=', `${POST_DOCUMENT_JOB}:${documentId}`).executeTakeFirstOrThrow();
}

/** Makes the posting jobs of these documents due now (instead of waiting out their backoff or deferral). */
export async function dueNow(db: Db, documentIds: readonly string[]): Promise<void> {
  await db.updateTable('jobs').set({ runAt: new Date(Date.now() - 1_000) }).where('dedupeKey', 'in', documentIds.map((id) => `${POST_DOCUMENT_JOB}:${id}`)).where('state', '=', 'queued').execute();
}

/** Puts the posting jobs of these documents an hour away (to run the others alone first). */
export async function notYet(db: Db, documentIds: readonly string[]): Promise<void> {
  await db.updateTable('jobs').set({ runAt: new Date(Date.now() + 3_600_000) }).where('dedupeKey', 'in', documentIds.map((id) => `${POST_DOCUMENT_JOB}:${id}`)).execute();
}

/** One record as the simulators store it: our key for the document, and the ERP's id. */
interface StoredDocument {
  readonly ours: string;
  readonly erpId: string;
}

const STORED: Record<SandboxVendor, (record: never) => StoredDocument> = {
  netsuite: (r: NetsuiteSimRecord) => ({ ours: r.externalId ?? '', erpId: r.internalId }),
  xero: (r: XeroSimDocument) => ({ ours: r.number, erpId: r.id }),
  business_central: (r: { externalDocumentNumber: string; id: string }) => ({ ours: r.externalDocumentNumber, erpId: r.id }),
  sap_s4hana: (r: SimJournalEntry) => ({ ours: r.documentReferenceId, erpId: `${r.companyCode}/${r.accountingDocument}/${r.fiscalYear}` }),
  oracle_fusion: (r: SimReceivablesTransaction) => ({ ours: r.TransactionNumber, erpId: String(r.CustomerTransactionId) }),
};

/**
 * What the sandbox holds for a document, found by what each vendor keeps of ours: the
 * external id (NetSuite), the number (Xero, Business Central, Oracle) or its last 16
 * characters (SAP's reference).
 */
export function storedFor(sandbox: Sandbox, document: Pick<Invoice, 'id' | 'kind' | 'number'>): StoredDocument[] {
  const number = document.number!;
  const keys = [erpExternalId(document.kind, document.id), number, number.toUpperCase(), number.slice(-16)];
  return (sandbox.simulator.vendor.records() as never[]).map((record) => STORED[sandbox.kind](record)).filter((stored) => keys.includes(stored.ours));
}

/** The integration event log of a document, oldest first. */
export async function attemptsOf(db: Db, documentId: string) {
  return (await listIntegrationEvents(db, listIntegrationEventsQuery.parse({ documentId }), ALL_ENTITIES)).data;
}

/** The document's open exceptions. */
export async function openExceptionsOf(db: Db, documentId: string) {
  return (await listExceptions(db, listExceptionsQuery.parse({ documentId, status: 'open' }), ALL_ENTITIES)).data;
}
