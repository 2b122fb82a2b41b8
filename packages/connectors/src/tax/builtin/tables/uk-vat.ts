import type { RateStep } from '../rate-periods.ts';

/**
 * UK VAT standard rate: 20 % since 2011-01-04 (HMRC, "VAT rates", gov.uk). The table starts
 * 2020-01-01 like the others. Northern Ireland's EU rules for goods are irrelevant to
 * services; the Isle of Man (part of the UK VAT area, ISO code IM) is not modelled.
 */
export const UK_VAT_STANDARD: readonly RateStep[] = [{ from: '2020-01-01', rate: '20' }];
