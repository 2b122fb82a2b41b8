import { rateOn } from '../rate-periods.ts';
import { serviceKindOf } from '../product-categories.ts';
import { UK_VAT_STANDARD } from '../tables/uk-vat.ts';
import { zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

function ukStandard(date: string, rule: string): TaxTreatment {
  return { jurisdiction: 'GB', taxCode: 'GB-STD', vatCategory: 'S', rate: rateOn(UK_VAT_STANDARD, date, 'UK VAT rate'), rule };
}

/**
 * UK VAT for a seller established in the UK (VAT Act 1994, s 7A and Schedule 4A):
 * - `uk.domestic.standard`: UK buyer → 20 %.
 * - `uk.b2b.outside_uk`: business buyer outside the UK → O, outside the scope of UK VAT (the
 *   place of supply is where the customer belongs; the customer self-accounts locally).
 * - Consumer outside the UK, the simplification chosen: electronic and professional services
 *   → O (`uk.b2c.electronic_services.outside_uk`, `uk.b2c.professional_services.outside_uk`),
 *   because their place of supply is the customer's country; `standard` general services →
 *   UK 20 % (`uk.b2c.general_services.origin`), the general B2C rule. The foreign VAT that a
 *   UK seller of digital services may owe to consumers abroad (EU non-Union OSS, Norway VOEC,
 *   ...) is NOT calculated; it needs a registration there and another engine.
 */
export function decideUkVat(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  const kind = serviceKindOf(context);
  if (buyer.country === 'GB') return ukStandard(documentDate, 'uk.domestic.standard');
  if (!buyer.isBusiness && kind === 'general') return ukStandard(documentDate, 'uk.b2c.general_services.origin');
  const rule = buyer.isBusiness
    ? 'uk.b2b.outside_uk'
    : kind === 'electronic'
      ? 'uk.b2c.electronic_services.outside_uk'
      : 'uk.b2c.professional_services.outside_uk';
  return zeroRated({
    jurisdiction: 'GB',
    taxCode: 'GB-NS',
    vatCategory: 'O',
    rule,
    exemptionReason: "Outside the scope of UK VAT: the place of supply is the customer's country",
  });
}
