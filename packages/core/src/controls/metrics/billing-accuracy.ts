import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { bucketOfTimestamp, byBucket, entityFilter, inWindow, rateOf, type MetricWindow } from './metric-sql.ts';
import type { BillingAccuracyFigure } from './metric-schemas.ts';

/**
 * Credit memo reason codes (see `CREDIT_REASON_CODES`) that say the invoice was wrong:
 * `billing_error`, and `duplicate` (the customer was billed twice). Not `price_adjustment`
 * (a commercial change agreed after the invoice), `service_credit`, `cancellation`,
 * `goodwill` or `other`.
 */
export const BILLING_ERROR_REASON_CODES = ['billing_error', 'duplicate'] as const;

/**
 * Billing accuracy per bucket (docs/metrics.md), on finalization time (`finalized_at`, UTC):
 *
 *   rate = credit memos for billing errors ÷ invoices finalized
 *
 * Invoices count when finalized in the bucket, even if voided later (they were issued).
 * Credit memos count when finalized in the bucket with a billing-error reason code and
 * not void (a voided memo withdrew the credit). The memo may correct an invoice of an
 * earlier bucket, so a bucket's rate can exceed 1.
 */
export async function billingAccuracy(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, BillingAccuracyFigure>> {
  const { rows } = await sql<{ bucket: string; invoices: number; memos: number; rate: string | null }>`
    SELECT bucket, invoices, memos, ${rateOf('memos', 'invoices')} AS rate FROM (
      SELECT ${bucketOfTimestamp('finalized_at', w)} AS bucket,
        (count(*) FILTER (WHERE kind = 'invoice'))::integer AS invoices,
        (count(*) FILTER (WHERE kind = 'credit_memo' AND status <> 'void' AND reason_code = ANY(${[...BILLING_ERROR_REASON_CODES]}::text[])))::integer AS memos
      FROM invoices
      WHERE finalized_at IS NOT NULL AND ${inWindow('finalized_at', w)} AND ${entityFilter('entity_id', w, scope)}
      GROUP BY 1
    ) s`.execute(db);
  return byBucket(w, rows.map((r) => [r.bucket, { invoicesFinalized: r.invoices, billingErrorCreditMemos: r.memos, rate: r.rate }] as const), () => ({
    invoicesFinalized: 0,
    billingErrorCreditMemos: 0,
    rate: null,
  }));
}
