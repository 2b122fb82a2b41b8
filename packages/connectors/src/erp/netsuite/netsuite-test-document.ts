import type { ErpDocumentLine, ErpPostingDocument } from '@invoiceops/core';

/**
 * A posting document for NetSuite tests (templates and the contract tests against the
 * simulator): two lines, ids already NetSuite's. Not used by production code.
 */
export function netsuiteTestDocument(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  const line = (lineNo: number, fields: Partial<ErpDocumentLine>): ErpDocumentLine => ({
    lineNo,
    description: 'Consulting',
    item: '86',
    quantity: '1',
    unitPrice: '100.00',
    amount: '100.00',
    taxCode: '5',
    taxAmount: '19.00',
    account: '4000',
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
    company: '1',
    party: '614',
    lines: [
      line(1, { segments: { department: '3', class: '7' } }),
      line(2, { description: 'Licence', item: '87', quantity: '2', unitPrice: '25.00', amount: '50.00', taxAmount: '9.50' }),
    ],
    gl: [],
    taxes: [{ taxCode: '5', base: '150.00', amount: '28.50' }],
    receivableAccount: '1200',
    ...overrides,
  };
}
