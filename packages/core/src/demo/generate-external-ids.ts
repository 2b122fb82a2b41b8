import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** One external id mapping as the seed writes it (the columns of `external_ids`). */
export interface DemoExternalId {
  id: string;
  system: string;
  objectType: 'customer' | 'product' | 'tax_code';
  externalId: string;
  objectId: string;
}

/** The system name of the demo CRM, whose account ids usage events use as their subject. */
export const DEMO_CRM_SYSTEM = 'crm';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * A Salesforce-style 18-character account id: `001` (the account key prefix), a fixed
 * org part and a base-62 sequence, then the three-character case-safe suffix (one
 * character per five, encoding which of them are capitals). Sequential, as real ones are.
 */
export function crmAccountId(sequence: number): string {
  let tail = '';
  for (let i = 0, n = sequence; i < 5; i += 1, n = Math.floor(n / 62)) tail = BASE62[n % 62] + tail;
  const id15 = `0015g00000${tail}`;
  return id15 + caseSafeSuffix(id15);
}

/** The suffix that makes a 15-character Salesforce id case-insensitively unique. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15[chunk * 5 + i]!;
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/**
 * One CRM account id per customer, in customer order, from the seed's `external-ids`
 * stream: the ids are unique (one sequence, started at a seeded offset) and map each
 * customer in system `crm`, so usage can address customers the way the CRM knows them.
 */
export function generateDemoCrmIds(seed: number, customerIds: readonly string[]): DemoExternalId[] {
  const random = DemoRandom.stream(seed, 'external-ids');
  const offset = random.int(0, 62 ** 5 - 200_001);
  return customerIds.map((objectId, index) => ({
    id: demoId(ID_PREFIX.externalId, random, index),
    system: DEMO_CRM_SYSTEM,
    objectType: 'customer',
    externalId: crmAccountId(offset + index),
    objectId,
  }));
}

/** The system name of the demo ERP (Oracle NetSuite), whose internal ids the posting uses. */
export const DEMO_ERP_SYSTEM = 'erp:netsuite';

/**
 * One in this many customers was onboarded in billing but not yet created in the ERP:
 * their invoices raise a `master_data` exception (ERP mapping missing) until someone maps them.
 */
const UNMAPPED_CUSTOMER_ONE_IN = 90;

/**
 * NetSuite internal ids for the demo's products and customers (system
 * {@link DEMO_ERP_SYSTEM}), from the seed's `erp-ids` stream: every product is mapped;
 * about one customer in {@link UNMAPPED_CUSTOMER_ONE_IN} is not (yet), so the exception
 * queues show real master-data work. Tax codes are not mapped: the demo ERP takes our tax
 * codes as they are (see `load-erp-mappings.ts`).
 */
export function generateDemoErpIds(
  seed: number,
  objects: { readonly customerIds: readonly string[]; readonly productIds: readonly string[] },
): DemoExternalId[] {
  const random = DemoRandom.stream(seed, 'erp-ids');
  const ids: DemoExternalId[] = [];
  const add = (objectType: DemoExternalId['objectType'], objectId: string, externalId: string): void => {
    ids.push({ id: demoId(ID_PREFIX.externalId, random, ids.length), system: DEMO_ERP_SYSTEM, objectType, externalId, objectId });
  };
  objects.productIds.forEach((id, i) => add('product', id, String(1_200 + i)));
  let internal = random.int(10_000, 20_000);
  for (const id of objects.customerIds) {
    internal += random.int(1, 7);
    if (!random.chance(1 / UNMAPPED_CUSTOMER_ONE_IN)) add('customer', id, String(internal));
  }
  return ids;
}
