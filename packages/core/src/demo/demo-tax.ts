import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/**
 * Tax jurisdictions and codes for the six entity countries, with the real standard rates
 * since 2020-01-01 (Germany's temporary 16 % in the second half of 2020 and Singapore's
 * steps from 7 % to 8 % to 9 % are separate validity periods of one code).
 *
 * Validity is half-open: a code applies from `validFrom` up to, not including, `validTo`
 * (the schema's `valid_to > valid_from` check reads that way), so consecutive periods share
 * the boundary date. Rates are percentages written as decimal strings.
 *
 * `taxCategory` is the treatment: standard, zero_rated, exempt, reverse_charge, export,
 * not_subject; products carry `standard` and the customer's situation picks the others.
 */

/** One tax jurisdiction as the seed writes it. */
export interface DemoTaxJurisdiction {
  id: string;
  code: string;
  name: string;
  country: string;
  region: string | null;
}

/** One tax code validity period as the seed writes it. */
export interface DemoTaxCode {
  id: string;
  code: string;
  jurisdictionCode: string;
  name: string;
  rate: string;
  vatCategory: string;
  taxCategory: string;
  validFrom: string;
  validTo: string | null;
}

const FROM = '2020-01-01';

const JURISDICTIONS: readonly (readonly [code: string, name: string])[] = [
  ['US', 'United States (federal)'],
  ['GB', 'United Kingdom VAT'],
  ['DE', 'Germany VAT (Umsatzsteuer)'],
  ['FR', 'France VAT (TVA)'],
  ['SG', 'Singapore GST'],
  ['AU', 'Australia GST'],
];

type CodeDefinition = Omit<DemoTaxCode, 'id'>;

/** The four EU treatments besides the standard rate, for one member state. */
function euSpecialCodes(country: string, label: string): CodeDefinition[] {
  return [
    { code: `${country}-ZERO`, jurisdictionCode: country, name: `${label} zero-rated`, rate: '0', vatCategory: 'Z', taxCategory: 'zero_rated', validFrom: FROM, validTo: null },
    { code: `${country}-EXEMPT`, jurisdictionCode: country, name: `${label} exempt`, rate: '0', vatCategory: 'E', taxCategory: 'exempt', validFrom: FROM, validTo: null },
    { code: `${country}-RC`, jurisdictionCode: country, name: `${label} reverse charge (B2B, EU)`, rate: '0', vatCategory: 'AE', taxCategory: 'reverse_charge', validFrom: FROM, validTo: null },
    { code: `${country}-EXPORT`, jurisdictionCode: country, name: `${label} export outside the EU`, rate: '0', vatCategory: 'G', taxCategory: 'export', validFrom: FROM, validTo: null },
  ];
}

const CODES: readonly CodeDefinition[] = [
  // The US entity charges no VAT; state sales tax would come from a tax engine, not a table.
  { code: 'US-NS', jurisdictionCode: 'US', name: 'Not subject to VAT (US entity)', rate: '0', vatCategory: 'O', taxCategory: 'not_subject', validFrom: FROM, validTo: null },
  { code: 'GB-STD', jurisdictionCode: 'GB', name: 'UK VAT standard rate', rate: '20', vatCategory: 'S', taxCategory: 'standard', validFrom: FROM, validTo: null },
  { code: 'GB-ZERO', jurisdictionCode: 'GB', name: 'UK VAT zero-rated', rate: '0', vatCategory: 'Z', taxCategory: 'zero_rated', validFrom: FROM, validTo: null },
  { code: 'GB-EXEMPT', jurisdictionCode: 'GB', name: 'UK VAT exempt', rate: '0', vatCategory: 'E', taxCategory: 'exempt', validFrom: FROM, validTo: null },
  { code: 'GB-RC', jurisdictionCode: 'GB', name: 'UK VAT reverse charge (B2B services)', rate: '0', vatCategory: 'AE', taxCategory: 'reverse_charge', validFrom: FROM, validTo: null },
  { code: 'DE-STD', jurisdictionCode: 'DE', name: 'Umsatzsteuer 19 %', rate: '19', vatCategory: 'S', taxCategory: 'standard', validFrom: FROM, validTo: '2020-07-01' },
  { code: 'DE-STD', jurisdictionCode: 'DE', name: 'Umsatzsteuer 16 % (temporary reduction)', rate: '16', vatCategory: 'S', taxCategory: 'standard', validFrom: '2020-07-01', validTo: '2021-01-01' },
  { code: 'DE-STD', jurisdictionCode: 'DE', name: 'Umsatzsteuer 19 %', rate: '19', vatCategory: 'S', taxCategory: 'standard', validFrom: '2021-01-01', validTo: null },
  ...euSpecialCodes('DE', 'Germany'),
  { code: 'FR-STD', jurisdictionCode: 'FR', name: 'TVA taux normal 20 %', rate: '20', vatCategory: 'S', taxCategory: 'standard', validFrom: FROM, validTo: null },
  ...euSpecialCodes('FR', 'France'),
  { code: 'SG-STD', jurisdictionCode: 'SG', name: 'GST 7 %', rate: '7', vatCategory: 'S', taxCategory: 'standard', validFrom: FROM, validTo: '2023-01-01' },
  { code: 'SG-STD', jurisdictionCode: 'SG', name: 'GST 8 %', rate: '8', vatCategory: 'S', taxCategory: 'standard', validFrom: '2023-01-01', validTo: '2024-01-01' },
  { code: 'SG-STD', jurisdictionCode: 'SG', name: 'GST 9 %', rate: '9', vatCategory: 'S', taxCategory: 'standard', validFrom: '2024-01-01', validTo: null },
  { code: 'SG-ZERO', jurisdictionCode: 'SG', name: 'GST zero-rated (international services)', rate: '0', vatCategory: 'Z', taxCategory: 'zero_rated', validFrom: FROM, validTo: null },
  { code: 'SG-EXEMPT', jurisdictionCode: 'SG', name: 'GST exempt supply', rate: '0', vatCategory: 'E', taxCategory: 'exempt', validFrom: FROM, validTo: null },
  { code: 'AU-GST', jurisdictionCode: 'AU', name: 'GST 10 %', rate: '10', vatCategory: 'S', taxCategory: 'standard', validFrom: FROM, validTo: null },
  { code: 'AU-FRE', jurisdictionCode: 'AU', name: 'GST-free (exports of services)', rate: '0', vatCategory: 'Z', taxCategory: 'zero_rated', validFrom: FROM, validTo: null },
  { code: 'AU-ITS', jurisdictionCode: 'AU', name: 'Input-taxed supply', rate: '0', vatCategory: 'E', taxCategory: 'exempt', validFrom: FROM, validTo: null },
];

/** One national jurisdiction per entity country (code = ISO country code). */
export function buildDemoTaxJurisdictions(seed: number): DemoTaxJurisdiction[] {
  const random = DemoRandom.stream(seed, 'tax-jurisdictions');
  return JURISDICTIONS.map(([code, name], index) => ({
    id: demoId(ID_PREFIX.taxJurisdiction, random, index),
    code,
    name,
    country: code,
    region: null,
  }));
}

/** Every tax code validity period (standard, zero-rated, exempt, reverse charge, export, not subject). */
export function buildDemoTaxCodes(seed: number): DemoTaxCode[] {
  const random = DemoRandom.stream(seed, 'tax-codes');
  return CODES.map((definition, index) => ({ id: demoId(ID_PREFIX.taxCode, random, index), ...definition }));
}
