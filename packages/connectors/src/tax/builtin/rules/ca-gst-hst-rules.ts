import { rateOn } from '../rate-periods.ts';
import { serviceKindOf } from '../product-categories.ts';
import { CA_GST_HST, isCanadaProvince, type CanadaProvince } from '../tables/ca-gst-hst.ts';
import { notCovered, zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/**
 * Canadian GST/HST for a GST-registered seller in Canada:
 * - `ca.hst` / `ca.gst`: buyer in Canada → the rate of the buyer's province or territory
 *   (place of supply of services and intangibles: the recipient's address). GST-only
 *   provinces get 5 % GST; QST and PST are not charged (see the table).
 * - `ca.export.zero_rated`: buyer outside Canada → Z, zero-rated export of services
 *   (Excise Tax Act, Schedule VI, Part V).
 */
export function decideCaGstHst(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  serviceKindOf(context);
  if (buyer.country !== 'CA') {
    return zeroRated({
      jurisdiction: 'CA',
      taxCode: 'CA-ZERO',
      vatCategory: 'Z',
      rule: 'ca.export.zero_rated',
      exemptionReason: 'Zero-rated export of services to a non-resident (Excise Tax Act, Schedule VI, Part V)',
    });
  }
  const region = buyer.region ?? '';
  if (!isCanadaProvince(region)) {
    throw notCovered(
      context,
      `a Canadian buyer needs a province or territory code (AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT), got ${JSON.stringify(buyer.region ?? null)}`,
      '/buyer/region',
    );
  }
  const province: CanadaProvince = CA_GST_HST[region];
  const rate = rateOn(province.steps, documentDate, `${province.tax} rate for ${region}`);
  return {
    jurisdiction: `CA-${region}`,
    taxCode: `CA-${region}-${province.tax}`,
    vatCategory: 'S',
    rate,
    rule: province.tax === 'HST' ? 'ca.hst' : 'ca.gst',
  };
}
