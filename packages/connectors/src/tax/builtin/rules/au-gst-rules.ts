import { rateOn } from '../rate-periods.ts';
import { serviceKindOf } from '../product-categories.ts';
import { AU_GST } from '../tables/au-gst.ts';
import { zeroRated, type LineContext, type TaxTreatment } from '../tax-treatment.ts';

/**
 * Australian GST for a seller in Australia:
 * - `au.domestic.gst`: buyer in Australia → 10 %.
 * - `au.export.gst_free`: buyer outside Australia → Z, GST-free export of services
 *   (A New Tax System (Goods and Services Tax) Act 1999, s 38-190, item 2).
 */
export function decideAuGst(context: LineContext): TaxTreatment {
  const { buyer, documentDate } = context.request;
  serviceKindOf(context);
  if (buyer.country === 'AU') {
    return { jurisdiction: 'AU', taxCode: 'AU-STD', vatCategory: 'S', rate: rateOn(AU_GST, documentDate, 'Australian GST rate'), rule: 'au.domestic.gst' };
  }
  return zeroRated({
    jurisdiction: 'AU',
    taxCode: 'AU-ZERO',
    vatCategory: 'Z',
    rule: 'au.export.gst_free',
    exemptionReason: 'GST-free export of services to a non-resident (GST Act 1999, s 38-190)',
  });
}
