import type { RateStep } from '../rate-periods.ts';

/**
 * Singapore GST (IRAS, "GST rate change"): 7 % from 2007-07-01, 8 % from 2023-01-01, 9 % from
 * 2024-01-01. The table starts 2020-01-01. IRAS's transitional rules for invoices spanning a
 * rate change (time of supply by invoice, payment or delivery) are not modelled: the document
 * date decides.
 */
export const SG_GST: readonly RateStep[] = [
  { from: '2020-01-01', rate: '7' },
  { from: '2023-01-01', rate: '8' },
  { from: '2024-01-01', rate: '9' },
];
