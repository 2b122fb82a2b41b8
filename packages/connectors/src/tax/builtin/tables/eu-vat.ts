import type { RateStep } from '../rate-periods.ts';

/**
 * EU VAT standard rates of the 27 member states, with every change since the tables start
 * (2020-01-01, the rate in force that day). Reduced rates are not modelled: SaaS, digital and
 * professional services are standard-rated everywhere in the EU.
 *
 * Sources, checked for table 2026.1: European Commission "VAT rates applied in the Member
 * States" (taxation-customs.ec.europa.eu, Taxes in Europe database); national announcements
 * for the changes: DE temporary 16 % (second COVID-19 tax relief act, 2020-07-01 to
 * 2020-12-31); IE temporary 21 % (2020-09-01 to 2021-02-28); LU temporary 16 % (calendar
 * 2023); EE 22 % from 2024-01-01 and 24 % from 2025-07-01; FI 25.5 % from 2024-09-01;
 * SK 23 % from 2025-01-01; RO 21 % from 2025-08-01. Cross-checked against 2026 rate tables
 * (eurofiscalis.com, updated 2026-02-02).
 *
 * Special territories with other rates or outside the EU VAT area (Madeira and the Azores,
 * Canary Islands, Ceuta and Melilla, Åland, Mount Athos, Büsingen, Heligoland, Livigno,
 * Campione d'Italia, the French overseas departments) are not modelled: the engine reads the
 * ISO country code only.
 */
export interface EuVatCountry {
  readonly name: string;
  readonly standard: readonly RateStep[];
}

const START = '2020-01-01';

/** Member states keyed by ISO 3166-1 code (Greece is `GR`; its VAT prefix `EL` is irrelevant here). */
export const EU_VAT_RATES = {
  AT: { name: 'Austria', standard: [{ from: START, rate: '20' }] },
  BE: { name: 'Belgium', standard: [{ from: START, rate: '21' }] },
  BG: { name: 'Bulgaria', standard: [{ from: START, rate: '20' }] },
  CY: { name: 'Cyprus', standard: [{ from: START, rate: '19' }] },
  CZ: { name: 'Czechia', standard: [{ from: START, rate: '21' }] },
  DE: {
    name: 'Germany',
    standard: [
      { from: START, rate: '19' },
      { from: '2020-07-01', rate: '16' },
      { from: '2021-01-01', rate: '19' },
    ],
  },
  DK: { name: 'Denmark', standard: [{ from: START, rate: '25' }] },
  EE: {
    name: 'Estonia',
    standard: [
      { from: START, rate: '20' },
      { from: '2024-01-01', rate: '22' },
      { from: '2025-07-01', rate: '24' },
    ],
  },
  ES: { name: 'Spain', standard: [{ from: START, rate: '21' }] },
  FI: {
    name: 'Finland',
    standard: [
      { from: START, rate: '24' },
      { from: '2024-09-01', rate: '25.5' },
    ],
  },
  FR: { name: 'France', standard: [{ from: START, rate: '20' }] },
  GR: { name: 'Greece', standard: [{ from: START, rate: '24' }] },
  HR: { name: 'Croatia', standard: [{ from: START, rate: '25' }] },
  HU: { name: 'Hungary', standard: [{ from: START, rate: '27' }] },
  IE: {
    name: 'Ireland',
    standard: [
      { from: START, rate: '23' },
      { from: '2020-09-01', rate: '21' },
      { from: '2021-03-01', rate: '23' },
    ],
  },
  IT: { name: 'Italy', standard: [{ from: START, rate: '22' }] },
  LT: { name: 'Lithuania', standard: [{ from: START, rate: '21' }] },
  LU: {
    name: 'Luxembourg',
    standard: [
      { from: START, rate: '17' },
      { from: '2023-01-01', rate: '16' },
      { from: '2024-01-01', rate: '17' },
    ],
  },
  LV: { name: 'Latvia', standard: [{ from: START, rate: '21' }] },
  MT: { name: 'Malta', standard: [{ from: START, rate: '18' }] },
  NL: { name: 'Netherlands', standard: [{ from: START, rate: '21' }] },
  PL: { name: 'Poland', standard: [{ from: START, rate: '23' }] },
  PT: { name: 'Portugal (mainland)', standard: [{ from: START, rate: '23' }] },
  RO: {
    name: 'Romania',
    standard: [
      { from: START, rate: '19' },
      { from: '2025-08-01', rate: '21' },
    ],
  },
  SE: { name: 'Sweden', standard: [{ from: START, rate: '25' }] },
  SI: { name: 'Slovenia', standard: [{ from: START, rate: '22' }] },
  SK: {
    name: 'Slovakia',
    standard: [
      { from: START, rate: '20' },
      { from: '2025-01-01', rate: '23' },
    ],
  },
} as const satisfies Record<string, EuVatCountry>;

/** ISO code of an EU member state covered by the table. */
export type EuVatCountryCode = keyof typeof EU_VAT_RATES;

/** True when `country` is an EU member state (the table lists all 27). */
export function isEuVatCountry(country: string): country is EuVatCountryCode {
  return Object.hasOwn(EU_VAT_RATES, country);
}
