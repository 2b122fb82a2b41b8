import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A prefixed, time-sortable id such as `cus_01JD3V0G8Q6ZKX2W4T9BNF5H7R` (a ULID after a
 * type prefix). Sortable ids make cursor pagination by id follow creation order, and the
 * prefix tells a support engineer what an id is at a glance.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[bytes[i]! % 32];
  return `${prefix}_${time}${random}`;
}

/** The prefix of every object type, in one place. */
export const ID_PREFIX = {
  legalEntity: 'ent',
  customer: 'cus',
  supplier: 'sup',
  product: 'prd',
  glAccount: 'gla',
  glDimension: 'dim',
  glDimensionValue: 'dmv',
  taxJurisdiction: 'txj',
  taxCode: 'txc',
  fxRate: 'fxr',
  externalId: 'xid',
  user: 'usr',
  roleGrant: 'grt',
  apiKey: 'key',
  audit: 'aud',
  job: 'job',
  request: 'req',
  billableMetric: 'bmt',
  usageEvent: 'use',
  contract: 'ctr',
  contractLine: 'ctl',
  contractAmendment: 'amd',
  billRun: 'brn',
  invoice: 'inv',
  creditMemo: 'crn',
  invoiceLine: 'inl',
  glEntry: 'gle',
  payment: 'pay',
  paymentApplication: 'pap',
  creditBalanceEntry: 'cbe',
  delivery: 'dlv',
} as const;
