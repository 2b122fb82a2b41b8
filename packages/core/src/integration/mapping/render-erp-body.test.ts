import { describe, expect, it } from 'vitest';
import type { ErpPostingDocument } from '../erp-connector.ts';
import { compileErpTemplate } from './compile-erp-template.ts';
import { ErpTemplateError, renderErpBody } from './render-erp-body.ts';

const document: ErpPostingDocument = {
  documentType: 'invoice',
  documentId: 'inv_1',
  externalId: 'invoiceops-invoice-inv_1',
  documentNumber: 'INV-DE-2026-000042',
  postingDate: '2026-02-01',
  dueDate: '2026-03-03',
  currency: 'EUR',
  total: '119.00',
  netTotal: '100.00',
  taxTotal: '19.00',
  memo: 'Invoice INV-DE-2026-000042',
  poNumber: null,
  company: '3',
  party: '1042',
  lines: [
    { lineNo: 1, description: 'Seats', item: '1200', quantity: '10', unitPrice: '6.00', amount: '60.00', taxCode: 'S-DE', taxAmount: '11.40', account: '401', segments: { department: '12' } },
    { lineNo: 2, description: 'Platform fee', item: null, quantity: '1', unitPrice: '40.00', amount: '40.00', taxCode: 'S-DE', taxAmount: '7.60', account: '402', segments: {} },
  ],
  gl: [],
  taxes: [{ taxCode: 'S-DE', base: '100.00', amount: '19.00' }],
  receivableAccount: '120',
};

/** The error `renderErpBody` rejects with. */
async function failure(template: string, doc: ErpPostingDocument = document): Promise<ErpTemplateError> {
  const error: unknown = await renderErpBody(template, doc, { connectionName: 'netsuite' }).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ErpTemplateError)) throw new Error(`expected an ErpTemplateError, got ${String(error)}`);
  return error;
}

describe('renderErpBody', () => {
  it('renders a simple NetSuite-style body from the document', async () => {
    const template = `{
      "externalId": externalId,
      "tranId": documentNumber,
      "subsidiary": { "id": company },
      "entity": { "id": party },
      "otherRefNum": poNumber,
      "item": { "items": [lines.{ "line": lineNo, "item": item ? { "id": item } : undefined, "quantity": $number(quantity), "rate": $number(unitPrice), "department": segments.department ? { "id": segments.department } : undefined }] }
    }`;
    expect(await renderErpBody(template, document)).toEqual({
      externalId: 'invoiceops-invoice-inv_1',
      tranId: 'INV-DE-2026-000042',
      subsidiary: { id: '3' },
      entity: { id: '1042' },
      otherRefNum: null,
      item: { items: [{ line: 1, item: { id: '1200' }, quantity: 10, rate: 6, department: { id: '12' } }, { line: 2, quantity: 1, rate: 40 }] },
    });
  });

  it('compiles each template text once', () => {
    expect(compileErpTemplate('{ "a": total }')).toBe(compileErpTemplate('{ "a": total }'));
  });

  it('turns a runtime error into a typed master-data error with JSONata’s code and position', async () => {
    const error = await failure('{ "amount": $number(total) + memo }');
    expect(error).toMatchObject({ code: 'T2002', position: 28, templateType: 'invoice', connectionName: 'netsuite', exceptionCategory: 'master_data', retryable: false });
    expect(error.message).toBe('the invoice template of connection netsuite failed: T2002 at position 28: The right side of the "+" operator must evaluate to a number');
  });

  it('refuses a template that yields nothing, naming the document type', async () => {
    const error = await failure('doesNotExist', { ...document, documentType: 'credit_memo' });
    expect(error.code).toBe('undefined_result');
    expect(error.message).toMatch(/^the credit memo template of connection netsuite produced no body for INV-DE-2026-000042: the expression evaluated to nothing/);
  });

  it('refuses a template that does not compile', async () => {
    const error = await failure('{ "a": ');
    expect(error.message).toMatch(/^the invoice template of connection netsuite is not valid JSONata: S0\d{3} at position \d+: /);
  });
});
