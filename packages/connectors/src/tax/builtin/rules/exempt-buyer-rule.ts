import { isEuVatCountry } from '../tables/eu-vat.ts';
import { notCovered, zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/**
 * Rule 1, `buyer.exempt_with_certificate`: a customer that is tax-exempt with a certificate
 * (a US resale or non-profit certificate, a diplomatic or international-organisation
 * exemption in the EU, Art. 151) gets category E, 0 %, the certificate in the reason, and
 * `VATEX-EU-151` for EU VAT.
 *
 * It takes precedence over every rule that would charge tax or call the line not taxable
 * (S and E) and leaves alone the decisions that already take the supply out of the seller's
 * tax — reverse charge, outside scope, zero-rated export — because their legal wording must
 * stay on the invoice. `taxExempt` without a certificate reference is an error, never a
 * silent zero.
 */
export function applyBuyerExemption(context: LineContext, treatment: TaxTreatment): TaxTreatment {
  const { buyer, seller } = context.request;
  if (!buyer.taxExempt) return treatment;
  const certificate = buyer.exemptionCertificateRef?.trim() ?? '';
  if (certificate === '') {
    throw notCovered(context, 'the buyer is marked tax-exempt but has no exemption certificate reference', '/buyer/exemptionCertificateRef');
  }
  if (treatment.vatCategory !== 'S' && treatment.vatCategory !== 'E') return treatment;
  const euVat = isEuVatCountry(seller.country);
  return zeroRated({
    jurisdiction: treatment.jurisdiction,
    taxCode: `${treatment.jurisdiction}-EXEMPT`,
    vatCategory: 'E',
    rule: 'buyer.exempt_with_certificate',
    exemptionReason: euVat
      ? `Exempt based on article 151 of Council Directive 2006/112/EC, exemption certificate ${certificate}`
      : `Tax-exempt customer, exemption certificate ${certificate}`,
    ...(euVat ? { exemptionReasonCode: 'VATEX-EU-151' } : {}),
  });
}
