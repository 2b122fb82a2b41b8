import { sql } from 'kysely';
import type { EntityScope } from '../../../access/principal.ts';
import type { Db } from '../../../db/transaction.ts';
import { MoneyDecimal } from '../../../money/exact-decimal.ts';
import { formatMoney } from '../../../money/parse-format.ts';
import { NOT_PAYABLE_STATUSES } from '../invoice-balance.ts';
import { openInvoicesAt } from './open-amounts.ts';
import type { DsoQuery, DsoReport } from './report-schemas.ts';

export const DSO_FORMULA = 'dso = endingReceivables / creditSales × days';

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The DSO figure: receivables / sales × days, computed exactly on decimals (never floats)
 * and rounded once to one decimal, half up. Null when there were no sales: the ratio has
 * no meaning then.
 */
export function dsoDays(endingReceivablesMinor: bigint, creditSalesMinor: bigint, days: number): string | null {
  if (creditSalesMinor <= 0n) return null;
  return new MoneyDecimal(endingReceivablesMinor.toString())
    .times(days)
    .dividedBy(creditSalesMinor.toString())
    .toFixed(1, MoneyDecimal.ROUND_HALF_UP);
}

/**
 * Days sales outstanding over [from, to], per currency (no conversion between them):
 *
 *   dso = endingReceivables / creditSales × days
 *
 * endingReceivables: open on invoices at the end of `to` (as in the aging report);
 * creditSales: totals of invoices issued in the period less totals of credit memos issued
 * in it, tax included on both sides so the two figures measure the same thing;
 * days: calendar days in the period, both ends included.
 */
export async function dso(db: Db, query: DsoQuery, scope: EntityScope): Promise<DsoReport> {
  const days = daysInclusive(query.from, query.to);
  const receivables = await db
    .with('open', () => openInvoicesAt(db, query.to, query, scope))
    .selectFrom('open')
    .select(['currency', sql<bigint>`sum(open_minor)::bigint`.as('amount')])
    .groupBy('currency')
    .execute();
  let sales = db
    .selectFrom('invoices')
    .select(['currency', sql<bigint>`coalesce(sum(case when kind = 'invoice' then total_minor else -abs(total_minor) end), 0)::bigint`.as('amount')])
    .where('status', 'not in', [...NOT_PAYABLE_STATUSES])
    .where('issueDate', '>=', query.from)
    .where('issueDate', '<=', query.to)
    .groupBy('currency');
  if (!scope.all) sales = scope.entityIds.length > 0 ? sales.where('entityId', 'in', scope.entityIds) : sales.where(sql<boolean>`false`);
  if (query.entityId) sales = sales.where('entityId', '=', query.entityId);
  if (query.currency) sales = sales.where('currency', '=', query.currency);
  const salesRows = await sales.execute();

  const currencies = [...new Set([...receivables.map((r) => r.currency), ...salesRows.map((r) => r.currency)])].sort();
  const results = currencies.map((currency) => {
    const ar = receivables.find((r) => r.currency === currency)?.amount ?? 0n;
    const sold = salesRows.find((r) => r.currency === currency)?.amount ?? 0n;
    return { currency, endingReceivables: formatMoney({ amount: ar, currency }), creditSales: formatMoney({ amount: sold, currency }), dso: dsoDays(ar, sold, days) };
  });
  return { from: query.from, to: query.to, days, formula: DSO_FORMULA, results };
}
