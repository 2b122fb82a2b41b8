import type { Contact, PostalAddress } from '../db/schema.ts';
import { generateTaxId } from '../reference-data/generate-tax-id.ts';
import { taxIdTypeForCountry, type TaxIdType } from '../reference-data/tax-ids.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { countryProfile } from './demo-geography.ts';
import { demoId } from './demo-id.ts';
import { CompanyNamer, demoAddress, demoContacts } from './demo-parties.ts';
import { DemoRandom } from './prng.ts';

/** One customer as the seed writes it (the columns of `customers` without timestamps). */
export interface DemoCustomer {
  id: string;
  entityId: string;
  number: string;
  name: string;
  billingCurrency: string;
  taxId: string | null;
  taxIdType: TaxIdType | null;
  taxExempt: boolean;
  exemptionCertificateRef: string | null;
  poRequired: boolean;
  paymentTermsDays: number;
  billingAddress: PostalAddress;
  contacts: Contact[];
  timeZone: string;
  segment: Segment;
}

/** The entity fields the customer generator needs. */
export interface CustomerEntityRef {
  id: string;
  code: string;
}

type Segment = 'enterprise' | 'mid_market' | 'smb' | 'public_sector';

/** Share of customers per entity (US largest) and the countries each entity sells into. */
const MARKETS: Readonly<Record<string, { share: number; countries: readonly (readonly [string, number])[] }>> = {
  US01: { share: 38, countries: [['US', 94], ['CA', 6]] },
  UK01: { share: 17, countries: [['GB', 88], ['IE', 12]] },
  DE01: { share: 15, countries: [['DE', 70], ['AT', 12], ['NL', 10], ['SE', 8]] },
  FR01: { share: 10, countries: [['FR', 75], ['BE', 12], ['ES', 8], ['IT', 5]] },
  SG01: { share: 8, countries: [['SG', 100]] },
  AU01: { share: 12, countries: [['AU', 100]] },
};

const SEGMENTS: readonly (readonly [Segment, number])[] = [['smb', 52], ['mid_market', 30], ['enterprise', 12], ['public_sector', 6]];

/** Per segment: chance of requiring a PO (about 15 % overall), payment terms, max contacts. */
const SEGMENT_TRAITS: Readonly<Record<Segment, { po: number; terms: readonly (readonly [number, number])[]; contacts: number }>> = {
  smb: { po: 0.05, terms: [[14, 35], [30, 55], [45, 5], [60, 5]], contacts: 2 },
  mid_market: { po: 0.15, terms: [[14, 10], [30, 60], [45, 20], [60, 10]], contacts: 3 },
  enterprise: { po: 0.45, terms: [[30, 35], [45, 30], [60, 35]], contacts: 3 },
  public_sector: { po: 0.8, terms: [[30, 60], [45, 10], [60, 30]], contacts: 3 },
};

/** How often a customer in a country has a tax id on file (US: an EIN, mostly for larger firms). */
const TAX_ID_SHARE: Readonly<Record<string, number>> = { US: 0.2, CA: 0.5, GB: 0.88, SG: 0.75, AU: 0.9 };
const EU_TAX_ID_SHARE = 0.92;

/**
 * Generates `count` customers, one at a time, from the seed's `customers` stream: the same
 * seed and entities give the same customers in the same order. A generator keeps memory
 * flat for 100,000 customers; `Array.from(generateDemoCustomers(…))` for a list.
 */
export function* generateDemoCustomers(seed: number, count: number, entities: readonly CustomerEntityRef[]): Generator<DemoCustomer> {
  const random = DemoRandom.stream(seed, 'customers');
  const namer = new CompanyNamer();
  const markets = entities.map((entity) => {
    const market = MARKETS[entity.code];
    if (!market) throw new Error(`demo data: no customer market for entity ${entity.code}`);
    return [{ entity, market }, market.share] as const;
  });
  for (let index = 0; index < count; index += 1) {
    const id = demoId(ID_PREFIX.customer, random, index);
    const { entity, market } = random.weighted(markets);
    const country = random.weighted(market.countries);
    const segment = random.weighted(SEGMENTS);
    const traits = SEGMENT_TRAITS[segment];
    const { name, core } = segment === 'public_sector' ? namer.publicSector(country, random) : namer.business(country, random);
    const { address, city } = demoAddress(country, random);
    const tax = customerTaxId(country, segment, random);
    const taxExempt = random.chance(segment === 'public_sector' ? 0.25 : 0.005);
    yield {
      id,
      entityId: entity.id,
      number: `C-${String(index + 1).padStart(6, '0')}`,
      name,
      billingCurrency: billingCurrency(country, segment, random),
      taxId: tax?.taxId ?? null,
      taxIdType: tax?.taxIdType ?? null,
      taxExempt,
      exemptionCertificateRef: taxExempt ? exemptionCertificate(address, random) : null,
      poRequired: random.chance(traits.po),
      paymentTermsDays: random.weighted(traits.terms),
      billingAddress: address,
      contacts: demoContacts(country, city, core, random, traits.contacts),
      timeZone: city.zone,
      segment,
    };
  }
}

/** The billing address country decides the tax id type (EU → VAT with checksum, US → EIN, …). */
function customerTaxId(country: string, segment: Segment, random: DemoRandom): { taxId: string; taxIdType: TaxIdType } | undefined {
  const share = TAX_ID_SHARE[country] ?? EU_TAX_ID_SHARE;
  const boost = country === 'US' && (segment === 'enterprise' || segment === 'public_sector') ? 0.4 : 0;
  if (!random.chance(share + boost)) return undefined;
  // A Canadian business number with its GST/HST program account; no generator for it, so `other`.
  if (country === 'CA') return { taxId: `${random.digits(9)}RT0001`, taxIdType: 'other' };
  const taxIdType = taxIdTypeForCountry(country);
  return { taxId: generateTaxId(taxIdType, country, random.next), taxIdType };
}

/** Mostly the local currency (the entity's); some enterprise deals are signed in USD. */
function billingCurrency(country: string, segment: Segment, random: DemoRandom): string {
  const local = country === 'CA' && random.chance(0.3) ? 'CAD' : countryProfile(country).currency;
  if (local !== 'USD' && segment === 'enterprise' && random.chance(0.25)) return 'USD';
  if (local !== 'USD' && local !== 'EUR' && random.chance(0.03)) return random.pick(['USD', 'EUR']);
  return local;
}

/** A resale/exemption certificate reference, e.g. `NY-EXM-2024-04821` or `DE-EXM-381920`. */
function exemptionCertificate(address: PostalAddress, random: DemoRandom): string {
  return address.country === 'US' && address.region
    ? `${address.region}-EXM-${random.int(2019, 2025)}-${random.digits(5)}`
    : `${address.country}-EXM-${random.digits(6)}`;
}
