import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** One external id mapping as the seed writes it (the columns of `external_ids`). */
export interface DemoExternalId {
  id: string;
  system: string;
  objectType: 'customer';
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
