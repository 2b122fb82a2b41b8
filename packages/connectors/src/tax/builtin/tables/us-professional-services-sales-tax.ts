import { US_TABLES_START, type UsStateCode } from './us-saas-sales-tax.ts';

/**
 * US sales tax on professional services (`professional_services`: consulting, implementation
 * and training sold with software) by state (50 states and DC): whether the state taxes them.
 * Only the taxability is tabled here. The state's name, its general rate history and whether
 * it has a sales tax at all come from its row in `US_SAAS_SALES_TAX`, so each rate is written
 * once; a taxable step charges the state's general rate unless it names its own `rate`. As
 * there, only the state rate is charged (no local rates) and nexus is assumed.
 *
 * Most states tax only services their law lists, and consulting, implementation and training
 * are not on those lists: such a state is not listed below and reads as `not_taxable`. Hawaii, New Mexico, South Dakota and West Virginia
 * tax services unless the law exempts them; Connecticut, Maryland (from 2025-07-01) and
 * Washington (from 2025-10-01) tax computer and IT services, which is what a software
 * company's implementation work is.
 *
 * Sources for table 2026.2: the state revenue departments' rules and guidance cited in the
 * rows, and published services-taxability summaries (TaxJar, Avalara, Sales Tax Institute),
 * read in 2025–2026. Rows marked `uncertain` tax some of this work and not the rest (training
 * versus installation, on-site versus remote) or changed recently; review them with a tax
 * adviser before relying on them.
 */
export type UsServicesTaxability = 'taxable' | 'not_taxable';

/** One step of a state's history; applies from `from` until the next step. */
export interface UsServicesStep {
  readonly from: string;
  readonly taxability: UsServicesTaxability;
  /** A services-specific rate when it differs from the state's general rate (Maryland 3 %). */
  readonly rate?: string;
}

export interface UsServicesRow {
  readonly steps: readonly UsServicesStep[];
  readonly certainty: 'sourced' | 'uncertain';
  readonly note?: string;
}

const notTaxed: readonly UsServicesStep[] = [{ from: US_TABLES_START, taxability: 'not_taxable' }];
const taxed: readonly UsServicesStep[] = [{ from: US_TABLES_START, taxability: 'taxable' }];
/** Not taxed, then taxed from `from` (at `rate` when it is not the state's general rate). */
const taxedFrom = (from: string, rate?: string): readonly UsServicesStep[] => [
  ...notTaxed,
  { from, taxability: 'taxable', ...(rate === undefined ? {} : { rate }) },
];
/** The row of a state not listed in `US_PROFESSIONAL_SERVICES_SALES_TAX`. */
const NOT_TAXED: UsServicesRow = { steps: notTaxed, certainty: 'sourced' };

/**
 * The states whose professional-services row is not simply "not taxed, sourced", keyed by
 * USPS code; every other state (AK, DE, MT, NH and OR included, which have no sales tax at
 * all) does not tax these services. The tables start 2025-01-01.
 */
export const US_PROFESSIONAL_SERVICES_SALES_TAX = {
  CT: {
    steps: [{ from: US_TABLES_START, taxability: 'taxable', rate: '1' }],
    certainty: 'uncertain',
    note: 'Computer and data processing services, which include installing and implementing software and feasibility studies, are taxed at 1 % (Conn. Gen. Stat. §12-407(a)(37)(A)); management consulting not about software is taxed at 6.35 % and is not told apart here.',
  },
  HI: { steps: taxed, certainty: 'sourced', note: 'General excise tax on virtually all services (HRS §237-13), on the seller and usually passed on; county surcharges are not modelled.' },
  IA: {
    steps: notTaxed,
    certainty: 'uncertain',
    note: 'Consulting and training are not enumerated services; installing or enhancing prewritten software and digital products is (Iowa Code §423.2(6)), exempt for a commercial enterprise with a certificate.',
  },
  LA: { steps: notTaxed, certainty: 'uncertain', note: 'Support that modifies the software is taxable with SaaS from 2025-01-01 (HB 8 of 2024); separately stated consulting and training are not.' },
  MD: {
    steps: taxedFrom('2025-07-01', '3'),
    certainty: 'uncertain',
    note: 'From 2025-07-01 computer systems design and related services (NAICS 5415: IT consulting, software installation and configuration) are taxed at 3 % (Comptroller Technical Bulletin 56); computer training (NAICS 6114) is not, but is taxed here.',
  },
  MS: { steps: notTaxed, certainty: 'uncertain', note: 'Computer software services (installation, training) are taxed when performed in Mississippi (SB 2449 of 2023); assumed performed remotely from outside the state.' },
  NE: { steps: notTaxed, certainty: 'uncertain', note: 'Installing and training on software sold by the same retailer can be taxable; assumed not to apply to remotely accessed software.' },
  NM: { steps: taxed, certainty: 'sourced', note: 'Gross receipts tax on services performed in New Mexico or whose product is first used there (since 2021-07-01); on the seller, usually passed on.' },
  NY: { steps: notTaxed, certainty: 'sourced', note: 'Consulting and training are not enumerated services; installing prewritten software delivered to the customer is (Tax Law §1105(c)(3)), which remotely accessed software is not.' },
  OH: { steps: notTaxed, certainty: 'uncertain', note: 'Computer services are taxed for business use only when they support taxable computer equipment or systems (R.C. 5739.01(Y)); assumed not to apply.' },
  SD: { steps: taxed, certainty: 'sourced', note: 'Services are taxed unless exempted; designing and implementing computer systems and consulting are taxable (ARSD 64:06:02:78). Training may be exempt as an educational service.' },
  TN: { steps: notTaxed, certainty: 'uncertain', note: 'Installing or repairing software is taxable, and consulting that is part of a sale of software (SUT-60); implementation of remotely accessed software is assumed not to be.' },
  TX: { steps: notTaxed, certainty: 'uncertain', note: 'Consulting and separately stated training are not taxed; installing or customizing a taxable computer program can be (34 TAC §3.308).' },
  WA: {
    steps: taxedFrom('2025-10-01'),
    certainty: 'uncertain',
    note: 'From 2025-10-01 IT services (including IT training and support), customization of prewritten software and live presentations are retail sales (ESSB 5814); consulting outside those is not, but is taxed here.',
  },
  WV: { steps: taxed, certainty: 'sourced', note: 'Services are taxed except those of licensed professions (110 CSR 15 §8.1.1); consultants outside them collect the tax (110 CSR 15 §102).' },
} as const satisfies Partial<Record<UsStateCode, UsServicesRow>>;

/** The professional-services row of a state (or DC): its entry above, or not taxed. */
export function usProfessionalServicesRow(code: UsStateCode): UsServicesRow {
  const rows: Partial<Record<UsStateCode, UsServicesRow>> = US_PROFESSIONAL_SERVICES_SALES_TAX;
  return rows[code] ?? NOT_TAXED;
}
