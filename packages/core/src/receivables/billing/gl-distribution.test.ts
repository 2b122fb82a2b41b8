import { describe, expect, it } from 'vitest';
import { distributeInvoice, type GlLineInput } from './gl-distribution.ts';

const lines: GlLineInput[] = [
  { id: 'l1', amountMinor: 30000n, taxMinor: 5700n, revenueAccountCode: '4000', deferred: false, dimensions: { department: 'sales' } },
  { id: 'l2', amountMinor: -13548n, taxMinor: -2574n, revenueAccountCode: '4000', deferred: false, dimensions: {} },
  { id: 'l3', amountMinor: 120000n, taxMinor: 22800n, revenueAccountCode: '4000', deferred: true, dimensions: {} },
];

const sums = (entries: ReturnType<typeof distributeInvoice>) => ({
  debit: entries.reduce((s, e) => s + e.debitMinor, 0n),
  credit: entries.reduce((s, e) => s + e.creditMinor, 0n),
});

describe('distributeInvoice', () => {
  it('balances and sends prepaid service to deferred revenue', () => {
    const entries = distributeInvoice('invoice', lines);
    // receivable 1,623.78 plus the reversed credit line 135.48 on the debit side
    expect(sums(entries)).toEqual({ debit: 175926n, credit: 175926n });
    expect(entries.find((e) => e.accountCode === '1100')).toMatchObject({ debitMinor: 162378n });
    expect(entries.find((e) => e.invoiceLineId === 'l3')).toMatchObject({ accountCode: '2300', creditMinor: 120000n });
    expect(entries.find((e) => e.invoiceLineId === 'l2')).toMatchObject({ accountCode: '4000', debitMinor: 13548n, creditMinor: 0n });
    expect(entries.find((e) => e.accountCode === '2200')).toMatchObject({ creditMinor: 25926n });
    expect(entries.find((e) => e.invoiceLineId === 'l1')!.dimensions).toEqual({ department: 'sales' });
  });

  it('mirrors a credit memo', () => {
    const entries = distributeInvoice('credit_memo', [lines[0]!]);
    expect(entries.find((e) => e.accountCode === '1100')).toMatchObject({ debitMinor: 0n, creditMinor: 35700n });
    expect(entries.find((e) => e.accountCode === '4000')).toMatchObject({ debitMinor: 30000n });
    expect(sums(entries).debit).toBe(sums(entries).credit);
  });
});
