import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { xeroConnector } from './xero-connector.ts';
import { xeroTestDocument } from './xero-test-document.ts';

/** The body as Xero receives it (JSONata results carry sequence markers; the wire does not). */
const render = async (template: string, document: unknown): Promise<unknown> => JSON.parse(JSON.stringify(await jsonata(template).evaluate(document))) as unknown;

const lineItems = [
  {
    Description: 'Consulting',
    Quantity: 1,
    UnitAmount: 100,
    ItemCode: 'CONSULT',
    AccountCode: '200',
    TaxType: 'OUTPUT',
    LineAmount: 100,
    Tracking: [
      { Name: 'Region', Option: 'North' },
      { Name: 'Project', Option: 'Apollo' },
    ],
  },
  { Description: 'Licence', Quantity: 2, UnitAmount: 25, ItemCode: 'LIC', AccountCode: '200', TaxType: 'OUTPUT', LineAmount: 50 },
];

describe('Xero default templates', () => {
  it('renders an approved ACCREC invoice numbered with our number', async () => {
    const body = await render(xeroConnector.defaultTemplates.invoice, xeroTestDocument());
    expect(body).toStrictEqual({
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactID: '9b9ba9e5-e907-4b4e-8210-54d82b0aa479' },
          Date: '2026-01-31',
          DueDate: '2026-03-02',
          InvoiceNumber: 'INV-DE-2026-000001',
          Reference: 'PO-7781',
          CurrencyCode: 'EUR',
          LineAmountTypes: 'Exclusive',
          Status: 'AUTHORISED',
          LineItems: lineItems,
        },
      ],
    });
  });

  it('keeps a single line a list, converts decimals exactly and leaves out what is not there', async () => {
    const base = xeroTestDocument();
    const document = xeroTestDocument({ dueDate: null, poNumber: null, lines: [{ ...base.lines[1]!, item: null, quantity: '0.25', unitPrice: '98765.4321', amount: '24691.36' }] });
    const invoice = ((await render(xeroConnector.defaultTemplates.invoice, document)) as { Invoices: Record<string, unknown>[] }).Invoices[0]!;
    expect(invoice).not.toHaveProperty('DueDate');
    expect(invoice).not.toHaveProperty('Reference');
    expect(invoice.LineItems).toStrictEqual([{ Description: 'Licence', Quantity: 0.25, UnitAmount: 98765.4321, AccountCode: '200', TaxType: 'OUTPUT', LineAmount: 24691.36 }]);
  });

  it('renders an ACCRECCREDIT credit note', async () => {
    const document = xeroTestDocument({ documentType: 'credit_memo', documentNumber: 'CN-DE-2026-000004', externalId: 'invoiceops-credit_memo-4' });
    const body = await render(xeroConnector.defaultTemplates.credit_memo, document);
    expect(body).toStrictEqual({
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: '9b9ba9e5-e907-4b4e-8210-54d82b0aa479' },
          Date: '2026-01-31',
          CreditNoteNumber: 'CN-DE-2026-000004',
          Reference: 'PO-7781',
          CurrencyCode: 'EUR',
          LineAmountTypes: 'Exclusive',
          Status: 'AUTHORISED',
          LineItems: lineItems,
        },
      ],
    });
  });
});
