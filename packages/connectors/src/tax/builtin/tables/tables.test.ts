import { describe, expect, it } from 'vitest';
// Test-only: core's public index does not export reference data, and the EU list must match it.
import { EU_COUNTRIES } from '../../../../../core/src/reference-data/countries.ts';
import { normalizePercent } from '@invoiceops/core';
import { rateOn, stepOn, type RateStep } from '../rate-periods.ts';
import { AU_GST } from './au-gst.ts';
import { CA_GST_HST } from './ca-gst-hst.ts';
import { EU_VAT_RATES } from './eu-vat.ts';
import { SG_GST } from './sg-gst.ts';
import { UK_VAT_STANDARD } from './uk-vat.ts';
import { US_PROFESSIONAL_SERVICES_SALES_TAX, usProfessionalServicesRow, type UsServicesRow } from './us-professional-services-sales-tax.ts';
import { isUsState, US_SAAS_SALES_TAX, type UsSaasStep, type UsStateRow } from './us-saas-sales-tax.ts';

function expectWellFormed(steps: readonly { from: string }[], start: string): void {
  expect(steps[0]?.from).toBe(start);
  const froms = steps.map((s) => s.from);
  expect([...froms].sort()).toEqual(froms);
  expect(new Set(froms).size).toBe(froms.length);
  for (const from of froms) expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

const ALL_RATE_TABLES: [string, readonly RateStep[]][] = [
  ...Object.entries(EU_VAT_RATES).map(([code, row]): [string, readonly RateStep[]] => [`EU ${code}`, row.standard]),
  ['UK', UK_VAT_STANDARD],
  ['AU', AU_GST],
  ['SG', SG_GST],
  ...Object.entries(CA_GST_HST).map(([code, row]): [string, readonly RateStep[]] => [`CA ${code}`, row.steps]),
];

describe('rate tables', () => {
  it.each(ALL_RATE_TABLES)('%s: steps from 2020-01-01, in order, with canonical percentages', (_name, steps) => {
    expectWellFormed(steps, '2020-01-01');
    for (const step of steps) expect(normalizePercent(step.rate)).toBe(step.rate);
  });
});

describe('EU VAT standard rates', () => {
  it('lists exactly the 27 member states', () => {
    expect(Object.keys(EU_VAT_RATES).sort()).toEqual([...EU_COUNTRIES].sort());
  });

  const in2026: Record<string, string> = {
    AT: '20', BE: '21', BG: '20', CY: '19', CZ: '21', DE: '19', DK: '25', EE: '24', ES: '21', FI: '25.5',
    FR: '20', GR: '24', HR: '25', HU: '27', IE: '23', IT: '22', LT: '21', LU: '17', LV: '21', MT: '18',
    NL: '21', PL: '23', PT: '23', RO: '21', SE: '25', SI: '22', SK: '23',
  };
  it.each(Object.entries(in2026))('%s charges %s %% in 2026', (country, rate) => {
    expect(rateOn(EU_VAT_RATES[country as keyof typeof EU_VAT_RATES].standard, '2026-06-30', country)).toBe(rate);
  });
});

describe('Canadian GST/HST', () => {
  it('covers the 13 provinces and territories, HST in the five participating ones', () => {
    expect(Object.keys(CA_GST_HST)).toHaveLength(13);
    const hst = Object.entries(CA_GST_HST).filter(([, p]) => p.tax === 'HST').map(([code]) => code).sort();
    expect(hst).toEqual(['NB', 'NL', 'NS', 'ON', 'PE']);
  });

  it.each([
    ['ON', '13'], ['NB', '15'], ['NL', '15'], ['PE', '15'], ['NS', '14'], ['AB', '5'], ['BC', '5'], ['QC', '5'], ['YT', '5'],
  ])('%s charges %s %% in 2026', (province, rate) => {
    expect(rateOn(CA_GST_HST[province as keyof typeof CA_GST_HST].steps, '2026-01-01', province)).toBe(rate);
  });
});

describe('US SaaS sales tax table', () => {
  const rows = Object.entries(US_SAAS_SALES_TAX) as [string, UsStateRow][];

  it('has one row per state and DC (51)', () => {
    expect(rows).toHaveLength(51);
    expect(rows.map(([code]) => code)).toContain('DC');
  });

  it.each(rows)('%s: well-formed steps from 2025-01-01', (_code, row) => {
    expectWellFormed(row.steps, '2025-01-01');
    for (const step of row.steps as readonly UsSaasStep[]) {
      for (const rate of [step.stateRate, step.saasRate, step.businessRate]) if (rate !== undefined) expect(normalizePercent(rate)).toBe(rate);
      expect(step.taxablePortion !== undefined).toBe(step.saas === 'partial');
      expect(step.stateRate === '0').toBe(step.saas === 'no_sales_tax');
    }
  });

  it('knows the five states without a statewide sales tax', () => {
    const none = rows.filter(([, row]) => row.steps.every((s) => s.saas === 'no_sales_tax')).map(([code]) => code).sort();
    expect(none).toEqual(['AK', 'DE', 'MT', 'NH', 'OR']);
  });

  it.each<[string, string, string, string?]>([
    ['NY', 'taxable', '4'],
    ['TX', 'partial', '6.25', '80'],
    ['WA', 'taxable', '6.5'],
    ['PA', 'taxable', '6'],
    ['CA', 'exempt', '7.25'],
    ['FL', 'exempt', '6'],
  ])('%s: SaaS %s at state rate %s', (state, saas, rate, portion) => {
    const step = US_SAAS_SALES_TAX[state as keyof typeof US_SAAS_SALES_TAX].steps[0] as UsSaasStep;
    expect(step).toMatchObject({ saas, stateRate: rate });
    expect(step.taxablePortion).toBe(portion);
  });

  it('explains every row marked uncertain', () => {
    for (const [, row] of rows) if (row.certainty === 'uncertain') expect(row.note).toBeTruthy();
  });
});

describe('US professional services sales tax table', () => {
  const rows = Object.keys(US_SAAS_SALES_TAX).filter(isUsState).map((code): [string, UsServicesRow] => [code, usProfessionalServicesRow(code)]);
  const taxedOn = (date: string): string[] =>
    rows.filter(([, row]) => stepOn(row.steps, date, 'test').taxability === 'taxable').map(([code]) => code).sort();

  it('lists only states of the SaaS table, and decides all 51', () => {
    for (const code of Object.keys(US_PROFESSIONAL_SERVICES_SALES_TAX)) expect(isUsState(code)).toBe(true);
    expect(rows).toHaveLength(51);
  });

  it.each(rows)('%s: well-formed steps from 2025-01-01, a rate only where taxed', (_code, row) => {
    expectWellFormed(row.steps, '2025-01-01');
    for (const step of row.steps) {
      if (step.rate !== undefined) {
        expect(normalizePercent(step.rate)).toBe(step.rate);
        expect(step.taxability).toBe('taxable');
      }
    }
  });

  it('taxes professional services in seven states on 2026-01-01', () => {
    expect(taxedOn('2026-01-01')).toEqual(['CT', 'HI', 'MD', 'NM', 'SD', 'WA', 'WV']);
    expect(taxedOn('2025-01-01')).toEqual(['CT', 'HI', 'NM', 'SD', 'WV']);
  });

  it('taxes nothing in the five states without a statewide sales tax', () => {
    for (const code of ['AK', 'DE', 'MT', 'NH', 'OR'] as const) {
      expect(usProfessionalServicesRow(code).steps.every((s) => s.taxability === 'not_taxable')).toBe(true);
    }
  });

  it('explains every row marked uncertain and every taxed row', () => {
    for (const [, row] of rows) {
      if (row.certainty === 'uncertain' || row.steps.some((s) => s.taxability === 'taxable')) expect(row.note).toBeTruthy();
    }
  });
});
