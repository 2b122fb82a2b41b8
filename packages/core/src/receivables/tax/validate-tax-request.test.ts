import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import type { TaxRequest } from './tax-engine.ts';
import { validateTaxRequest } from './validate-tax-request.ts';

const valid: TaxRequest = {
  documentDate: '2026-03-31',
  currency: 'EUR',
  roundingMode: 'half_up',
  seller: { entityId: 'ent_1', country: 'DE', registrations: [{ country: 'DE', type: 'eu_vat', number: 'DE123456789' }] },
  buyer: { country: 'FR', taxIdValid: false, isBusiness: false, taxExempt: false },
  lines: [{ lineId: 'l1', amount: 1000n, productTaxCategory: 'saas' }],
};

function issuesOf(request: unknown): string[] {
  try {
    validateTaxRequest(request as TaxRequest);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return (error as AppError).issues.map((i) => i.path);
  }
  return [];
}

describe('validateTaxRequest', () => {
  it('accepts a well-formed request', () => {
    expect(validateTaxRequest(valid)).toBe(valid);
  });

  it.each<[string, unknown, string]>([
    ['a non-calendar date', { ...valid, documentDate: '2026-02-30' }, '/documentDate'],
    ['an unknown currency', { ...valid, currency: 'EURO' }, '/currency'],
    ['an unknown rounding mode', { ...valid, roundingMode: 'nearest' }, '/roundingMode'],
    ['a lower-case seller country', { ...valid, seller: { ...valid.seller, country: 'de' } }, '/seller/country'],
    ['a buyer country that is not ISO', { ...valid, buyer: { ...valid.buyer, country: 'XX' } }, '/buyer/country'],
    ['a float amount', { ...valid, lines: [{ lineId: 'l1', amount: 10.5, productTaxCategory: 'saas' }] }, '/lines/0/amount'],
    ['a missing product category', { ...valid, lines: [{ lineId: 'l1', amount: 1n, productTaxCategory: '' }] }, '/lines/0/productTaxCategory'],
    ['a duplicate line id', { ...valid, lines: [valid.lines[0], valid.lines[0]] }, '/lines/1/lineId'],
  ])('names the field for %s', (_label, request, path) => {
    expect(issuesOf(request)).toContain(path);
  });
});
