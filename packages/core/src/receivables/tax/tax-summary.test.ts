import { describe, expect, it } from 'vitest';
import { calculateLineTax } from './line-tax.ts';
import type { TaxLineDecision } from './tax-engine.ts';
import { sumTaxLines, taxSummaryByRate } from './tax-summary.ts';

function line(lineId: string, taxableAmount: bigint, rate: string, overrides: Partial<TaxLineDecision> = {}): TaxLineDecision {
  return {
    lineId,
    jurisdiction: 'DE',
    taxCode: 'DE-STD',
    vatCategory: 'S',
    rate,
    taxableAmount,
    taxAmount: calculateLineTax({ amount: taxableAmount, currency: 'EUR', ratePercent: rate, roundingMode: 'half_up' }),
    rule: 'eu.domestic.standard',
    tableVersion: '2026.1',
    ...overrides,
  };
}

describe('per-line tax rounding (the rule the invoice follows)', () => {
  it('bills 4.00 EUR for two lines of 10.50 EUR at 19 %, one cent more than rounding the invoice once', () => {
    const lines = [line('a', 1050n, '19'), line('b', 1050n, '19')];
    // Each line: 10.50 × 19 % = 1.995 → 2.00.
    expect(lines.map((l) => l.taxAmount)).toEqual([200n, 200n]);
    const perLine = sumTaxLines(lines);
    // Rounding the invoice once instead: 21.00 × 19 % = 3.99.
    const perInvoice = calculateLineTax({ amount: 2100n, currency: 'EUR', ratePercent: '19', roundingMode: 'half_up' });
    expect(perLine).toBe(400n);
    expect(perInvoice).toBe(399n);
    expect(perLine - perInvoice).toBe(1n);
    // The breakdown row repeats the lines' sum, so the PDF, the total and the GL agree.
    expect(taxSummaryByRate(lines)).toEqual([
      expect.objectContaining({ vatCategory: 'S', rate: '19', taxableAmount: 2100n, taxAmount: 400n }),
    ]);
  });

  it('lets a credit memo for one line reverse exactly that line\'s tax', () => {
    const invoice = [line('a', 1050n, '19'), line('b', 1050n, '19')];
    const credit = [line('c', -1050n, '19')];
    expect(sumTaxLines(invoice) + sumTaxLines(credit)).toBe(200n);
  });

  it('sums nothing to zero', () => {
    expect(sumTaxLines([])).toBe(0n);
    expect(taxSummaryByRate([])).toEqual([]);
  });
});

describe('taxSummaryByRate (EN 16931 BG-23)', () => {
  it('groups by category and rate value, in order of first appearance', () => {
    const rows = taxSummaryByRate([
      line('1', 10000n, '19'),
      line('2', 5000n, '7', { taxCode: 'DE-RED' }),
      line('3', 2000n, '19.00'),
      line('4', 3000n, '0', { vatCategory: 'AE', taxCode: 'DE-RC', taxAmount: 0n, rule: 'eu.reverse_charge.b2b', exemptionReason: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE' }),
    ]);
    expect(rows).toEqual([
      { vatCategory: 'S', rate: '19', taxableAmount: 12000n, taxAmount: 2280n, jurisdictions: ['DE'], lineIds: ['1', '3'] },
      { vatCategory: 'S', rate: '7', taxableAmount: 5000n, taxAmount: 350n, jurisdictions: ['DE'], lineIds: ['2'] },
      {
        vatCategory: 'AE', rate: '0', taxableAmount: 3000n, taxAmount: 0n, jurisdictions: ['DE'], lineIds: ['4'],
        exemptionReason: 'Reverse charge', exemptionReasonCode: 'VATEX-EU-AE',
      },
    ]);
  });

  it('keeps zero-rated categories apart even at the same 0 % rate', () => {
    const rows = taxSummaryByRate([
      line('1', 100n, '0', { vatCategory: 'O', taxAmount: 0n }),
      line('2', 100n, '0', { vatCategory: 'E', taxAmount: 0n }),
    ]);
    expect(rows.map((r) => r.vatCategory)).toEqual(['O', 'E']);
  });

  it('flags a row that merges two jurisdictions at the same rate', () => {
    const rows = taxSummaryByRate([line('1', 100n, '20', { jurisdiction: 'AT' }), line('2', 100n, '20', { jurisdiction: 'FR' })]);
    expect(rows[0]?.jurisdictions).toEqual(['AT', 'FR']);
  });
});
