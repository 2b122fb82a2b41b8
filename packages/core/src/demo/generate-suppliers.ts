import type { BankAccount, DefaultCoding } from '../db/schema.ts';
import { IBAN_GENERATOR_COUNTRIES, generateIban } from '../reference-data/bank-accounts.ts';
import { generateTaxId } from '../reference-data/generate-tax-id.ts';
import { taxIdTypeForCountry, type TaxIdType } from '../reference-data/tax-ids.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { CompanyNamer } from './demo-parties.ts';
import { DemoRandom } from './prng.ts';
import { SUPPLIER_CATEGORIES } from './word-lists.ts';

/** One supplier as the seed writes it (the columns of `suppliers` without timestamps). */
export interface DemoSupplier {
  id: string;
  number: string;
  name: string;
  entityIds: string[];
  country: string;
  taxId: string | null;
  taxIdType: TaxIdType | null;
  bankAccount: BankAccount | null;
  paymentTermsDays: number;
  defaultCoding: DefaultCoding;
}

/** The entity fields the supplier generator needs. */
export interface SupplierEntityRef {
  id: string;
  code: string;
}

const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 30], ['GB', 14], ['DE', 14], ['FR', 9], ['NL', 8], ['IE', 4], ['SG', 7], ['AU', 9], ['SE', 2], ['ES', 3],
];

/** The entity that mainly buys from a supplier in each country. */
const HOME_ENTITY: Readonly<Record<string, string>> = {
  US: 'US01', GB: 'UK01', IE: 'UK01', DE: 'DE01', NL: 'DE01', SE: 'DE01', FR: 'FR01', ES: 'FR01', SG: 'SG01', AU: 'AU01',
};

const TAX_ID_SHARE: Readonly<Record<string, number>> = { US: 0.9, GB: 0.95, SG: 0.7 };

// BICs of the banks whose codes appear in generated GB and NL IBANs, so BIC and IBAN agree;
// DE and FR IBANs carry numeric bank codes, so a well-known head-office BIC is picked.
const BIC_BY_BANK_CODE: Readonly<Record<string, string>> = {
  NWBK: 'NWBKGB2L', BARC: 'BARCGB22', LOYD: 'LOYDGB2L', HBUK: 'HBUKGB4B', MIDL: 'MIDLGB22',
  ABNA: 'ABNANL2A', INGB: 'INGBNL2A', RABO: 'RABONL2U', TRIO: 'TRIONL2U', KNAB: 'KNABNL2H',
};
const BICS_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  DE: ['DEUTDEFF', 'COBADEFF', 'BYLADEMM', 'SOLADEST', 'HYVEDEMM'],
  FR: ['BNPAFRPP', 'SOGEFRPP', 'CRLYFRPP', 'AGRIFRPP', 'CMCIFRPP'],
};

/**
 * Generates `count` suppliers from the seed's `suppliers` stream (independent of the
 * customer count). Each serves one to three entities, starting with the entity of its
 * country; DE/GB/FR/NL suppliers have an IBAN and BIC; each has a default coding to an
 * expense account, a department and the home entity's cost center.
 */
export function* generateDemoSuppliers(seed: number, count: number, entities: readonly SupplierEntityRef[]): Generator<DemoSupplier> {
  const random = DemoRandom.stream(seed, 'suppliers');
  const namer = new CompanyNamer();
  const categories = SUPPLIER_CATEGORIES.map((c) => [c, c.weight] as const);
  for (let index = 0; index < count; index += 1) {
    const id = demoId(ID_PREFIX.supplier, random, index);
    const country = random.weighted(COUNTRIES);
    const category = random.weighted(categories);
    const { name } = namer.business(country, random, category.words);
    const served = servedEntities(HOME_ENTITY[country] ?? 'US01', entities, random);
    const taxIdType = taxIdTypeForCountry(country);
    const hasTaxId = random.chance(TAX_ID_SHARE[country] ?? 1);
    yield {
      id,
      number: `S-${String(index + 1).padStart(6, '0')}`,
      name,
      entityIds: served.map((e) => e.id),
      country,
      taxId: hasTaxId ? generateTaxId(taxIdType, country, random.next) : null,
      taxIdType: hasTaxId ? taxIdType : null,
      bankAccount: bankAccount(country, name, random),
      paymentTermsDays: random.weighted([[30, 60], [14, 10], [45, 12], [60, 18]]),
      defaultCoding: {
        glAccountCode: category.glAccountCode,
        dimensions: { department: category.department, cost_center: `CC-${served[0]?.code ?? 'US01'}` },
      },
    };
  }
}

/** The home entity first, then up to two more (55 % serve one entity, 30 % two, 15 % three). */
function servedEntities(homeCode: string, entities: readonly SupplierEntityRef[], random: DemoRandom): SupplierEntityRef[] {
  const home = entities.find((e) => e.code === homeCode);
  if (!home) throw new Error(`demo data: no entity ${homeCode}`);
  const count = random.weighted([[1, 55], [2, 30], [3, 15]]);
  const others = entities.filter((e) => e !== home);
  const served = [home];
  while (served.length < count && others.length > 0) {
    served.push(others.splice(random.int(0, others.length - 1), 1)[0] as SupplierEntityRef);
  }
  return served;
}

function bankAccount(country: string, accountName: string, random: DemoRandom): BankAccount | null {
  if (!IBAN_GENERATOR_COUNTRIES.includes(country)) return null;
  const iban = generateIban(country, random.next);
  const bic = BIC_BY_BANK_CODE[iban.slice(4, 8)] ?? random.pick(BICS_BY_COUNTRY[country] ?? ['DEUTDEFF']);
  return { iban, bic, accountName };
}
