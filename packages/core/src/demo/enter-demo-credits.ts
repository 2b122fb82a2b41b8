import { ALL_ENTITIES } from '../access/principal.ts';
import { submitDocuments } from '../controls/pipeline/submit-documents.ts';
import type { Trx } from '../db/transaction.ts';
import { formatMoney } from '../money/parse-format.ts';
import { createCreditMemo } from '../receivables/invoices/create-credit-memo.ts';

/** One in this many issued invoices of the go-live month gets a service credit (by customer number). */
export const SERVICE_CREDIT_ONE_IN = 60;
/** One in this many service credits is entered twice, by two people. */
export const CREDIT_ENTERED_TWICE_ONE_IN = 5;

/** Who enters credits for an entity's customers (by entity code); the controller for the rest. */
export type CreditClerks = { byEntity: ReadonlyMap<string, string>; controller: string };

/** What {@link enterDemoCredits} did. */
export interface DemoCredits {
  creditMemos: number;
  enteredTwice: number;
}

/**
 * Service credits for an outage in the go-live month, through `createCreditMemo` and the
 * controls, at `now`: every {@link SERVICE_CREDIT_ONE_IN}th issued invoice of `period` (by
 * customer number) is credited 10 % of its first line by the entity's AR clerk; every
 * {@link CREDIT_ENTERED_TWICE_ONE_IN}th of those is entered a second time by the controller
 * from the customer's email. Submitted together, a pair holds both memos as suspected
 * duplicates (same customer, currency and total in the same period) until one is voided.
 */
export async function enterDemoCredits(trx: Trx, period: string, clerks: CreditClerks, now: Date): Promise<DemoCredits> {
  const invoices = await trx
    .selectFrom('invoices as i')
    .innerJoin('customers as c', 'c.id', 'i.customerId')
    .select(['i.id', 'i.entityId', 'i.currency'])
    .where('i.kind', '=', 'invoice')
    .where('i.billingPeriod', '=', period)
    .where('i.status', '=', 'finalized')
    .orderBy('c.number')
    .execute();
  const memoIds: string[] = [];
  let credited = 0;
  let enteredTwice = 0;
  for (const [index, invoice] of invoices.entries()) {
    if (index % SERVICE_CREDIT_ONE_IN !== 0) continue;
    const line = await trx.selectFrom('invoiceLines').select(['id', 'amountMinor']).where('invoiceId', '=', invoice.id).where('amountMinor', '>', 0n).orderBy('lineNo').limit(1).executeTakeFirst();
    const amount = line ? line.amountMinor / 10n : 0n;
    if (!line || amount === 0n) continue;
    const input = {
      invoiceId: invoice.id,
      reasonCode: 'service_credit' as const,
      reason: `10 % service credit: platform outage on ${period}-14 (availability below the 99.9 % SLA)`,
      lines: [{ invoiceLineId: line.id, amount: formatMoney({ amount, currency: invoice.currency }) }],
    };
    const clerk = clerks.byEntity.get(invoice.entityId) ?? clerks.controller;
    memoIds.push((await createCreditMemo(trx, { actor: `user:${clerk}` }, input, ALL_ENTITIES)).id);
    if (credited++ % CREDIT_ENTERED_TWICE_ONE_IN === 0) {
      const again = { ...input, reason: `Service credit for the outage of ${period}-14, as agreed with the customer by email` };
      memoIds.push((await createCreditMemo(trx, { actor: `user:${clerks.controller}` }, again, ALL_ENTITIES)).id);
      enteredTwice += 1;
    }
  }
  if (memoIds.length > 0) await submitDocuments(trx, { actor: 'system' }, memoIds, { now });
  return { creditMemos: memoIds.length, enteredTwice };
}
