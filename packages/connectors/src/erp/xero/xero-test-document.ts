import type { ErpDocumentLine, ErpPostingDocument } from '@invoiceops/core';

/**
 * A posting document for Xero tests (templates and the contract tests against the
 * simulator): two lines, ids already Xero's (contact GUID, item and account codes, tax
 * types, tracking categories). Not used by production code.
 */
export function xeroTestDocument(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  const line = (lineNo: number, fields: Partial<ErpDocumentLine>): ErpDocumentLine => ({
    lineNo,
    description: 'Consulting',
    item: 'CONSULT',
    quantity: '1',
    unitPrice: '100.00',
    amount: '100.00',
    taxCode: 'OUTPUT',
    taxAmount: '19.00',
    account: '200',
    segments: {},
    ...fields,
  });
  const number = overrides.documentNumber ?? 'INV-DE-2026-000001';
  return {
    documentType: 'invoice',
    documentId: number,
    externalId: `invoiceops-invoice-${number}`,
    documentNumber: number,
    postingDate: '2026-01-31',
    dueDate: '2026-03-02',
    currency: 'EUR',
    total: '178.50',
    netTotal: '150.00',
    taxTotal: '28.50',
    memo: `Invoice ${number}`,
    poNumber: 'PO-7781',
    company: 'demo-company',
    party: '9b9ba9e5-e907-4b4e-8210-54d82b0aa479',
    lines: [
      line(1, { segments: { Region: 'North', Project: 'Apollo' } }),
      line(2, { description: 'Licence', item: 'LIC', quantity: '2', unitPrice: '25.00', amount: '50.00', taxAmount: '9.50' }),
    ],
    gl: [],
    taxes: [{ taxCode: 'OUTPUT', base: '150.00', amount: '28.50' }],
    receivableAccount: '610',
    ...overrides,
  };
}
