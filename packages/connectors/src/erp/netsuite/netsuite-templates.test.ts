import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { netsuiteConnector } from './netsuite-connector.ts';
import { netsuiteTestDocument } from './netsuite-test-document.ts';

/** The body as NetSuite receives it (JSONata results carry sequence markers; the wire does not). */
const render = async (template: string, document: unknown): Promise<unknown> => JSON.parse(JSON.stringify(await jsonata(template).evaluate(document))) as unknown;

describe('NetSuite default templates', () => {
  it('renders an invoice with numbers, the PO number and the mapped segments', async () => {
    const body = await render(netsuiteConnector.defaultTemplates.invoice, netsuiteTestDocument());
    expect(body).toStrictEqual({
      externalId: 'invoiceops-invoice-INV-DE-2026-000001',
      entity: { id: '614' },
      subsidiary: { id: '1' },
      tranDate: '2026-01-31',
      dueDate: '2026-03-02',
      otherRefNum: 'PO-7781',
      memo: 'Invoice INV-DE-2026-000001',
      currency: { refName: 'EUR' },
      item: {
        items: [
          { item: { id: '86' }, quantity: 1, rate: 100, amount: 100, taxCode: { id: '5' }, description: 'Consulting', department: { id: '3' }, class: { id: '7' } },
          { item: { id: '87' }, quantity: 2, rate: 25, amount: 50, taxCode: { id: '5' }, description: 'Licence' },
        ],
      },
    });
  });

  it('keeps a single line a list, converts decimals exactly and leaves out what is not there', async () => {
    const base = netsuiteTestDocument();
    const document = netsuiteTestDocument({
      dueDate: null,
      poNumber: null,
      lines: [{ ...base.lines[1]!, item: null, quantity: '0.5', unitPrice: '1234567.89', amount: '617283.95', segments: { location: '12' } }],
    });
    const body = (await render(netsuiteConnector.defaultTemplates.invoice, document)) as Record<string, unknown>;
    expect(body).not.toHaveProperty('dueDate');
    expect(body).not.toHaveProperty('otherRefNum');
    expect(body.item).toStrictEqual({ items: [{ quantity: 0.5, rate: 1234567.89, amount: 617283.95, taxCode: { id: '5' }, description: 'Licence', location: { id: '12' } }] });
  });

  it('renders a credit memo without a due date', async () => {
    const document = netsuiteTestDocument({ documentType: 'credit_memo', documentNumber: 'CN-DE-2026-000003', externalId: 'invoiceops-credit_memo-CN-3', memo: 'Credit CN-DE-2026-000003', poNumber: null });
    const body = await render(netsuiteConnector.defaultTemplates.credit_memo, document);
    expect(body).toStrictEqual({
      externalId: 'invoiceops-credit_memo-CN-3',
      entity: { id: '614' },
      subsidiary: { id: '1' },
      tranDate: '2026-01-31',
      memo: 'Credit CN-DE-2026-000003',
      currency: { refName: 'EUR' },
      item: {
        items: [
          { item: { id: '86' }, quantity: 1, rate: 100, amount: 100, taxCode: { id: '5' }, description: 'Consulting', department: { id: '3' }, class: { id: '7' } },
          { item: { id: '87' }, quantity: 2, rate: 25, amount: 50, taxCode: { id: '5' }, description: 'Licence' },
        ],
      },
    });
  });
});
