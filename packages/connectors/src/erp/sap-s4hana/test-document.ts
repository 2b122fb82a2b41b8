import { erpExternalId, type ErpPostingDocument } from '@invoiceops/core';

/**
 * A customer invoice as SAP sees it (company code 1010, customer 10100001, tax code A1),
 * for the template and contract tests: 150.00 net + 28.50 tax = 178.50, a line description
 * with XML markup characters in it.
 */
export function sapTestInvoice(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  return {
    documentType: 'invoice',
    documentId: 'inv_01JD3V0G8Q6ZKX2W4T9BNF5H7R',
    externalId: erpExternalId('invoice', 'inv_01JD3V0G8Q6ZKX2W4T9BNF5H7R'),
    documentNumber: 'INV-DE-2026-000042',
    postingDate: '2026-01-31',
    dueDate: '2026-03-02',
    currency: 'EUR',
    total: '178.50',
    netTotal: '150.00',
    taxTotal: '28.50',
    memo: 'Invoice INV-DE-2026-000042',
    poNumber: 'PO-7781',
    company: '1010',
    party: '10100001',
    lines: [
      { lineNo: 1, description: 'Platform subscription R&D <annual> "Pro"', item: 'SUB-PRO', quantity: '1', unitPrice: '100.00', amount: '100.00', taxCode: 'A1', taxAmount: '19.00', account: '41000000', segments: { profitCenter: 'YB101' } },
      { lineNo: 2, description: 'API usage', item: null, quantity: '2', unitPrice: '25.00', amount: '50.00', taxCode: 'A1', taxAmount: '9.50', account: '41000100', segments: {} },
    ],
    gl: [
      { account: '12100000', debit: '178.50', credit: '0.00', signedAmount: '178.50', segments: {}, memo: 'Receivable' },
      { account: '41000000', debit: '0.00', credit: '100.00', signedAmount: '-100.00', segments: { profitCenter: 'YB101' }, memo: 'Revenue' },
      { account: '41000100', debit: '0.00', credit: '50.00', signedAmount: '-50.00', segments: {}, memo: 'Revenue' },
      { account: '22000000', debit: '0.00', credit: '28.50', signedAmount: '-28.50', segments: {}, memo: 'Output tax' },
    ],
    taxes: [{ taxCode: 'A1', base: '150.00', amount: '28.50' }],
    receivableAccount: '12100000',
    ...overrides,
  };
}

/** A credit memo of the same customer: 40.00 net + 7.60 tax = 47.60. */
export function sapTestCreditMemo(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  return sapTestInvoice({
    documentType: 'credit_memo',
    documentId: 'cnt_01JD3V9K2M4P6R8T0V2X4Z6B8D',
    externalId: erpExternalId('credit_memo', 'cnt_01JD3V9K2M4P6R8T0V2X4Z6B8D'),
    documentNumber: 'CN-DE-2026-000007',
    dueDate: null,
    total: '47.60',
    netTotal: '40.00',
    taxTotal: '7.60',
    memo: 'Credit memo CN-DE-2026-000007',
    poNumber: null,
    lines: [{ lineNo: 1, description: 'Service credit', item: 'SUB-PRO', quantity: '1', unitPrice: '40.00', amount: '40.00', taxCode: 'A1', taxAmount: '7.60', account: '41000000', segments: {} }],
    gl: [
      { account: '41000000', debit: '40.00', credit: '0.00', signedAmount: '40.00', segments: {}, memo: 'Revenue' },
      { account: '22000000', debit: '7.60', credit: '0.00', signedAmount: '7.60', segments: {}, memo: 'Output tax' },
      { account: '12100000', debit: '0.00', credit: '47.60', signedAmount: '-47.60', segments: {}, memo: 'Receivable' },
    ],
    taxes: [{ taxCode: 'A1', base: '40.00', amount: '7.60' }],
    ...overrides,
  });
}

/** Renders a JSONata template on a document the way the worker does. */
export async function renderTemplate(template: string, document: ErpPostingDocument): Promise<unknown> {
  const { default: jsonata } = await import('jsonata');
  return JSON.parse(JSON.stringify(await jsonata(template).evaluate(document))) as unknown;
}
