import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 80 random bits are two 40-bit halves: exact in doubles, no BigInt on a hot path. */
const HALF = 2 ** 40;

let lastTime = -1;
let lastHigh = 0;
let lastLow = 0;
/** Random bytes drawn 4 KiB at a time (one system call per 409 ids). */
const pool = Buffer.alloc(4_096);
let poolOffset = pool.length;

/** `length` base-32 digits of a non-negative integer below 2^53. */
function encode(value: number, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i += 1) {
    out = CROCKFORD[v % 32]! + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/**
 * A prefixed, time-sortable id such as `cus_01JD3V0G8Q6ZKX2W4T9BNF5H7R` (a ULID after a
 * type prefix). Ids made by one process are strictly increasing — within the same
 * millisecond the random part counts up (monotonic ULID) — so sorting by id is creation
 * order and cursor pagination by id never reorders. The prefix tells a support engineer
 * what an id is at a glance.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = now;
  let high: number;
  let low: number;
  if (time <= lastTime && (lastHigh < HALF - 1 || lastLow < HALF - 1)) {
    time = lastTime;
    low = lastLow + 1;
    high = lastHigh;
    if (low === HALF) {
      low = 0;
      high += 1;
    }
  } else {
    if (poolOffset + 10 > pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    high = Math.floor(pool.readUIntBE(poolOffset, 5) / 2); // leave room to count up
    low = pool.readUIntBE(poolOffset + 5, 5);
    poolOffset += 10;
  }
  lastTime = time;
  lastHigh = high;
  lastLow = low;
  return `${prefix}_${encode(time, 10)}${encode(high, 8)}${encode(low, 8)}`;
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
  exception: 'exc',
  exceptionComment: 'exn',
  documentTransition: 'dtr',
  controlDecision: 'dec',
  decisionBatch: 'dcb',
  ledgerJournal: 'jnl',
  ledgerLine: 'jln',
  integrationEvent: 'iev',
  controlRelease: 'rel',
  releaseSimulation: 'sim',
  approvalRequest: 'apr',
  approvalStep: 'aps',
  approvalAction: 'apa',
  approvalLimit: 'apl',
  approvalDelegation: 'dlg',
  webhookSubscription: 'whs',
  outboundEvent: 'evt',
  /** A webhook delivery: its id is the `webhook-id` header, as in the Standard Webhooks examples. */
  webhookDelivery: 'msg',
  webhookAttempt: 'wha',
  inboundWebhookRejection: 'whr',
} as const;
