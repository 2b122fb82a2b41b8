import { erpExternalId, type ErpPostingDocument } from '@invoiceops/core';

/**
 * A customer invoice as Oracle sees it (business unit US1 Business Unit, customer account
 * 1008, tax classification VAT20), for the template and contract tests.
 */
export function oracleTestInvoice(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  return {
    documentType: 'invoice',
    documentId: 'inv_01JD3V0G8Q6ZKX2W4T9BNF5H7R',
    externalId: erpExternalId('invoice', 'inv_01JD3V0G8Q6ZKX2W4T9BNF5H7R'),
    documentNumber: 'INV-US-2026-000042',
    postingDate: '2026-01-31',
    dueDate: '2026-03-02',
    currency: 'USD',
    total: '180.00',
    netTotal: '150.00',
    taxTotal: '30.00',
    memo: 'Invoice INV-US-2026-000042',
    poNumber: 'PO-7781',
    company: 'US1 Business Unit',
    party: '1008',
    lines: [
      { lineNo: 1, description: 'Platform subscription "Pro"', item: 'SUB-PRO', quantity: '1', unitPrice: '100.00', amount: '100.00', taxCode: 'VAT20', taxAmount: '20.00', account: '4100', segments: {} },
      { lineNo: 2, description: 'API usage', item: null, quantity: '2', unitPrice: '25.00', amount: '50.00', taxCode: 'VAT20', taxAmount: '10.00', account: '4110', segments: { memoLine: 'Usage Fees' } },
    ],
    gl: [
      { account: '1200', debit: '180.00', credit: '0.00', signedAmount: '180.00', segments: {}, memo: 'Receivable' },
      { account: '4100', debit: '0.00', credit: '100.00', signedAmount: '-100.00', segments: {}, memo: 'Revenue' },
      { account: '4110', debit: '0.00', credit: '50.00', signedAmount: '-50.00', segments: {}, memo: 'Revenue' },
      { account: '2200', debit: '0.00', credit: '30.00', signedAmount: '-30.00', segments: {}, memo: 'Output tax' },
    ],
    taxes: [{ taxCode: 'VAT20', base: '150.00', amount: '30.00' }],
    receivableAccount: '1200',
    ...overrides,
  };
}

/** A credit memo of the same customer: 29.99 net, no purchase order. */
export function oracleTestCreditMemo(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  return oracleTestInvoice({
    documentType: 'credit_memo',
    documentId: 'cnt_01JD3V9K2M4P6R8T0V2X4Z6B8D',
    externalId: erpExternalId('credit_memo', 'cnt_01JD3V9K2M4P6R8T0V2X4Z6B8D'),
    documentNumber: 'CM-US-2026-000007',
    dueDate: null,
    total: '35.99',
    netTotal: '29.99',
    taxTotal: '6.00',
    memo: 'Credit memo CM-US-2026-000007',
    poNumber: null,
    lines: [{ lineNo: 1, description: 'Service credit', item: 'SUB-PRO', quantity: '1', unitPrice: '29.99', amount: '29.99', taxCode: 'VAT20', taxAmount: '6.00', account: '4100', segments: {} }],
    gl: [
      { account: '4100', debit: '29.99', credit: '0.00', signedAmount: '29.99', segments: {}, memo: 'Revenue' },
      { account: '2200', debit: '6.00', credit: '0.00', signedAmount: '6.00', segments: {}, memo: 'Output tax' },
      { account: '1200', debit: '0.00', credit: '35.99', signedAmount: '-35.99', segments: {}, memo: 'Receivable' },
    ],
    taxes: [{ taxCode: 'VAT20', base: '29.99', amount: '6.00' }],
    ...overrides,
  });
}

/** Renders a JSONata template on a document the way the worker does. */
export async function renderTemplate(template: string, document: ErpPostingDocument): Promise<unknown> {
  const { default: jsonata } = await import('jsonata');
  return JSON.parse(JSON.stringify(await jsonata(template).evaluate(document))) as unknown;
}
