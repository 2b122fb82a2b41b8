import { describe, expect, it } from 'vitest';
import { buildRuleContext } from './build-rule-context.ts';
import { CLEAN_INVOICE, contextWith } from './rule-test-context.ts';

describe('buildRuleContext', () => {
  it.each([
    ['EUR', 178500n, '1785.00'],
    ['JPY', 178500n, '178500'],
    ['KWD', 178500n, '178.500'],
    ['EUR', -5n, '-0.05'],
  ])('writes %s %s minor units as %s beside the bigint', (currency, totalMinor, total) => {
    const { document } = contextWith({ document: { currency, totalMinor } });
    expect([document.total, document.totalMinor]).toEqual([total, totalMinor]);
  });

  it.each([
    ['a valid German VAT id', { taxId: 'DE 136 695 976', taxIdType: 'eu_vat' }, { taxId: 'DE 136 695 976', taxIdType: 'eu_vat', taxIdValid: true }],
    ['a German VAT id failing the checksum', { taxId: 'DE136695977', taxIdType: 'eu_vat' }, { taxIdValid: false }],
    ['a type taken from the country', { taxId: 'DE136695976', taxIdType: null }, { taxIdType: 'eu_vat', taxIdValid: true }],
    ['an unknown type', { taxId: 'DE136695976', taxIdType: 'vat' }, { taxIdType: 'vat', taxIdValid: false }],
    ['no tax id', { taxId: '  ', taxIdType: null }, { taxId: '', taxIdType: '', taxIdValid: false }],
  ])('validates %s through the reference-data rules', (_name, party, expected) => {
    expect(contextWith({ party }).party).toMatchObject(expected);
  });

  it('fills what is absent with empty values, never undefined', () => {
    const context = buildRuleContext({
      ...CLEAN_INVOICE,
      document: { ...CLEAN_INVOICE.document, number: null, poNumber: null, issueDate: null, taxLines: undefined },
      lines: [{ ...CLEAN_INVOICE.lines[0]!, unitPrice: null, contractLineId: null, glAccount: null }],
      party: { ...CLEAN_INVOICE.party, segment: null, poRequired: undefined },
      contract: null,
      history: null,
      usage: [{ metric: 'seats', unit: 'seat', quantity: '12', entitlement: null }],
    });
    expect(context.document).toMatchObject({ number: '', poNumber: '', issueDate: '', taxError: '', taxLines: [], creditedDocumentId: '', creditable: '0.00', creditableMinor: 0n });
    expect(context.lines[0]).toMatchObject({ lineNo: 1n, unitPrice: '', contractLineId: '', glAccount: '', usageMetric: '', amount: '1000.00' });
    expect(context.party).toMatchObject({ segment: '', poRequired: false, taxIdRequired: false });
    expect(context.contract).toEqual({ id: '', number: '', poNumber: '', lines: [] });
    expect(context.history).toEqual({
      documentCount: 0n, averageTotal: '0.00', averageTotalMinor: 0n, minTotal: '0.00', minTotalMinor: 0n, maxTotal: '0.00', maxTotalMinor: 0n, sameAmountCount: 0n,
    });
    expect(context.usage).toEqual([{ metric: 'seats', unit: 'seat', quantity: '12', entitlement: '0', unlimited: true }]);
  });
});
