import { describe, expect, it } from 'vitest';
import { TaxCalculationError, type TaxLineDecision } from '@invoiceops/core';
import { createTaxEngine } from '../index.ts';
import { calculateBuiltinTax } from './builtin-tax-engine.ts';
import { EU_REVERSE_CHARGE_NOTE } from './rules/eu-vat-rules.ts';
import { taxRequest, type TaxRequestOptions } from './test-requests.ts';

function decide(options: TaxRequestOptions): TaxLineDecision {
  const result = calculateBuiltinTax(taxRequest(options));
  expect(result.lines).toHaveLength(1);
  return result.lines[0]!;
}

type Expected = Pick<TaxLineDecision, 'jurisdiction' | 'taxCode' | 'vatCategory' | 'rate' | 'taxableAmount' | 'taxAmount' | 'rule'> &
  Partial<Pick<TaxLineDecision, 'exemptionReason' | 'exemptionReasonCode'>>;

describe('built-in engine: who pays which tax on a 100.00 line', () => {
  it.each<[string, TaxRequestOptions, Expected]>([
    // EU
    ['DE seller → DE consumer: German VAT 19 %', { seller: 'DE', buyer: 'DE' },
      { jurisdiction: 'DE', taxCode: 'DE-STD', vatCategory: 'S', rate: '19', taxableAmount: 10000n, taxAmount: 1900n, rule: 'eu.domestic.standard' }],
    ['DE seller → DE business: German VAT 19 % (no domestic reverse charge)', { seller: 'DE', buyer: 'DE', business: true },
      { jurisdiction: 'DE', taxCode: 'DE-STD', vatCategory: 'S', rate: '19', taxableAmount: 10000n, taxAmount: 1900n, rule: 'eu.domestic.standard' }],
    ['DE seller → FR business with a valid VAT id: reverse charge', { seller: 'DE', buyer: 'FR', business: true },
      { jurisdiction: 'DE', taxCode: 'DE-RC', vatCategory: 'AE', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'eu.reverse_charge.b2b', exemptionReasonCode: 'VATEX-EU-AE' }],
    ['DE seller → FR business whose VAT id is NOT valid: treated as a consumer, French 20 %', { seller: 'DE', buyer: 'FR', business: true, taxIdValid: false },
      { jurisdiction: 'FR', taxCode: 'FR-STD', vatCategory: 'S', rate: '20', taxableAmount: 10000n, taxAmount: 2000n, rule: 'eu.b2b_unverified_vat_id.electronic_services.destination' }],
    ['DE seller → FR consumer, SaaS: French 20 % (Art. 58)', { seller: 'DE', buyer: 'FR' },
      { jurisdiction: 'FR', taxCode: 'FR-STD', vatCategory: 'S', rate: '20', taxableAmount: 10000n, taxAmount: 2000n, rule: 'eu.b2c.electronic_services.destination' }],
    ['DE seller → FR consumer, professional services: German 19 % (Art. 45)', { seller: 'DE', buyer: 'FR', category: 'professional_services' },
      { jurisdiction: 'DE', taxCode: 'DE-STD', vatCategory: 'S', rate: '19', taxableAmount: 10000n, taxAmount: 1900n, rule: 'eu.b2c.general_services.origin' }],
    ['FI seller → HU consumer, digital services: Hungarian 27 %', { seller: 'FI', buyer: 'HU', category: 'digital_services' },
      { jurisdiction: 'HU', taxCode: 'HU-STD', vatCategory: 'S', rate: '27', taxableAmount: 10000n, taxAmount: 2700n, rule: 'eu.b2c.electronic_services.destination' }],
    ['DE seller → US business: outside the scope of EU VAT', { seller: 'DE', buyer: 'US', business: true },
      { jurisdiction: 'DE', taxCode: 'DE-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'eu.outside_eu.not_subject', exemptionReasonCode: 'VATEX-EU-O' }],
    ['DE seller → US consumer, SaaS: outside the scope of EU VAT', { seller: 'DE', buyer: 'US' },
      { jurisdiction: 'DE', taxCode: 'DE-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'eu.outside_eu.not_subject', exemptionReasonCode: 'VATEX-EU-O' }],
    ['DE seller → CH consumer, standard general service: German 19 % (Art. 45)', { seller: 'DE', buyer: 'CH', category: 'standard' },
      { jurisdiction: 'DE', taxCode: 'DE-STD', vatCategory: 'S', rate: '19', taxableAmount: 10000n, taxAmount: 1900n, rule: 'eu.b2c.general_services.origin' }],
    ['GR seller → GR consumer: jurisdiction uses the ISO code GR, not the VAT prefix EL', { seller: 'GR', buyer: 'GR' },
      { jurisdiction: 'GR', taxCode: 'GR-STD', vatCategory: 'S', rate: '24', taxableAmount: 10000n, taxAmount: 2400n, rule: 'eu.domestic.standard' }],
    // UK
    ['GB seller → GB consumer: UK VAT 20 %', { seller: 'GB', buyer: 'GB' },
      { jurisdiction: 'GB', taxCode: 'GB-STD', vatCategory: 'S', rate: '20', taxableAmount: 10000n, taxAmount: 2000n, rule: 'uk.domestic.standard' }],
    ['GB seller → DE business: outside the scope of UK VAT', { seller: 'GB', buyer: 'DE', business: true },
      { jurisdiction: 'GB', taxCode: 'GB-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'uk.b2b.outside_uk' }],
    ['GB seller → DE consumer, SaaS: outside the scope of UK VAT (foreign VAT not calculated)', { seller: 'GB', buyer: 'DE' },
      { jurisdiction: 'GB', taxCode: 'GB-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'uk.b2c.electronic_services.outside_uk' }],
    ['GB seller → US consumer, standard general service: UK VAT 20 %', { seller: 'GB', buyer: 'US', category: 'standard' },
      { jurisdiction: 'GB', taxCode: 'GB-STD', vatCategory: 'S', rate: '20', taxableAmount: 10000n, taxAmount: 2000n, rule: 'uk.b2c.general_services.origin' }],
    // Australia and Singapore
    ['AU seller → AU buyer: GST 10 %', { seller: 'AU', buyer: 'AU', currency: 'AUD' },
      { jurisdiction: 'AU', taxCode: 'AU-STD', vatCategory: 'S', rate: '10', taxableAmount: 10000n, taxAmount: 1000n, rule: 'au.domestic.gst' }],
    ['AU seller → US buyer: GST-free export', { seller: 'AU', buyer: 'US', currency: 'AUD', business: true },
      { jurisdiction: 'AU', taxCode: 'AU-ZERO', vatCategory: 'Z', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'au.export.gst_free' }],
    ['SG seller → SG buyer on 2023-06-01: GST 8 %', { seller: 'SG', buyer: 'SG', currency: 'SGD', date: '2023-06-01' },
      { jurisdiction: 'SG', taxCode: 'SG-STD', vatCategory: 'S', rate: '8', taxableAmount: 10000n, taxAmount: 800n, rule: 'sg.domestic.gst' }],
    ['SG seller → SG buyer on 2024-06-01: GST 9 %', { seller: 'SG', buyer: 'SG', currency: 'SGD', date: '2024-06-01' },
      { jurisdiction: 'SG', taxCode: 'SG-STD', vatCategory: 'S', rate: '9', taxableAmount: 10000n, taxAmount: 900n, rule: 'sg.domestic.gst' }],
    ['SG seller → SG buyer on 2022-12-31: GST 7 %', { seller: 'SG', buyer: 'SG', currency: 'SGD', date: '2022-12-31' },
      { jurisdiction: 'SG', taxCode: 'SG-STD', vatCategory: 'S', rate: '7', taxableAmount: 10000n, taxAmount: 700n, rule: 'sg.domestic.gst' }],
    ['SG seller → JP buyer: zero-rated international service', { seller: 'SG', buyer: 'JP', currency: 'SGD', business: true },
      { jurisdiction: 'SG', taxCode: 'SG-ZERO', vatCategory: 'Z', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'sg.international_services.zero_rated' }],
    // US
    ['US seller → NY buyer: SaaS taxable at the 4 % state rate', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', business: true },
      { jurisdiction: 'US-NY', taxCode: 'US-NY-SAAS', vatCategory: 'S', rate: '4', taxableAmount: 10000n, taxAmount: 400n, rule: 'us.saas_taxable' }],
    ['US seller → TX buyer: 6.25 % on 80 % of the amount', { seller: 'US', buyer: 'US', region: 'TX', currency: 'USD', business: true },
      { jurisdiction: 'US-TX', taxCode: 'US-TX-SAAS', vatCategory: 'S', rate: '6.25', taxableAmount: 8000n, taxAmount: 500n, rule: 'us.saas_partially_taxable' }],
    ['US seller → WA buyer: 6.5 %', { seller: 'US', buyer: 'US', region: 'WA', currency: 'USD', business: true },
      { jurisdiction: 'US-WA', taxCode: 'US-WA-SAAS', vatCategory: 'S', rate: '6.5', taxableAmount: 10000n, taxAmount: 650n, rule: 'us.saas_taxable' }],
    ['US seller → CA buyer: SaaS not taxable in California', { seller: 'US', buyer: 'US', region: 'CA', currency: 'USD', business: true },
      { jurisdiction: 'US-CA', taxCode: 'US-CA-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.saas_not_taxable' }],
    ['US seller → FL buyer: SaaS not taxable in Florida', { seller: 'US', buyer: 'US', region: 'FL', currency: 'USD' },
      { jurisdiction: 'US-FL', taxCode: 'US-FL-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.saas_not_taxable' }],
    ['US seller → OR buyer: no state sales tax', { seller: 'US', buyer: 'US', region: 'OR', currency: 'USD' },
      { jurisdiction: 'US-OR', taxCode: 'US-OR-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.no_state_sales_tax' }],
    ['US seller → CT business: 1 % for business use', { seller: 'US', buyer: 'US', region: 'CT', currency: 'USD', business: true },
      { jurisdiction: 'US-CT', taxCode: 'US-CT-SAAS', vatCategory: 'S', rate: '1', taxableAmount: 10000n, taxAmount: 100n, rule: 'us.saas_taxable' }],
    ['US seller → CT consumer: 6.35 %', { seller: 'US', buyer: 'US', region: 'CT', currency: 'USD' },
      { jurisdiction: 'US-CT', taxCode: 'US-CT-SAAS', vatCategory: 'S', rate: '6.35', taxableAmount: 10000n, taxAmount: 635n, rule: 'us.saas_taxable' }],
    ['US seller → OH consumer: not taxable for personal use', { seller: 'US', buyer: 'US', region: 'OH', currency: 'USD' },
      { jurisdiction: 'US-OH', taxCode: 'US-OH-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.saas_not_taxable_for_consumers' }],
    ['US seller → OH business: 5.75 %', { seller: 'US', buyer: 'US', region: 'OH', currency: 'USD', business: true },
      { jurisdiction: 'US-OH', taxCode: 'US-OH-SAAS', vatCategory: 'S', rate: '5.75', taxableAmount: 10000n, taxAmount: 575n, rule: 'us.saas_taxable' }],
    ['US seller → MD business on 2025-06-30: business use not taxed', { seller: 'US', buyer: 'US', region: 'MD', currency: 'USD', business: true, date: '2025-06-30' },
      { jurisdiction: 'US-MD', taxCode: 'US-MD-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.saas_not_taxable_for_business_use' }],
    ['US seller → MD business on 2025-07-01: 3 % IT services rate', { seller: 'US', buyer: 'US', region: 'MD', currency: 'USD', business: true, date: '2025-07-01' },
      { jurisdiction: 'US-MD', taxCode: 'US-MD-SAAS', vatCategory: 'S', rate: '3', taxableAmount: 10000n, taxAmount: 300n, rule: 'us.saas_taxable' }],
    ['US seller → DE buyer: no US sales tax', { seller: 'US', buyer: 'DE', currency: 'USD', business: true },
      { jurisdiction: 'US', taxCode: 'US-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.buyer_outside_us' }],
    // US professional services (consulting, implementation, training)
    ['US seller → NY business, professional services: not taxable in New York', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-NY', taxCode: 'US-NY-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.professional_services_not_taxable',
        exemptionReason: 'Professional services are not subject to sales tax in New York' }],
    ['US seller → CA consumer, professional services: not taxable in California', { seller: 'US', buyer: 'US', region: 'CA', currency: 'USD', category: 'professional_services' },
      { jurisdiction: 'US-CA', taxCode: 'US-CA-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.professional_services_not_taxable',
        exemptionReason: 'Professional services are not subject to sales tax in California' }],
    ['US seller → OR business, professional services: no state sales tax', { seller: 'US', buyer: 'US', region: 'OR', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-OR', taxCode: 'US-OR-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.no_state_sales_tax', exemptionReason: 'No statewide sales tax in Oregon' }],
    ['US seller → HI business, professional services: general excise tax 4 %', { seller: 'US', buyer: 'US', region: 'HI', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-HI', taxCode: 'US-HI-SERVICES', vatCategory: 'S', rate: '4', taxableAmount: 10000n, taxAmount: 400n, rule: 'us.professional_services_taxable' }],
    ['US seller → NM business, professional services: gross receipts tax 4.875 %, rounded once', { seller: 'US', buyer: 'US', region: 'NM', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-NM', taxCode: 'US-NM-SERVICES', vatCategory: 'S', rate: '4.875', taxableAmount: 10000n, taxAmount: 488n, rule: 'us.professional_services_taxable' }],
    ['US seller → SD business, professional services: 4.2 %', { seller: 'US', buyer: 'US', region: 'SD', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-SD', taxCode: 'US-SD-SERVICES', vatCategory: 'S', rate: '4.2', taxableAmount: 10000n, taxAmount: 420n, rule: 'us.professional_services_taxable' }],
    ['US seller → WV consumer, professional services: 6 %', { seller: 'US', buyer: 'US', region: 'WV', currency: 'USD', category: 'professional_services' },
      { jurisdiction: 'US-WV', taxCode: 'US-WV-SERVICES', vatCategory: 'S', rate: '6', taxableAmount: 10000n, taxAmount: 600n, rule: 'us.professional_services_taxable' }],
    ['US seller → CT business, professional services: 1 % computer services rate', { seller: 'US', buyer: 'US', region: 'CT', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US-CT', taxCode: 'US-CT-SERVICES', vatCategory: 'S', rate: '1', taxableAmount: 10000n, taxAmount: 100n, rule: 'us.professional_services_taxable' }],
    ['US seller → MD business on 2025-06-30, professional services: not taxable yet', { seller: 'US', buyer: 'US', region: 'MD', currency: 'USD', business: true, category: 'professional_services', date: '2025-06-30' },
      { jurisdiction: 'US-MD', taxCode: 'US-MD-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.professional_services_not_taxable' }],
    ['US seller → MD business on 2025-07-01, professional services: 3 % IT services rate', { seller: 'US', buyer: 'US', region: 'MD', currency: 'USD', business: true, category: 'professional_services', date: '2025-07-01' },
      { jurisdiction: 'US-MD', taxCode: 'US-MD-SERVICES', vatCategory: 'S', rate: '3', taxableAmount: 10000n, taxAmount: 300n, rule: 'us.professional_services_taxable' }],
    ['US seller → WA business on 2025-09-30, professional services: not taxable yet', { seller: 'US', buyer: 'US', region: 'WA', currency: 'USD', business: true, category: 'professional_services', date: '2025-09-30' },
      { jurisdiction: 'US-WA', taxCode: 'US-WA-EXEMPT', vatCategory: 'E', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.professional_services_not_taxable' }],
    ['US seller → WA business on 2025-10-01, professional services: 6.5 % (ESSB 5814)', { seller: 'US', buyer: 'US', region: 'WA', currency: 'USD', business: true, category: 'professional_services', date: '2025-10-01' },
      { jurisdiction: 'US-WA', taxCode: 'US-WA-SERVICES', vatCategory: 'S', rate: '6.5', taxableAmount: 10000n, taxAmount: 650n, rule: 'us.professional_services_taxable' }],
    ['US seller → DE buyer, professional services: no US sales tax', { seller: 'US', buyer: 'DE', currency: 'USD', business: true, category: 'professional_services' },
      { jurisdiction: 'US', taxCode: 'US-NS', vatCategory: 'O', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'us.buyer_outside_us' }],
    // Canada
    ['CA seller → ON buyer: HST 13 %', { seller: 'CA', buyer: 'CA', region: 'ON', currency: 'CAD' },
      { jurisdiction: 'CA-ON', taxCode: 'CA-ON-HST', vatCategory: 'S', rate: '13', taxableAmount: 10000n, taxAmount: 1300n, rule: 'ca.hst' }],
    ['CA seller → AB buyer: GST 5 %', { seller: 'CA', buyer: 'CA', region: 'AB', currency: 'CAD' },
      { jurisdiction: 'CA-AB', taxCode: 'CA-AB-GST', vatCategory: 'S', rate: '5', taxableAmount: 10000n, taxAmount: 500n, rule: 'ca.gst' }],
    ['CA seller → QC buyer: GST 5 % only (QST not charged)', { seller: 'CA', buyer: 'CA', region: 'QC', currency: 'CAD' },
      { jurisdiction: 'CA-QC', taxCode: 'CA-QC-GST', vatCategory: 'S', rate: '5', taxableAmount: 10000n, taxAmount: 500n, rule: 'ca.gst' }],
    ['CA seller → NS buyer on 2025-03-31: HST 15 %', { seller: 'CA', buyer: 'CA', region: 'NS', currency: 'CAD', date: '2025-03-31' },
      { jurisdiction: 'CA-NS', taxCode: 'CA-NS-HST', vatCategory: 'S', rate: '15', taxableAmount: 10000n, taxAmount: 1500n, rule: 'ca.hst' }],
    ['CA seller → NS buyer on 2025-04-01: HST 14 %', { seller: 'CA', buyer: 'CA', region: 'NS', currency: 'CAD', date: '2025-04-01' },
      { jurisdiction: 'CA-NS', taxCode: 'CA-NS-HST', vatCategory: 'S', rate: '14', taxableAmount: 10000n, taxAmount: 1400n, rule: 'ca.hst' }],
    ['CA seller → US buyer: zero-rated export', { seller: 'CA', buyer: 'US', currency: 'CAD', business: true },
      { jurisdiction: 'CA', taxCode: 'CA-ZERO', vatCategory: 'Z', rate: '0', taxableAmount: 10000n, taxAmount: 0n, rule: 'ca.export.zero_rated' }],
  ])('%s', (_label, options, expected) => {
    expect(decide(options)).toMatchObject({ ...expected, tableVersion: '2026.2' });
  });
});

describe('built-in engine: rate changes follow the document date', () => {
  it.each<[string, string, string]>([
    ['FI', '2024-08-31', '24'],
    ['FI', '2024-09-01', '25.5'],
    ['EE', '2023-12-31', '20'],
    ['EE', '2024-01-01', '22'],
    ['EE', '2025-06-30', '22'],
    ['EE', '2025-07-01', '24'],
    ['RO', '2025-07-31', '19'],
    ['RO', '2025-08-01', '21'],
    ['SK', '2024-12-31', '20'],
    ['SK', '2025-01-01', '23'],
    ['DE', '2020-06-30', '19'],
    ['DE', '2020-07-01', '16'],
    ['DE', '2021-01-01', '19'],
    ['LU', '2023-06-01', '16'],
    ['LU', '2024-01-01', '17'],
    ['IE', '2020-12-01', '21'],
    ['IE', '2021-03-01', '23'],
  ])('%s on %s: %s %%', (country, date, rate) => {
    expect(decide({ seller: country, buyer: country, date }).rate).toBe(rate);
  });

  it('prints 25.50 EUR of Finnish VAT on 100.00 EUR from 2024-09-01', () => {
    expect(decide({ seller: 'FI', buyer: 'FI', date: '2024-09-01' }).taxAmount).toBe(2550n);
    expect(decide({ seller: 'FI', buyer: 'FI', date: '2024-08-31' }).taxAmount).toBe(2400n);
  });
});

describe('built-in engine: the invoice a finance user reads', () => {
  it('prints the reverse-charge wording once for an invoice of reverse-charged lines', () => {
    const result = calculateBuiltinTax(taxRequest({
      seller: 'DE', buyer: 'FR', business: true,
      lines: [
        { lineId: 'seats', amount: 50000n, productTaxCategory: 'saas' },
        { lineId: 'onboarding', amount: 120000n, productTaxCategory: 'professional_services' },
      ],
    }));
    expect(result.notes).toEqual([EU_REVERSE_CHARGE_NOTE]);
    expect(EU_REVERSE_CHARGE_NOTE).toBe('Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)');
    expect(result.lines.map((l) => [l.vatCategory, l.exemptionReason, l.exemptionReasonCode])).toEqual([
      ['AE', 'Reverse charge', 'VATEX-EU-AE'],
      ['AE', 'Reverse charge', 'VATEX-EU-AE'],
    ]);
    expect(result.totals.taxAmount).toBe(0n);
  });

  it('prints no reverse-charge wording when the VAT id is not valid', () => {
    expect(calculateBuiltinTax(taxRequest({ seller: 'DE', buyer: 'FR', business: true, taxIdValid: false })).notes).toEqual([]);
  });

  it('says why a DE invoice to a US customer carries no VAT', () => {
    expect(decide({ seller: 'DE', buyer: 'US', business: true }).exemptionReason).toBe('Not subject to VAT: services supplied outside the EU');
  });

  it('puts the exemption certificate of a US exempt customer on the line', () => {
    const line = decide({ seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', business: true, exempt: true, certificate: 'NY-ST-119.1-0042' });
    expect(line).toMatchObject({
      jurisdiction: 'US-NY', taxCode: 'US-NY-EXEMPT', vatCategory: 'E', rate: '0', taxAmount: 0n, taxableAmount: 10000n,
      rule: 'buyer.exempt_with_certificate', exemptionReason: 'Tax-exempt customer, exemption certificate NY-ST-119.1-0042',
    });
    expect(line.exemptionReasonCode).toBeUndefined();
  });

  it.each<[string, string]>([
    ['HI', 'taxed'],
    ['NY', 'not taxed'],
  ])('keeps a tax-exempt customer in %s (professional services %s there) exempt with its certificate', (region) => {
    expect(decide({ seller: 'US', buyer: 'US', region, currency: 'USD', business: true, exempt: true, certificate: 'ST-5-0042', category: 'professional_services' })).toMatchObject({
      jurisdiction: `US-${region}`, taxCode: `US-${region}-EXEMPT`, vatCategory: 'E', rate: '0', taxAmount: 0n, taxableAmount: 10000n,
      rule: 'buyer.exempt_with_certificate', exemptionReason: 'Tax-exempt customer, exemption certificate ST-5-0042',
    });
  });

  it('invoices SaaS and onboarding to a US customer, each line by its own row', () => {
    const newYork = calculateBuiltinTax(taxRequest({
      seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', business: true,
      lines: [
        { lineId: 'seats', amount: 50000n, productTaxCategory: 'saas' },
        { lineId: 'onboarding', amount: 120000n, productTaxCategory: 'professional_services' },
      ],
    }));
    expect(newYork.lines.map((l) => [l.lineId, l.vatCategory, l.rate, l.taxAmount, l.exemptionReason])).toEqual([
      ['seats', 'S', '4', 2000n, undefined],
      ['onboarding', 'E', '0', 0n, 'Professional services are not subject to sales tax in New York'],
    ]);
    expect(newYork.totals.taxAmount).toBe(2000n);
    expect(newYork.notes).toEqual([]);
  });

  it('exempts an EU customer with a certificate under Article 151 (VATEX-EU-151)', () => {
    expect(decide({ seller: 'DE', buyer: 'DE', business: true, exempt: true, certificate: 'EMB-2026-7' })).toMatchObject({
      vatCategory: 'E', taxCode: 'DE-EXEMPT', taxAmount: 0n, rule: 'buyer.exempt_with_certificate', exemptionReasonCode: 'VATEX-EU-151',
      exemptionReason: 'Exempt based on article 151 of Council Directive 2006/112/EC, exemption certificate EMB-2026-7',
    });
  });

  it('keeps the reverse charge (and its wording) for an exempt EU business in another member state', () => {
    const result = calculateBuiltinTax(taxRequest({ seller: 'DE', buyer: 'FR', business: true, exempt: true, certificate: 'C-1' }));
    expect(result.lines[0]?.rule).toBe('eu.reverse_charge.b2b');
    expect(result.notes).toEqual([EU_REVERSE_CHARGE_NOTE]);
  });

  it.each<[string, TaxRequestOptions, bigint, bigint]>([
    // 10.50 × 19 % = 1.995 → 2.00 per line; rounding 21.00 × 19 % once would give 3.99.
    ['German VAT on two SaaS lines', { seller: 'DE', buyer: 'DE', lines: [
      { lineId: 'a', amount: 1050n, productTaxCategory: 'saas' },
      { lineId: 'b', amount: 1050n, productTaxCategory: 'saas' },
    ] }, 200n, 400n],
    // 10.20 × 4.875 % = 0.49725 → 0.50 per line; rounding 20.40 × 4.875 % once would give 0.99.
    ['New Mexico gross receipts tax on SaaS and training', { seller: 'US', buyer: 'US', region: 'NM', currency: 'USD', business: true, lines: [
      { lineId: 'seats', amount: 1020n, productTaxCategory: 'saas' },
      { lineId: 'training', amount: 1020n, productTaxCategory: 'professional_services' },
    ] }, 50n, 100n],
  ])('sums the rounded line taxes into the invoice total (per-line rounding, pinned): %s', (_label, options, perLine, total) => {
    const result = calculateBuiltinTax(taxRequest(options));
    expect(result.lines.map((l) => l.taxAmount)).toEqual([perLine, perLine]);
    expect(result.totals.taxAmount).toBe(total);
  });

  it('gives a credit line the exact negative tax of the invoice line it reverses', () => {
    const invoice = decide({ seller: 'DE', buyer: 'DE', amount: 1999n });
    const credit = decide({ seller: 'DE', buyer: 'DE', amount: -1999n });
    expect(invoice.taxAmount).toBe(380n);
    expect(credit.taxAmount).toBe(-380n);
    expect(credit.taxableAmount).toBe(-1999n);
    const texas = decide({ seller: 'US', buyer: 'US', region: 'TX', currency: 'USD', amount: -1001n });
    expect(texas).toMatchObject({ taxableAmount: -801n, taxAmount: -50n });
  });

  it.each<[string, bigint, string, bigint]>([
    ['JPY', 150n, 'half_up', 29n], // 150 yen × 19 % = 28.5 yen
    ['JPY', 150n, 'half_even', 28n],
    ['JPY', -150n, 'half_up', -29n],
    ['KWD', 12345n, 'half_up', 2346n], // 12.345 KWD × 19 % = 2.34555 KWD
    ['KWD', 50n, 'half_even', 10n], // 0.050 KWD × 19 % = 9.5 fils
    ['KWD', 150n, 'half_even', 28n], // 28.5 fils
  ])('rounds %s %i once to whole minor units (%s): %i', (currency, amount, mode, expected) => {
    expect(decide({ seller: 'DE', buyer: 'DE', currency, amount, roundingMode: mode as 'half_up' }).taxAmount).toBe(expected);
  });

  it('decides each line of a mixed invoice by its own category', () => {
    const result = calculateBuiltinTax(taxRequest({
      seller: 'DE', buyer: 'FR',
      lines: [
        { lineId: 'saas', amount: 10000n, productTaxCategory: 'saas' },
        { lineId: 'consulting', amount: 10000n, productTaxCategory: 'professional_services' },
      ],
    }));
    expect(result.lines.map((l) => [l.lineId, l.jurisdiction, l.rate, l.taxAmount])).toEqual([
      ['saas', 'FR', '20', 2000n],
      ['consulting', 'DE', '19', 1900n],
    ]);
    expect(result.totals.taxAmount).toBe(3900n);
    expect(result.engine).toEqual({ name: 'builtin', version: '2026.2' });
  });
});

describe('built-in engine: what it refuses to guess', () => {
  function errorOf(options: TaxRequestOptions): TaxCalculationError {
    try {
      calculateBuiltinTax(taxRequest(options));
    } catch (error) {
      expect(error).toBeInstanceOf(TaxCalculationError);
      return error as TaxCalculationError;
    }
    throw new Error('expected a TaxCalculationError');
  }

  it.each<[string, TaxRequestOptions, string, string]>([
    ['a seller in Brazil', { seller: 'BR', buyer: 'BR', currency: 'BRL' }, '/seller/country', 'does not cover sellers in BR (buyer in BR)'],
    ['a seller in Switzerland', { seller: 'CH', buyer: 'DE' }, '/seller/country', 'does not cover sellers in CH'],
    ['an unknown product category', { seller: 'DE', buyer: 'DE', category: 'hardware' }, '/lines/0/productTaxCategory', 'product tax category "hardware" is not covered'],
    ['US sales tax on a general service (category standard)', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', category: 'standard' }, '/lines/0/productTaxCategory',
      'only tabled for product tax categories "saas" and "professional_services", not "standard"'],
    ['US sales tax on digital services', { seller: 'US', buyer: 'US', region: 'HI', currency: 'USD', category: 'digital_services' }, '/lines/0/productTaxCategory', 'not "digital_services"'],
    ['an unknown product category for a US buyer', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', category: 'hardware' }, '/lines/0/productTaxCategory', 'product tax category "hardware" is not covered'],
    ['an unknown product category from a US seller to a buyer abroad', { seller: 'US', buyer: 'DE', currency: 'USD', category: 'hardware' }, '/lines/0/productTaxCategory', 'product tax category "hardware" is not covered'],
    ['professional services to a US buyer without a state', { seller: 'US', buyer: 'US', currency: 'USD', category: 'professional_services' }, '/buyer/region', 'needs a state code'],
    ['professional services dated before the US tables start', { seller: 'US', buyer: 'US', region: 'HI', currency: 'USD', category: 'professional_services', date: '2024-12-31' }, '/documentDate', 'before 2025-01-01'],
    ['a US buyer without a state', { seller: 'US', buyer: 'US', currency: 'USD' }, '/buyer/region', 'needs a state code'],
    ['a US buyer in a territory code', { seller: 'US', buyer: 'US', region: 'PR', currency: 'USD' }, '/buyer/region', 'got "PR"'],
    ['a Canadian buyer without a province', { seller: 'CA', buyer: 'CA', currency: 'CAD' }, '/buyer/region', 'needs a province or territory code'],
    ['an exempt customer without a certificate', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', exempt: true }, '/buyer/exemptionCertificateRef', 'no exemption certificate reference'],
    ['a date before the EU tables start', { seller: 'DE', buyer: 'DE', date: '2019-12-31' }, '/documentDate', 'no EU VAT rate for DE before 2020-01-01'],
    ['a date before the US tables start', { seller: 'US', buyer: 'US', region: 'NY', currency: 'USD', date: '2024-12-31' }, '/documentDate', 'before 2025-01-01'],
  ])('refuses %s', (_label, options, path, message) => {
    const error = errorOf(options);
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]?.path).toBe(path);
    expect(error.message).toContain(message);
  });

  it('names seller, buyer, category and line of an undecidable line', () => {
    const error = errorOf({ seller: 'DE', buyer: 'FR', category: 'hardware' });
    expect(error.details).toEqual({ path: '/lines/0/productTaxCategory', sellerCountry: 'DE', buyerCountry: 'FR', productTaxCategory: 'hardware', lineId: 'l1' });
    expect(error.message).toMatch(/^line l1: /);
  });

  it('rejects the promise through the port, so callers cannot mistake an error for zero tax', async () => {
    const engine = createTaxEngine({ kind: 'builtin' });
    await expect(engine.calculate(taxRequest({ seller: 'BR', buyer: 'BR', currency: 'BRL' }))).rejects.toBeInstanceOf(TaxCalculationError);
  });

  it('refuses a malformed request with the field named', () => {
    expect(() => calculateBuiltinTax(taxRequest({ seller: 'DE', buyer: 'DE', currency: 'EURO' }))).toThrowError('/currency');
  });
});

describe('createTaxEngine', () => {
  it('builds the built-in engine from configuration', async () => {
    const engine = createTaxEngine({ kind: 'builtin' });
    expect([engine.name, engine.version]).toEqual(['builtin', '2026.2']);
    const result = await engine.calculate(taxRequest({ seller: 'DE', buyer: 'DE' }));
    expect(result.totals.taxAmount).toBe(1900n);
  });

  it('fails loudly for an unknown engine kind', () => {
    expect(() => createTaxEngine({ kind: 'avalara' } as unknown as { kind: 'builtin' })).toThrowError('unknown tax engine kind "avalara"');
  });
});
