import type { RateStep } from '../rate-periods.ts';

/**
 * Australian GST: 10 % since the tax began on 2000-07-01 (A New Tax System (Goods and
 * Services Tax) Act 1999, s 9-70; ato.gov.au). The table starts 2020-01-01.
 */
export const AU_GST: readonly RateStep[] = [{ from: '2020-01-01', rate: '10' }];
