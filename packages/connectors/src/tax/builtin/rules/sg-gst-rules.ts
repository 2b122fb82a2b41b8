import { rateOn } from '../rate-periods.ts';
import { serviceKindOf } from '../product-categories.ts';
import { SG_GST } from '../tables/sg-gst.ts';
import { zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/**
 * Singapore GST for a seller in Singapore:
 * - `sg.domestic.gst`: buyer in Singapore → the rate on the document date (7 / 8 / 9 %).
 * - `sg.international_services.zero_rated`: buyer outside Singapore → Z, zero-rated
 *   international service (GST Act 1993, s 21(3)).
 */
export function decideSgGst(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  serviceKindOf(context);
  if (buyer.country === 'SG') {
    return { jurisdiction: 'SG', taxCode: 'SG-STD', vatCategory: 'S', rate: rateOn(SG_GST, documentDate, 'Singapore GST rate'), rule: 'sg.domestic.gst' };
  }
  return zeroRated({
    jurisdiction: 'SG',
    taxCode: 'SG-ZERO',
    vatCategory: 'Z',
    rule: 'sg.international_services.zero_rated',
    exemptionReason: 'Zero-rated international service (GST Act 1993, s 21(3))',
  });
}
