import { describe, expect, it } from 'vitest';
import { ORACLE_DEFAULT_TEMPLATES } from './oracle-templates.ts';
import { oracleTestCreditMemo, oracleTestInvoice, renderTemplate } from './test-document.ts';

describe('Oracle Fusion default templates', () => {
  it('render an invoice as the documented receivablesInvoices body', async () => {
    expect(await renderTemplate(ORACLE_DEFAULT_TEMPLATES.invoice, oracleTestInvoice())).toEqual({
      BusinessUnit: 'US1 Business Unit',
      TransactionSource: 'Manual-NES',
      TransactionType: 'Invoice',
      TransactionNumber: 'INV-US-2026-000042',
      BillToCustomerNumber: '1008',
      TransactionDate: '2026-01-31',
      InvoiceCurrencyCode: 'USD',
      PurchaseOrder: 'PO-7781',
      receivablesInvoiceLines: [
        { LineNumber: 1, Description: 'Platform subscription "Pro"', Quantity: 1, UnitSellingPrice: 100, TaxClassificationCode: 'VAT20', ItemNumber: 'SUB-PRO' },
        { LineNumber: 2, Description: 'API usage', Quantity: 2, UnitSellingPrice: 25, TaxClassificationCode: 'VAT20', MemoLineName: 'Usage Fees' },
      ],
    });
  });

  it('render a credit memo as the documented receivablesCreditMemos body, crediting with negative prices', async () => {
    expect(await renderTemplate(ORACLE_DEFAULT_TEMPLATES.credit_memo, oracleTestCreditMemo())).toEqual({
      BusinessUnit: 'US1 Business Unit',
      TransactionSource: 'Manual-NES',
      TransactionType: 'Credit Memo',
      TransactionNumber: 'CM-US-2026-000007',
      BillToCustomerNumber: '1008',
      TransactionDate: '2026-01-31',
      CreditMemoCurrency: 'USD',
      receivablesCreditMemoLines: [{ LineNumber: 1, LineDescription: 'Service credit', LineQuantityCredit: 1, UnitSellingPrice: -29.99, TaxClassificationCode: 'VAT20', ItemNumber: 'SUB-PRO' }],
    });
  });

  it('leaves out a missing purchase order and keeps a single line an array', async () => {
    const body = (await renderTemplate(ORACLE_DEFAULT_TEMPLATES.invoice, oracleTestInvoice({ poNumber: null, lines: [oracleTestInvoice().lines[0]!] }))) as Record<string, unknown>;
    expect(body).not.toHaveProperty('PurchaseOrder');
    expect(body.receivablesInvoiceLines).toHaveLength(1);
  });
});
