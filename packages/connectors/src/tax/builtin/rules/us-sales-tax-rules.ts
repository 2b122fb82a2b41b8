import { stepOn } from '../rate-periods.ts';
import { isUsState, US_SAAS_SALES_TAX, type UsStateRow } from '../tables/us-saas-sales-tax.ts';
import { notCovered, zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/**
 * US sales tax for a seller in the US, SaaS only, state rate only (see the table):
 * - `us.buyer_outside_us`: buyer outside the US (Puerto Rico and other territories included,
 *   by their own ISO codes) → O.
 * - buyer in a state, by the state's SaaS row on the document date:
 *   `us.saas_taxable` (S at the SaaS rate; Connecticut's 1 % for business use),
 *   `us.saas_partially_taxable` (S on the taxable portion, Texas 80 %),
 *   `us.saas_not_taxable` (E), `us.saas_not_taxable_for_consumers` (E, Ohio),
 *   `us.saas_not_taxable_for_business_use` (E), `us.no_state_sales_tax` (O).
 * Category `S` for a taxed line is a mapping: EN 16931 categories are VAT concepts, and a US
 * sales tax line uses S for taxed, E for not taxable and O for no sales tax at all so that one
 * invoice model fits every regime. Only `saas` lines are covered; other product categories
 * raise an error rather than guess a taxability.
 */
export function decideUsSalesTax(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  if (buyer.country !== 'US') {
    return zeroRated({ jurisdiction: 'US', taxCode: 'US-NS', vatCategory: 'O', rule: 'us.buyer_outside_us', exemptionReason: 'No US sales tax: customer outside the United States' });
  }
  if (context.line.productTaxCategory !== 'saas') {
    throw notCovered(
      context,
      `US sales tax taxability is only tabled for product tax category "saas", not ${JSON.stringify(context.line.productTaxCategory)}`,
      `/lines/${context.index}/productTaxCategory`,
    );
  }
  const region = buyer.region ?? '';
  if (!isUsState(region)) {
    throw notCovered(context, `a US buyer needs a state code such as NY or TX (or DC), got ${JSON.stringify(buyer.region ?? null)}`, '/buyer/region');
  }
  const state: UsStateRow = US_SAAS_SALES_TAX[region];
  const step = stepOn(state.steps, documentDate, `US sales tax row for ${region}`);
  const jurisdiction = `US-${region}`;
  const notTaxable = (rule: string, why: string): TaxTreatment =>
    zeroRated({ jurisdiction, taxCode: `${jurisdiction}-EXEMPT`, vatCategory: 'E', rule, exemptionReason: `${why} in ${state.name}` });

  switch (step.saas) {
    case 'no_sales_tax':
      return zeroRated({ jurisdiction, taxCode: `${jurisdiction}-NS`, vatCategory: 'O', rule: 'us.no_state_sales_tax', exemptionReason: `No statewide sales tax in ${state.name}` });
    case 'exempt':
      return notTaxable('us.saas_not_taxable', 'SaaS is not subject to sales tax');
    case 'business_only':
      if (!buyer.isBusiness) return notTaxable('us.saas_not_taxable_for_consumers', 'SaaS for personal use is not subject to sales tax');
      break;
    case 'consumer_only':
      if (buyer.isBusiness) return notTaxable('us.saas_not_taxable_for_business_use', 'SaaS for business use is not subject to sales tax');
      break;
    case 'partial':
    case 'taxable':
      break;
  }
  const rate = (buyer.isBusiness ? step.businessRate : undefined) ?? step.saasRate ?? step.stateRate;
  if (step.saas === 'partial') {
    return { jurisdiction, taxCode: `${jurisdiction}-SAAS`, vatCategory: 'S', rate, taxablePortion: step.taxablePortion ?? '100', rule: 'us.saas_partially_taxable' };
  }
  return { jurisdiction, taxCode: `${jurisdiction}-SAAS`, vatCategory: 'S', rate, rule: 'us.saas_taxable' };
}
