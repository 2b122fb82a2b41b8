import { rateOn } from '../rate-periods.ts';
import { serviceKindOf } from '../product-categories.ts';
import { EU_VAT_RATES, isEuVatCountry, type EuVatCountryCode } from '../tables/eu-vat.ts';
import { zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/** The wording Art. 226(11a) requires on a reverse-charged invoice, with its legal basis. */
export const EU_REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)';
export const EU_OUTSIDE_SCOPE_REASON = 'Not subject to VAT: services supplied outside the EU';

function standardRate(country: EuVatCountryCode, date: string): string {
  return rateOn(EU_VAT_RATES[country].standard, date, `EU VAT rate for ${country}`);
}

function standardRated(country: EuVatCountryCode, date: string, rule: string): TaxTreatment {
  return { jurisdiction: country, taxCode: `${country}-STD`, vatCategory: 'S', rate: standardRate(country, date), rule };
}

/**
 * EU VAT for a seller established in a member state, services only (Council Directive
 * 2006/112/EC). In order:
 * 2. `eu.reverse_charge.b2b`: business buyer in ANOTHER member state with a VALID VAT id →
 *    AE, 0 %, reverse-charge note (Art. 44 place of supply, Art. 196 reverse charge).
 * 3. `eu.domestic.standard`: buyer in the seller's member state → seller's standard rate.
 * 4. Consumer in another member state (a business without a valid VAT id counts as one):
 *    electronic services → buyer's rate (Art. 58; the EUR 10,000 OSS threshold of Art. 59c is
 *    not modelled, so it is always the destination rate) as `eu.b2c.electronic_services.destination`;
 *    other services → seller's rate (Art. 45) as `eu.b2c.general_services.origin`.
 *    For a business without a valid id the rule reads `eu.b2b_unverified_vat_id.*` instead.
 * 5. `eu.outside_eu.not_subject`: buyer outside the EU → O, 0 % (business: Art. 44;
 *    consumer: Art. 58 and 59), except a consumer of `standard` general services, who pays the
 *    seller's rate under Art. 45 (`eu.b2c.general_services.origin`).
 */
export function decideEuVat(context: LineContext): TaxTreatment {
  const { request } = context;
  const seller = request.seller.country as EuVatCountryCode;
  const buyer = request.buyer;
  const date = request.documentDate;
  const kind = serviceKindOf(context);

  const otherMemberState = isEuVatCountry(buyer.country) && buyer.country !== seller;

  if (otherMemberState && buyer.isBusiness && buyer.taxIdValid) {
    return zeroRated({
      jurisdiction: seller,
      taxCode: `${seller}-RC`,
      vatCategory: 'AE',
      rule: 'eu.reverse_charge.b2b',
      exemptionReason: 'Reverse charge',
      exemptionReasonCode: 'VATEX-EU-AE',
      note: EU_REVERSE_CHARGE_NOTE,
    });
  }

  if (buyer.country === seller) return standardRated(seller, date, 'eu.domestic.standard');

  if (isEuVatCountry(buyer.country)) {
    // Without a verified VAT id the seller cannot prove business status (Implementing
    // Regulation 282/2011, Art. 18), so the consumer rules apply.
    const prefix = buyer.isBusiness ? 'eu.b2b_unverified_vat_id' : 'eu.b2c';
    return kind === 'electronic'
      ? standardRated(buyer.country, date, `${prefix}.electronic_services.destination`)
      : standardRated(seller, date, `${prefix}.general_services.origin`);
  }

  if (!buyer.isBusiness && kind === 'general') return standardRated(seller, date, 'eu.b2c.general_services.origin');
  return zeroRated({
    jurisdiction: seller,
    taxCode: `${seller}-NS`,
    vatCategory: 'O',
    rule: 'eu.outside_eu.not_subject',
    exemptionReason: EU_OUTSIDE_SCOPE_REASON,
    exemptionReasonCode: 'VATEX-EU-O',
  });
}
