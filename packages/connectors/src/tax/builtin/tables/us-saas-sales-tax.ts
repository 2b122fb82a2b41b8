/**
 * US sales tax on SaaS by state (50 states and DC): whether remotely accessed prewritten
 * software is taxable, and the STATE rate. Local (county, city, district) rates are NOT
 * modelled, so the tax charged is the state share only; a seller with local obligations
 * needs an external engine. Nexus is not modelled either: the engine assumes the seller is
 * registered in the buyer's state. Each row is also the state's row for the other US tables
 * (professional services): its name, its general rate and whether it has a sales tax at all.
 *
 * `stateRate` follows the usual published convention (Tax Foundation, "State and Local Sales
 * Tax Rates"), where California's 7.25 %, Utah's 6.1 % and Virginia's 5.3 % include a
 * statewide local add-on that every seller collects.
 *
 * Sources for table 2026.1: state revenue departments' guidance where cited in the row, and
 * published SaaS taxability summaries (Zamp "SaaS sales tax by state", TaxHero "SaaS sales tax",
 * Avalara state rate pages), read in 2025–2026. Rows marked `uncertain` disagree between
 * sources, depend on facts the engine does not have, or changed recently; review them with a
 * tax adviser before relying on them.
 */
export type SaasTaxability =
  /** Taxable for every buyer. */
  | 'taxable'
  /** Taxable on `taxablePortion` % of the amount (Texas: 80 %). */
  | 'partial'
  /** Taxable only for business use; consumers are not taxed. */
  | 'business_only'
  /** Taxable only for consumers; business use is not taxed. */
  | 'consumer_only'
  /** Not taxable. */
  | 'exempt'
  /** The state has no statewide sales tax. */
  | 'no_sales_tax';

/** One step of a state's history; applies from `from` until the next step. */
export interface UsSaasStep {
  readonly from: string;
  /** The state's general rate, percent. */
  readonly stateRate: string;
  readonly saas: SaasTaxability;
  /** A SaaS-specific rate when it differs from `stateRate` (Maryland 3 % from 2025-07-01). */
  readonly saasRate?: string;
  /** The rate for business use when it differs (Connecticut 1 %). */
  readonly businessRate?: string;
  /** Percent of the amount that is taxable, for `partial`. */
  readonly taxablePortion?: string;
}

export interface UsStateRow {
  readonly name: string;
  readonly steps: readonly UsSaasStep[];
  readonly certainty: 'sourced' | 'uncertain';
  readonly note?: string;
}

/** Where the US tables' knowledge starts: the first step of every state. */
export const US_TABLES_START = '2025-01-01';
const step = (stateRate: string, saas: SaasTaxability, extra: Partial<UsSaasStep> = {}): UsSaasStep => ({ from: US_TABLES_START, stateRate, saas, ...extra });
const exempt = (stateRate: string): readonly UsSaasStep[] => [step(stateRate, 'exempt')];
const taxable = (stateRate: string): readonly UsSaasStep[] => [step(stateRate, 'taxable')];
const noSalesTax: readonly UsSaasStep[] = [step('0', 'no_sales_tax')];

/** Keyed by USPS state code. The tables start 2025-01-01. */
export const US_SAAS_SALES_TAX = {
  AL: { name: 'Alabama', steps: taxable('4'), certainty: 'uncertain', note: 'Summaries disagree on remotely accessed software; most list it taxable.' },
  AK: { name: 'Alaska', steps: noSalesTax, certainty: 'sourced', note: 'Local sales taxes (Alaska Remote Seller Sales Tax Commission) are not modelled.' },
  AZ: { name: 'Arizona', steps: taxable('5.6'), certainty: 'sourced', note: 'Transaction privilege tax as rental of tangible personal property.' },
  AR: { name: 'Arkansas', steps: exempt('6.5'), certainty: 'sourced' },
  CA: { name: 'California', steps: exempt('7.25'), certainty: 'sourced', note: 'Taxable only when software is transferred on a tangible medium.' },
  CO: { name: 'Colorado', steps: exempt('2.9'), certainty: 'sourced', note: 'Some home-rule cities (e.g. Denver) tax SaaS; local taxes are not modelled.' },
  CT: { name: 'Connecticut', steps: [step('6.35', 'taxable', { businessRate: '1' })], certainty: 'sourced', note: 'Computer and data processing services: 1 % for business use, 6.35 % for personal use.' },
  DE: { name: 'Delaware', steps: noSalesTax, certainty: 'sourced', note: 'The gross receipts tax on sellers is not a sales tax and is not modelled.' },
  DC: {
    name: 'District of Columbia',
    steps: [step('6', 'taxable'), { from: '2026-10-01', stateRate: '7', saas: 'taxable' }],
    certainty: 'uncertain',
    note: 'The 6.5 % planned for 2025-10-01 was repealed (FY 2026 Budget Support Act); 7 % is scheduled for 2026-10-01. Re-check before October 2026.',
  },
  FL: { name: 'Florida', steps: exempt('6'), certainty: 'sourced', note: 'The communications services tax can apply to some bundles; not modelled.' },
  GA: { name: 'Georgia', steps: exempt('4'), certainty: 'sourced' },
  HI: { name: 'Hawaii', steps: taxable('4'), certainty: 'sourced', note: 'General excise tax (on the seller, usually passed on); county surcharges not modelled.' },
  ID: { name: 'Idaho', steps: exempt('6'), certainty: 'sourced' },
  IL: { name: 'Illinois', steps: exempt('6.25'), certainty: 'sourced', note: "Chicago's personal property lease transaction tax applies to SaaS; local taxes are not modelled." },
  IN: { name: 'Indiana', steps: exempt('7'), certainty: 'sourced' },
  IA: { name: 'Iowa', steps: taxable('6'), certainty: 'sourced', note: 'Exempt when sold to a commercial enterprise for its exclusive use; claim with an exemption certificate.' },
  KS: { name: 'Kansas', steps: exempt('6.5'), certainty: 'sourced' },
  KY: { name: 'Kentucky', steps: taxable('6'), certainty: 'sourced', note: 'Prewritten computer software access services taxable since 2023-01-01.' },
  LA: {
    name: 'Louisiana',
    steps: taxable('5'),
    certainty: 'uncertain',
    note: 'State rate 5 % and SaaS taxable from 2025-01-01 (HB 10, HB 8 of 2024); exclusive business use can be exempt under conditions; claim with an exemption certificate.',
  },
  ME: { name: 'Maine', steps: exempt('5.5'), certainty: 'uncertain', note: 'Most summaries list SaaS as not taxable; one lists it taxable.' },
  MD: {
    name: 'Maryland',
    steps: [step('6', 'consumer_only'), { from: '2025-07-01', stateRate: '6', saas: 'taxable', saasRate: '3' }],
    certainty: 'uncertain',
    note: 'From 2025-07-01 software publishing and IT services (NAICS 5132, 518, 519, 5415) are taxed at 3 % (Comptroller Technical Bulletin 56); before, digital products were taxed for personal use only.',
  },
  MA: { name: 'Massachusetts', steps: taxable('6.25'), certainty: 'sourced' },
  MI: { name: 'Michigan', steps: exempt('6'), certainty: 'sourced' },
  MN: { name: 'Minnesota', steps: exempt('6.875'), certainty: 'sourced' },
  MS: { name: 'Mississippi', steps: exempt('7'), certainty: 'uncertain', note: 'Taxed when the application is hosted on a server in Mississippi; assumed hosted elsewhere.' },
  MO: { name: 'Missouri', steps: exempt('4.225'), certainty: 'sourced' },
  MT: { name: 'Montana', steps: noSalesTax, certainty: 'sourced' },
  NE: { name: 'Nebraska', steps: exempt('5.5'), certainty: 'uncertain', note: 'Summaries list SaaS as not taxable; Nebraska taxes digital products, so review the product.' },
  NV: { name: 'Nevada', steps: exempt('6.85'), certainty: 'sourced' },
  NH: { name: 'New Hampshire', steps: noSalesTax, certainty: 'sourced' },
  NJ: { name: 'New Jersey', steps: exempt('6.625'), certainty: 'sourced' },
  NM: { name: 'New Mexico', steps: taxable('4.875'), certainty: 'sourced', note: 'Gross receipts tax (on the seller, usually passed on).' },
  NY: { name: 'New York', steps: taxable('4'), certainty: 'sourced', note: 'Prewritten software however delivered (TSB-A opinions); local rates up to 4.875 % not modelled.' },
  NC: { name: 'North Carolina', steps: exempt('4.75'), certainty: 'sourced' },
  ND: { name: 'North Dakota', steps: exempt('5'), certainty: 'sourced' },
  OH: { name: 'Ohio', steps: [step('5.75', 'business_only')], certainty: 'sourced', note: 'Automatic data processing and computer services are taxed for use in business only.' },
  OK: { name: 'Oklahoma', steps: exempt('4.5'), certainty: 'sourced' },
  OR: { name: 'Oregon', steps: noSalesTax, certainty: 'sourced' },
  PA: { name: 'Pennsylvania', steps: taxable('6'), certainty: 'sourced', note: 'Canned software however delivered; Philadelphia 2 % and Allegheny 1 % local not modelled.' },
  RI: { name: 'Rhode Island', steps: taxable('7'), certainty: 'sourced' },
  SC: { name: 'South Carolina', steps: taxable('6'), certainty: 'sourced', note: 'Taxed as communications services.' },
  SD: { name: 'South Dakota', steps: taxable('4.2'), certainty: 'sourced', note: 'Temporary 4.2 % (2023-07-01 to 2027-06-30).' },
  TN: { name: 'Tennessee', steps: taxable('7'), certainty: 'sourced', note: 'Remote access to prewritten software.' },
  TX: {
    name: 'Texas',
    steps: [step('6.25', 'partial', { taxablePortion: '80' })],
    certainty: 'sourced',
    note: 'Data processing service: 20 % of the charge is exempt (Tax Code §151.351), so 80 % is taxed.',
  },
  UT: { name: 'Utah', steps: taxable('6.1'), certainty: 'uncertain', note: 'Rate includes the statewide local add-on; check the state share before filing.' },
  VT: { name: 'Vermont', steps: exempt('6'), certainty: 'uncertain', note: 'Summaries list SaaS as not taxable; personal-use taxation has been legislated and deferred in the past.' },
  VA: { name: 'Virginia', steps: exempt('5.3'), certainty: 'sourced' },
  WA: { name: 'Washington', steps: taxable('6.5'), certainty: 'sourced', note: 'Digital automated services; local rates not modelled.' },
  WV: { name: 'West Virginia', steps: taxable('6'), certainty: 'sourced' },
  WI: { name: 'Wisconsin', steps: exempt('5'), certainty: 'sourced' },
  WY: { name: 'Wyoming', steps: exempt('4'), certainty: 'sourced' },
} as const satisfies Record<string, UsStateRow>;

/** USPS code of a state (or DC) in the table. */
export type UsStateCode = keyof typeof US_SAAS_SALES_TAX;

/** True when `region` is one of the 50 states or DC. */
export function isUsState(region: string): region is UsStateCode {
  return Object.hasOwn(US_SAAS_SALES_TAX, region);
}
