import { TaxCalculationError } from '@invoiceops/core';
import { decideAuGst } from './rules/au-gst-rules.ts';
import { decideCaGstHst } from './rules/ca-gst-hst-rules.ts';
import { decideEuVat } from './rules/eu-vat-rules.ts';
import { applyBuyerExemption } from './rules/exempt-buyer-rule.ts';
import { decideSgGst } from './rules/sg-gst-rules.ts';
import { decideUkVat } from './rules/uk-vat-rules.ts';
import { decideUsSalesTax } from './rules/us-sales-tax-rules.ts';
import { isEuVatCountry } from './tables/eu-vat.ts';
import type { LineContext, RegimeRules, TaxTreatment } from './tax-treatment.ts';

const REGIMES: Readonly<Record<string, RegimeRules>> = {
  GB: decideUkVat,
  AU: decideAuGst,
  SG: decideSgGst,
  US: decideUsSalesTax,
  CA: decideCaGstHst,
};

/** Seller countries the built-in engine decides for, for messages and docs. */
export const SUPPORTED_SELLER_COUNTRIES = 'the 27 EU member states, GB, AU, SG, US and CA';

/**
 * The rules for a seller's country; throws `TaxCalculationError` for any other country, so an
 * entity in an unsupported country never gets invoices with a silent zero tax.
 */
export function regimeFor(sellerCountry: string, buyerCountry: string): RegimeRules {
  if (isEuVatCountry(sellerCountry)) return decideEuVat;
  const regime = Object.hasOwn(REGIMES, sellerCountry) ? REGIMES[sellerCountry] : undefined;
  if (regime === undefined) {
    throw new TaxCalculationError(
      `the built-in tax engine does not cover sellers in ${sellerCountry} (buyer in ${buyerCountry}); it covers ${SUPPORTED_SELLER_COUNTRIES}`,
      { path: '/seller/country', sellerCountry, buyerCountry },
    );
  }
  return regime;
}

/** The treatment of one line: the seller's regime, then the buyer-exemption rule on top. */
export function decideLineTax(regime: RegimeRules, context: LineContext): TaxTreatment {
  return applyBuyerExemption(context, regime(context));
}
