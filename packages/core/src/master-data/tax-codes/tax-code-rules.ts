import type { FieldIssue } from '../../errors/app-error.ts';
import type { VatCategory } from './tax-code-schemas.ts';

/** EN 16931 categories whose rate is always 0 (BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O). */
const ZERO_RATE_CATEGORIES: ReadonlySet<VatCategory> = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

/** "19" → "19.000000": the form the numeric(9, 6) column returns, so rows compare equal. */
export function normalizeTaxRate(rate: string): string {
  const [integer = '0', fraction = ''] = rate.split('.');
  return `${BigInt(integer).toString()}.${fraction.padEnd(6, '0')}`;
}

function isZeroRate(rate: string): boolean {
  return /^0*(\.0*)?$/.test(rate);
}

/**
 * The rate rules of EN 16931 per VAT category: zero-rated, exempt, reverse charge,
 * intra-community, export and out-of-scope codes carry 0 %, standard-rated ones more than
 * 0 % (BR-S-05). L and M (Canary Islands, Ceuta and Melilla) have their own local rates.
 */
export function checkRateForCategory(category: VatCategory, rate: string): FieldIssue[] {
  if (ZERO_RATE_CATEGORIES.has(category) && !isZeroRate(rate)) {
    return [{ path: '/rate', message: `must be 0 for VAT category ${category}, not ${rate}`, code: 'vat_category_rate' }];
  }
  if (category === 'S' && isZeroRate(rate)) {
    return [{ path: '/rate', message: 'must be above 0 for standard-rated VAT category S (use Z for zero rated)', code: 'vat_category_rate' }];
  }
  return [];
}

/** A validity period: `from` inclusive, `to` exclusive, `to` null while open-ended. */
export interface ValidityPeriod {
  validFrom: string;
  validTo: string | null;
}

const END_OF_TIME = '9999-12-31';

/** True when two half-open periods share at least one day (ISO dates compare as text). */
export function periodsOverlap(a: ValidityPeriod, b: ValidityPeriod): boolean {
  return a.validFrom < (b.validTo ?? END_OF_TIME) && b.validFrom < (a.validTo ?? END_OF_TIME);
}
