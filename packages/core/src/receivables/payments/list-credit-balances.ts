import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { CreditBalance } from './payment-schemas.ts';

/** Customers' credit balances (unapplied payments) per currency; zero balances are left out. */
export async function listCreditBalances(db: Db, query: { customerId?: string | undefined }, scope: EntityScope): Promise<CreditBalance[]> {
  let qb = db.selectFrom('customerCreditBalances').selectAll().where('balanceMinor', '>', 0n).orderBy('customerId').orderBy('currency').limit(1000);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return [];
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  const rows = await qb.execute();
  return rows.map((r) => ({
    customerId: r.customerId,
    entityId: r.entityId,
    currency: r.currency,
    balance: formatMoney({ amount: r.balanceMinor, currency: r.currency }),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
