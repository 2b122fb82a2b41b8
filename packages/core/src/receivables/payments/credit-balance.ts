import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { CreditBalanceEntriesTable, CustomerCreditBalancesTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';

/** Id prefix of credit balance ledger entries. */

export type CreditBalanceRow = Selectable<CustomerCreditBalancesTable>;

/**
 * Locks the credit balance of a customer in one currency (creating it at zero), and
 * returns its balance. Every payment use case takes this lock first, so all money
 * movements of one customer and currency are serialized by one row, and the lock order
 * (balance → payments → invoices) is the same everywhere.
 */
export async function lockCreditBalance(trx: Trx, customer: { id: string; entityId: string }, currency: string): Promise<bigint> {
  await trx
    .insertInto('customerCreditBalances')
    .values({ customerId: customer.id, currency, entityId: customer.entityId })
    .onConflict((oc) => oc.columns(['customerId', 'currency']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('customerCreditBalances')
    .select('balanceMinor')
    .where('customerId', '=', customer.id)
    .where('currency', '=', currency)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.balanceMinor;
}

/** One change of a credit balance and why; positive adds credit, negative uses it. */
export interface CreditChange {
  customerId: string;
  currency: string;
  amountMinor: bigint;
  reason: Selectable<CreditBalanceEntriesTable>['reason'];
  paymentId: string | null;
  invoiceId?: string | null;
}

/**
 * Moves a credit balance and writes the ledger entry that explains it. The balance row
 * must be locked (see {@link lockCreditBalance}); a change that would take it below zero
 * fails on the table's CHECK, which is a bug in the caller, never a user error.
 */
export async function changeCreditBalance(trx: Trx, ctx: ActorContext, change: CreditChange): Promise<void> {
  if (change.amountMinor === 0n) return;
  await trx
    .updateTable('customerCreditBalances')
    .set({ balanceMinor: sql<bigint>`balance_minor + ${change.amountMinor}`, updatedAt: sql<Date>`now()` })
    .where('customerId', '=', change.customerId)
    .where('currency', '=', change.currency)
    .execute();
  await trx
    .insertInto('creditBalanceEntries')
    .values({
      id: newId(ID_PREFIX.creditBalanceEntry),
      customerId: change.customerId,
      currency: change.currency,
      amountMinor: change.amountMinor,
      reason: change.reason,
      paymentId: change.paymentId,
      invoiceId: change.invoiceId ?? null,
      actor: ctx.actor,
    })
    .execute();
}
