import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import type { ErpPostingDocument } from '@invoiceops/core';
import { businessCentralTemplates } from './business-central-templates.ts';

const document: ErpPostingDocument = {
  documentType: 'invoice',
  documentId: 'inv_01JBC0000000000000000000AB',
  externalId: 'invoiceops-invoice-inv_01JBC0000000000000000000AB',
  documentNumber: 'INV-DE-2026-000042',
  postingDate: '2026-01-31',
  dueDate: '2026-03-02',
  currency: 'EUR',
  total: '214.20',
  netTotal: '180.00',
  taxTotal: '34.20',
  memo: 'January',
  poNumber: 'PO-4711',
  company: 'CRONUS',
  party: '20000',
  lines: [
    { lineNo: 1, description: 'Platform subscription', item: '1928-S', quantity: '1', unitPrice: '119.90', amount: '119.90', taxCode: 'VAT19', taxAmount: '22.78', account: '6110', segments: {} },
    { lineNo: 2, description: 'Seats', item: null, quantity: '2.5', unitPrice: '24.04', amount: '60.10', taxCode: 'VAT19', taxAmount: '11.42', account: '6120', segments: { department: 'SALES' } },
  ],
  gl: [],
  taxes: [],
  receivableAccount: '2310',
};

const lines = [
  { lineType: 'Item', lineObjectNumber: '1928-S', description: 'Platform subscription', quantity: 1, unitPrice: 119.9, taxCode: 'VAT19' },
  { lineType: 'Account', lineObjectNumber: '6120', description: 'Seats', quantity: 2.5, unitPrice: 24.04, taxCode: 'VAT19' },
];

const render = async (template: string, input: ErpPostingDocument) => JSON.parse(JSON.stringify(await jsonata(template).evaluate(input))) as unknown;

describe('Business Central default templates', () => {
  it('render an invoice as header and lines, amounts as numbers', async () => {
    expect(await render(businessCentralTemplates.invoice, document)).toEqual({
      header: {
        customerNumber: '20000',
        invoiceDate: '2026-01-31',
        postingDate: '2026-01-31',
        dueDate: '2026-03-02',
        externalDocumentNumber: 'INV-DE-2026-000042',
        currencyCode: 'EUR',
        customerPurchaseOrderReference: 'PO-4711',
      },
      lines,
    });
  });

  it('render a credit memo with its own date field and without a PO reference (the entity has none)', async () => {
    expect(await render(businessCentralTemplates.credit_memo, { ...document, documentType: 'credit_memo', documentNumber: 'CN-DE-2026-000007' })).toEqual({
      header: { customerNumber: '20000', creditMemoDate: '2026-01-31', postingDate: '2026-01-31', dueDate: '2026-03-02', externalDocumentNumber: 'CN-DE-2026-000007', currencyCode: 'EUR' },
      lines,
    });
  });

  it('leave out null fields and keep a single line in an array', async () => {
    const body = (await render(businessCentralTemplates.invoice, { ...document, dueDate: null, poNumber: null, lines: [document.lines[0]!] })) as { header: Record<string, unknown>; lines: unknown[] };
    expect(Object.keys(body.header)).toEqual(['customerNumber', 'invoiceDate', 'postingDate', 'externalDocumentNumber', 'currencyCode']);
    expect(body.lines).toEqual([lines[0]]);
  });
});
