import { ALL_ENTITIES } from '../access/principal.ts';
import type { Trx } from '../db/transaction.ts';
import { addDays } from '../receivables/schedule/local-dates.ts';
import { amendContract } from '../receivables/contracts/amend-contract.ts';
import { DEMO_BILLING_MONTH } from './demo-calendar.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-users.ts';

/** One in this many contracts with seats (by contract number) adds seats after the demo month. */
export const SEAT_CHANGE_ONE_IN = 20;

/** Mid-month after the demo month: the amendment shows in the schedule, the demo month's bills are untouched. */
export const DEMO_AMENDMENT_DATE = addDays(DEMO_BILLING_MONTH.next, 14);

/**
 * Sales ops (the controller) adds seats to every {@link SEAT_CHANGE_ONE_IN}th contract with
 * seats, from {@link DEMO_AMENDMENT_DATE}, through `amendContract` — so the contract pages
 * show an amendment history and a schedule with the prorated charge the next run will bill.
 * Contracts whose term ends before the date are left alone. Returns how many were amended.
 */
export async function amendDemoContracts(trx: Trx): Promise<number> {
  const controller = await trx.selectFrom('users').select('id').where('email', '=', `controller@${DEMO_EMAIL_DOMAIN}`).executeTakeFirstOrThrow();
  const seats = await trx
    .selectFrom('contractLines as l')
    .innerJoin('contracts as k', 'k.id', 'l.contractId')
    .select(['k.id', 'l.quantity'])
    .where('l.lineKey', '=', 'seats')
    .where('l.startDate', '<', DEMO_AMENDMENT_DATE)
    .where('l.endDate', '>', DEMO_AMENDMENT_DATE)
    .where('k.status', '=', 'active')
    .orderBy('k.number')
    .execute();
  let amended = 0;
  for (const [index, line] of seats.entries()) {
    if (index % SEAT_CHANGE_ONE_IN !== 0) continue;
    const quantity = String(Number.parseInt(line.quantity, 10) + 5);
    const reason = 'Five more seats for the new support team (signed order form)';
    await amendContract(trx, { actor: `user:${controller.id}` }, line.id, { kind: 'change_quantity', effectiveDate: DEMO_AMENDMENT_DATE, lineKey: 'seats', quantity, reason }, ALL_ENTITIES);
    amended += 1;
  }
  return amended;
}
