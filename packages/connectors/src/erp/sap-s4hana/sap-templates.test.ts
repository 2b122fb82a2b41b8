import { describe, expect, it } from 'vitest';
import { SAP_DEFAULT_TEMPLATES } from './sap-templates.ts';
import { renderTemplate, sapTestCreditMemo, sapTestInvoice } from './test-document.ts';

describe('SAP default templates', () => {
  it('render an invoice as a DR journal entry: revenue and tax credited (negative), the customer debited', async () => {
    expect(await renderTemplate(SAP_DEFAULT_TEMPLATES.invoice, sapTestInvoice())).toEqual({
      header: {
        companyCode: '1010',
        accountingDocumentType: 'DR',
        documentReferenceId: 'V-DE-2026-000042',
        documentHeaderText: 'invoiceops-invoice-inv_01',
        documentDate: '2026-01-31',
        postingDate: '2026-01-31',
        currency: 'EUR',
      },
      items: [
        { glAccount: '41000000', amount: '-100.00', taxCode: 'A1', text: 'Platform subscription R&D <annual> "Pro"', profitCenter: 'YB101' },
        { glAccount: '41000100', amount: '-50.00', taxCode: 'A1', text: 'API usage' },
      ],
      debtorItem: { debtor: '10100001', amount: '178.50', text: 'Invoice INV-DE-2026-000042' },
      taxItems: [{ taxCode: 'A1', amount: '-28.50', baseAmount: '-150.00' }],
    });
  });

  it('render a credit memo as a DG journal entry with the signs the other way round', async () => {
    expect(await renderTemplate(SAP_DEFAULT_TEMPLATES.credit_memo, sapTestCreditMemo())).toEqual({
      header: {
        companyCode: '1010',
        accountingDocumentType: 'DG',
        documentReferenceId: 'CN-DE-2026-000007'.slice(-16),
        documentHeaderText: 'invoiceops-credit_memo-cn',
        documentDate: '2026-01-31',
        postingDate: '2026-01-31',
        currency: 'EUR',
      },
      items: [{ glAccount: '41000000', amount: '40.00', taxCode: 'A1', text: 'Service credit' }],
      debtorItem: { debtor: '10100001', amount: '-47.60', text: 'Credit memo CN-DE-2026-000007' },
      taxItems: [{ taxCode: 'A1', amount: '7.60', baseAmount: '40.00' }],
    });
  });

  it('never writes a negative zero and leaves an empty tax code out', async () => {
    const free = sapTestInvoice({
      total: '0.00',
      lines: [{ lineNo: 1, description: 'Free month', item: null, quantity: '1', unitPrice: '0.00', amount: '0.00', taxCode: '', taxAmount: '0.00', account: '41000000', segments: { costCenter: 'CC-1' } }],
      taxes: [],
    });
    const body = (await renderTemplate(SAP_DEFAULT_TEMPLATES.invoice, free)) as { items: unknown[]; debtorItem: { amount: string }; taxItems: unknown[] };
    expect(body.items).toEqual([{ glAccount: '41000000', amount: '0.00', text: 'Free month', costCenter: 'CC-1' }]);
    expect(body.debtorItem.amount).toBe('0.00');
    expect(body.taxItems).toEqual([]);
  });
});
