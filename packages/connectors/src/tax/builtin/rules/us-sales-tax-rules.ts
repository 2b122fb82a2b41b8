import { serviceKindOf } from '../product-categories.ts';
import { stepOn } from '../rate-periods.ts';
import { usProfessionalServicesRow } from '../tables/us-professional-services-sales-tax.ts';
import { isUsState, US_SAAS_SALES_TAX, type UsSaasStep, type UsStateCode, type UsStateRow } from '../tables/us-saas-sales-tax.ts';
import { notCovered, zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/** The buyer's state on the document date: its row and the step in force. */
interface UsStateOnDate {
  readonly code: UsStateCode;
  readonly row: UsStateRow;
  readonly step: UsSaasStep;
  readonly jurisdiction: string;
}

type UsCategoryRules = (context: LineContext, state: UsStateOnDate) => TaxTreatment;

/**
 * The product categories with a US taxability table. `digital_services` and `standard` are not
 * tabled: states tax digital products and "other services" by their own lists, so no one row
 * per state would be right, and the engine refuses rather than guess a zero.
 */
const CATEGORY_RULES: Readonly<Record<string, UsCategoryRules>> = {
  saas: decideSaas,
  professional_services: decideProfessionalServices,
};

/**
 * US sales tax for a seller in the US, `saas` and `professional_services` only, state rate
 * only (see the tables):
 * - `us.buyer_outside_us`: buyer outside the US (Puerto Rico and other territories included,
 *   by their own ISO codes) → O.
 * - `us.no_state_sales_tax`: buyer in AK, DE, MT, NH or OR → O, whatever the product.
 * - `saas`, by the state's SaaS row on the document date:
 *   `us.saas_taxable` (S at the SaaS rate; Connecticut's 1 % for business use),
 *   `us.saas_partially_taxable` (S on the taxable portion, Texas 80 %),
 *   `us.saas_not_taxable` (E), `us.saas_not_taxable_for_consumers` (E, Ohio),
 *   `us.saas_not_taxable_for_business_use` (E).
 * - `professional_services`, by the state's professional-services row on the document date:
 *   `us.professional_services_taxable` (S at the state's general rate, or the row's own rate),
 *   `us.professional_services_not_taxable` (E).
 * Category `S` for a taxed line is a mapping: EN 16931 categories are VAT concepts, and a US
 * sales tax line uses S for taxed, E for not taxable and O for no sales tax at all so that one
 * invoice model fits every regime. Other product categories raise an error rather than guess
 * a taxability.
 */
export function decideUsSalesTax(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  serviceKindOf(context);
  if (buyer.country !== 'US') {
    return zeroRated({ jurisdiction: 'US', taxCode: 'US-NS', vatCategory: 'O', rule: 'us.buyer_outside_us', exemptionReason: 'No US sales tax: customer outside the United States' });
  }
  const category = context.line.productTaxCategory;
  const decideCategory = Object.hasOwn(CATEGORY_RULES, category) ? CATEGORY_RULES[category] : undefined;
  if (decideCategory === undefined) {
    throw notCovered(
      context,
      `US sales tax taxability is only tabled for product tax categories ${Object.keys(CATEGORY_RULES).map((c) => JSON.stringify(c)).join(' and ')}, not ${JSON.stringify(category)}`,
      `/lines/${context.index}/productTaxCategory`,
    );
  }
  const region = buyer.region ?? '';
  if (!isUsState(region)) {
    throw notCovered(context, `a US buyer needs a state code such as NY or TX (or DC), got ${JSON.stringify(buyer.region ?? null)}`, '/buyer/region');
  }
  const row: UsStateRow = US_SAAS_SALES_TAX[region];
  const state: UsStateOnDate = { code: region, row, step: stepOn(row.steps, documentDate, `US sales tax row for ${region}`), jurisdiction: `US-${region}` };
  if (state.step.saas === 'no_sales_tax') {
    return zeroRated({ jurisdiction: state.jurisdiction, taxCode: `${state.jurisdiction}-NS`, vatCategory: 'O', rule: 'us.no_state_sales_tax', exemptionReason: `No statewide sales tax in ${row.name}` });
  }
  return decideCategory(context, state);
}

/** E, 0 %: the state has a sales tax but this product is not subject to it. */
function notTaxable({ row, jurisdiction }: UsStateOnDate, rule: string, why: string): TaxTreatment {
  return zeroRated({ jurisdiction, taxCode: `${jurisdiction}-EXEMPT`, vatCategory: 'E', rule, exemptionReason: `${why} in ${row.name}` });
}

function decideSaas({ request: { buyer } }: LineContext, state: UsStateOnDate): TaxTreatment {
  const { step, jurisdiction } = state;
  switch (step.saas) {
    case 'no_sales_tax': // decided before the category; listed so the switch stays exhaustive
    case 'partial':
    case 'taxable':
      break;
    case 'exempt':
      return notTaxable(state, 'us.saas_not_taxable', 'SaaS is not subject to sales tax');
    case 'business_only':
      if (!buyer.isBusiness) return notTaxable(state, 'us.saas_not_taxable_for_consumers', 'SaaS for personal use is not subject to sales tax');
      break;
    case 'consumer_only':
      if (buyer.isBusiness) return notTaxable(state, 'us.saas_not_taxable_for_business_use', 'SaaS for business use is not subject to sales tax');
      break;
  }
  const rate = (buyer.isBusiness ? step.businessRate : undefined) ?? step.saasRate ?? step.stateRate;
  if (step.saas === 'partial') {
    return { jurisdiction, taxCode: `${jurisdiction}-SAAS`, vatCategory: 'S', rate, taxablePortion: step.taxablePortion ?? '100', rule: 'us.saas_partially_taxable' };
  }
  return { jurisdiction, taxCode: `${jurisdiction}-SAAS`, vatCategory: 'S', rate, rule: 'us.saas_taxable' };
}

function decideProfessionalServices({ request }: LineContext, state: UsStateOnDate): TaxTreatment {
  const { steps } = usProfessionalServicesRow(state.code);
  const services = stepOn(steps, request.documentDate, `US professional services row for ${state.code}`);
  if (services.taxability === 'not_taxable') {
    return notTaxable(state, 'us.professional_services_not_taxable', 'Professional services are not subject to sales tax');
  }
  const { jurisdiction } = state;
  return { jurisdiction, taxCode: `${jurisdiction}-SERVICES`, vatCategory: 'S', rate: services.rate ?? state.step.stateRate, rule: 'us.professional_services_taxable' };
}
