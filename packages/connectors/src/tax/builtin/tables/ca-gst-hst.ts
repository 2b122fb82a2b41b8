import type { RateStep } from '../rate-periods.ts';

/**
 * Canadian GST/HST by province or territory of the recipient (Canada Revenue Agency, "GST/HST
 * rates", canada.ca). GST is 5 %; the participating provinces levy the harmonized HST instead:
 * ON 13 %, NB 15 % and NL 15 % (since 2016-07-01), PE 15 % (since 2016-10-01), NS 15 % until
 * 2025-03-31 and 14 % from 2025-04-01. The table starts 2020-01-01.
 *
 * Provincial taxes that are NOT charged: Quebec QST (9.975 %), British Columbia PST (7 %),
 * Manitoba RST (7 %) and Saskatchewan PST (6 %). Those are separate registrations; the
 * built-in engine behaves as a seller not registered for them and charges GST only there.
 */
export interface CanadaProvince {
  readonly name: string;
  readonly tax: 'GST' | 'HST';
  readonly steps: readonly RateStep[];
  /** A provincial tax the engine does not charge, for the documentation and the note. */
  readonly notCharged?: string;
}

const START = '2020-01-01';
const GST_ONLY = [{ from: START, rate: '5' }] as const;

export const CA_GST_HST = {
  AB: { name: 'Alberta', tax: 'GST', steps: GST_ONLY },
  BC: { name: 'British Columbia', tax: 'GST', steps: GST_ONLY, notCharged: 'BC PST 7 %' },
  MB: { name: 'Manitoba', tax: 'GST', steps: GST_ONLY, notCharged: 'Manitoba RST 7 %' },
  NB: { name: 'New Brunswick', tax: 'HST', steps: [{ from: START, rate: '15' }] },
  NL: { name: 'Newfoundland and Labrador', tax: 'HST', steps: [{ from: START, rate: '15' }] },
  NS: {
    name: 'Nova Scotia',
    tax: 'HST',
    steps: [
      { from: START, rate: '15' },
      { from: '2025-04-01', rate: '14' },
    ],
  },
  NT: { name: 'Northwest Territories', tax: 'GST', steps: GST_ONLY },
  NU: { name: 'Nunavut', tax: 'GST', steps: GST_ONLY },
  ON: { name: 'Ontario', tax: 'HST', steps: [{ from: START, rate: '13' }] },
  PE: { name: 'Prince Edward Island', tax: 'HST', steps: [{ from: START, rate: '15' }] },
  QC: { name: 'Quebec', tax: 'GST', steps: GST_ONLY, notCharged: 'Quebec QST 9.975 %' },
  SK: { name: 'Saskatchewan', tax: 'GST', steps: GST_ONLY, notCharged: 'Saskatchewan PST 6 %' },
  YT: { name: 'Yukon', tax: 'GST', steps: GST_ONLY },
} as const satisfies Record<string, CanadaProvince>;

/** True when `region` is one of the 13 provinces and territories. */
export function isCanadaProvince(region: string): region is keyof typeof CA_GST_HST {
  return Object.hasOwn(CA_GST_HST, region);
}
