import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { parseErpMappingContent } from './parse-erp-mapping-content.ts';

const INVOICE_TEMPLATE = '{ "externalId": externalId, "entity": { "id": party }, "subsidiary": { "id": company }, "item": { "items": lines.{ "item": { "id": item }, "amount": $number(amount) } } }';

const connection = (changes: Record<string, unknown> = {}) => ({
  entities: { ent_de: '3' },
  accounts: { '4000': '401' },
  taxCodes: { 'DE-VAT-19': 'VAT_DE:S-DE' },
  templates: { invoice: INVOICE_TEMPLATE, credit_memo: '$' },
  ...changes,
});

/** The AppError `parseErpMappingContent` throws for `content`. */
function refusal(content: unknown): AppError {
  try {
    parseErpMappingContent(content, '/content');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the content was accepted');
}

describe('parseErpMappingContent', () => {
  it('accepts tables and templates that compile, with optional products, customers, dimensions and defaults', () => {
    const content = { connections: { netsuite: connection({ products: { prd_1: '1200' }, customers: { cus_1: '1042' }, dimensions: { department: { segment: 'department', values: { SALES: '12' } } }, defaults: { taxCode: 'NT' } }) } };
    expect(parseErpMappingContent(content, '/content')).toEqual(content);
  });

  it('refuses a template that does not compile, at its pointer, with JSONata’s code, position and message', () => {
    const error = refusal({ connections: { netsuite: connection({ templates: { invoice: INVOICE_TEMPLATE, credit_memo: '{ "amount": lines[ }' } }) } });
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{
      path: '/content/connections/netsuite/templates/credit_memo',
      code: 'jsonata_expression',
      message: 'the credit memo template of connection netsuite is not valid JSONata: S0211 at position 20: The symbol "}" cannot be used as a unary operator',
    }]);
    expect(error.extensions.problems).toEqual([{ pointer: '/content/connections/netsuite/templates/credit_memo', connection: 'netsuite', templateType: 'credit_memo', code: 'S0211', position: 20, message: expect.stringContaining('unary operator') }]);
  });

  it('reports every problem at once: both templates of two connections and a segment used twice', () => {
    const error = refusal({
      connections: {
        netsuite: connection({ templates: { invoice: '$sum(lines.amount', credit_memo: '$' }, dimensions: { department: { segment: 'dept' }, team: { segment: 'dept' } } }),
        xero: connection({ templates: { invoice: '$', credit_memo: 'lines[' } }),
      },
    });
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['/content/connections/netsuite/templates/invoice', 'jsonata_expression'],
      ['/content/connections/netsuite/dimensions/team/segment', 'duplicate_segment'],
      ['/content/connections/xero/templates/credit_memo', 'jsonata_expression'],
    ]);
    expect(error.issues[0]!.message).toMatch(/^the invoice template of connection netsuite is not valid JSONata: S0203 at position \d+: Expected "\)" before end of expression$/);
    expect(error.issues[1]!.message).toBe('segment dept is already the segment of dimension department; each dimension needs its own segment');
  });

  it.each([
    ['an unknown field', { connections: { netsuite: connection({ acounts: {} }) } }, '/content/connections/netsuite/acounts', 'is not a known field'],
    ['a missing table', { connections: { netsuite: { ...connection(), taxCodes: undefined } } }, '/content/connections/netsuite/taxCodes', ''],
    ['a missing template', { connections: { netsuite: connection({ templates: { invoice: '$' } }) } }, '/content/connections/netsuite/templates/credit_memo', ''],
    ['an empty ERP value', { connections: { netsuite: connection({ accounts: { '4000': '  ' } }) } }, '/content/connections/netsuite/accounts/4000', 'must be the ERP value, not empty'],
    ['a number for an ERP value', { connections: { netsuite: connection({ entities: { ent_de: 3 } }) } }, '/content/connections/netsuite/entities/ent_de', ''],
    ['a reserved key', { connections: { netsuite: connection({ accounts: JSON.parse('{"__proto__": "401"}') as unknown }) } }, '/content/connections/netsuite/accounts/__proto__', 'is a reserved word and cannot be a key'],
    ['an empty template', { connections: { netsuite: connection({ templates: { invoice: '', credit_memo: '$' } }) } }, '/content/connections/netsuite/templates/invoice', 'must be a JSONata expression, not empty'],
    ['a bad connection name', { connections: { 'Net Suite': connection() } }, '/content/connections/Net Suite', 'must be a connection name'],
    ['a dimension without a segment', { connections: { netsuite: connection({ dimensions: { department: { values: {} } } }) } }, '/content/connections/netsuite/dimensions/department/segment', ''],
  ])('refuses %s, pointing at it', (_name, content, path, message) => {
    const error = refusal(content);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });
});
