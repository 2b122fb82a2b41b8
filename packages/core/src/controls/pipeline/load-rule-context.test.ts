import { describe, expect, it } from 'vitest';
import type { DocumentLineRow } from './load-document-rows.ts';
import { usageOf } from './load-rule-context.ts';

const line = (over: Partial<DocumentLineRow>): DocumentLineRow => ({
  invoiceId: 'inv_1', lineNo: 1, kind: 'usage', description: 'API calls', productId: 'prd_1', contractLineId: 'ctl_1', quantity: '0',
  unitPrice: '0.001', amountMinor: 0n, taxCode: 'DE-STD', vatCategory: 'S', taxRate: '19', taxMinor: 0n, taxDecided: true, revenueAccountCode: '4000',
  department: null, costCenter: null, metricCode: 'api.calls', metricUnit: 'call', includedQuantity: '10000', contractLineKey: 'api', ...over,
});

describe('usage against entitlement on an invoice', () => {
  it.each([
    { name: 'one window', lines: [line({ quantity: '12000' })], expected: [{ metric: 'api.calls', unit: 'call', quantity: '12000', entitlement: '10000' }] },
    {
      name: 'two windows of one line after a mid-period price change: the allowance counts once',
      lines: [line({ quantity: '6000' }), line({ lineNo: 2, contractLineId: 'ctl_2', quantity: '6000' })],
      expected: [{ metric: 'api.calls', unit: 'call', quantity: '12000', entitlement: '10000' }],
    },
    {
      name: 'an amendment that raised the allowance mid-period: the larger one',
      lines: [line({ quantity: '6000' }), line({ lineNo: 2, contractLineId: 'ctl_2', quantity: '6000', includedQuantity: '15000' })],
      expected: [{ metric: 'api.calls', unit: 'call', quantity: '12000', entitlement: '15000' }],
    },
    {
      name: 'two contract lines on one metric: both allowances',
      lines: [line({ quantity: '6000' }), line({ lineNo: 2, contractLineId: 'ctl_9', contractLineKey: 'api-eu', quantity: '6000' })],
      expected: [{ metric: 'api.calls', unit: 'call', quantity: '12000', entitlement: '20000' }],
    },
    { name: 'a line priced without an allowance: unlimited', lines: [line({ quantity: '5', includedQuantity: null })], expected: [{ metric: 'api.calls', unit: 'call', quantity: '5', entitlement: null }] },
    { name: 'no usage lines', lines: [line({ kind: 'recurring', metricCode: null })], expected: [] },
  ])('$name', ({ lines, expected }) => {
    expect(usageOf(lines)).toEqual(expected);
  });
});
