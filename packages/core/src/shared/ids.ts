import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom = 0n;
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

function encode(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i += 1) {
    out = CROCKFORD[Number(v % 32n)] + out;
    v /= 32n;
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
  let random: bigint;
  if (time <= lastTime && lastRandom < RANDOM_MAX) {
    time = lastTime;
    random = lastRandom + 1n;
  } else {
    random = BigInt(`0x${randomBytes(10).toString('hex')}`) >> 1n; // leave room to count up
  }
  lastTime = time;
  lastRandom = random;
  return `${prefix}_${encode(BigInt(time), 10)}${encode(random, 16)}`;
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
