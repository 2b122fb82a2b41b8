import { sql } from 'kysely';
import type { EntityScope } from '../../../access/principal.ts';
import type { Db } from '../../../db/transaction.ts';
import { formatMoney } from '../../../money/parse-format.ts';
import { openInvoicesAt } from './open-amounts.ts';
import type { ArAging, ArAgingQuery } from './report-schemas.ts';

const BUCKETS = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
type Bucket = (typeof BUCKETS)[number];

/** Bucket bounds on days past due (asOf − due date): current ≤ 0 < 1–30 < 31–60 < 61–90 < over 90. */
const sumWhere = (condition: string) => sql<bigint>`coalesce(sum(open_minor) filter (where ${sql.raw(condition)}), 0)::bigint`;

/**
 * Accounts receivable aging on `asOf`: per customer and currency, what was open that day
 * in buckets by days past due (current = not yet due; 1–30, 31–60, 61–90, over 90), with
 * totals per currency. Open amounts are as of `asOf` (see `openInvoicesAt`).
 */
export async function arAging(db: Db, query: ArAgingQuery, scope: EntityScope): Promise<ArAging> {
  const rows = await db
    .with('open', () => openInvoicesAt(db, query.asOf, query, scope))
    .selectFrom('open')
    .innerJoin('customers as c', 'c.id', 'open.customerId')
    .select([
      'open.customerId',
      'c.number as customerNumber',
      'c.name as customerName',
      'open.entityId',
      'open.currency',
      sumWhere('days_past_due <= 0').as('current'),
      sumWhere('days_past_due between 1 and 30').as('days1To30'),
      sumWhere('days_past_due between 31 and 60').as('days31To60'),
      sumWhere('days_past_due between 61 and 90').as('days61To90'),
      sumWhere('days_past_due > 90').as('over90'),
    ])
    .groupBy(['open.customerId', 'c.number', 'c.name', 'open.entityId', 'open.currency'])
    .orderBy('open.currency')
    .orderBy('c.name')
    .orderBy('open.customerId')
    .execute();

  const totals = new Map<string, Record<Bucket, bigint>>();
  const text = (amount: bigint, currency: string) => formatMoney({ amount, currency });
  const shown = (amounts: Record<Bucket, bigint>, currency: string) => {
    const total = BUCKETS.reduce((sum, b) => sum + amounts[b], 0n);
    return { ...Object.fromEntries(BUCKETS.map((b) => [b, text(amounts[b], currency)])), total: text(total, currency) } as Record<Bucket | 'total', string>;
  };
  const out = rows.map((r) => {
    const sum = totals.get(r.currency) ?? { current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n };
    for (const b of BUCKETS) sum[b] += r[b];
    totals.set(r.currency, sum);
    return { customerId: r.customerId, customerNumber: r.customerNumber, customerName: r.customerName, entityId: r.entityId, currency: r.currency, ...shown(r, r.currency) };
  });
  return { asOf: query.asOf, rows: out, totals: [...totals.entries()].map(([currency, sum]) => ({ currency, ...shown(sum, currency) })) };
}
