import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { RuleHistoryInput } from '../rules/build-rule-context.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';

/** Where "earlier" ends for one document, and where its 12-month window starts. */
export interface HistoryWindow {
  readonly documentId: string;
  /** The document's own facts (it need not be written yet: a bill run decides before it writes). */
  readonly customerId: string;
  readonly kind: 'invoice' | 'credit_memo';
  readonly currency: string;
  readonly totalMinor: bigint;
  /** Its period key (see `periodOf`): the billing period, else the issue month, else the creation month. */
  readonly period: string;
  /** First issue date counted (YYYY-MM-DD): `asOf`'s day less 12 months. */
  readonly fromDate: string;
  /**
   * Earlier documents sort before (`day`, `at`, `id`) by (issue date, finalization time,
   * id): the document's own when it is issued by `asOf`, otherwise (`asOf`'s day,
   * +infinity, '') so everything issued up to that day counts.
   */
  readonly day: string;
  readonly at: Date | 'infinity';
  readonly id: string;
}

/** A period key: the billing period, else the issue month, else the month the document was created (UTC). */
export const periodOf = (alias: string) =>
  sql`coalesce(${sql.ref(`${alias}.billing_period`)}, to_char(${sql.ref(`${alias}.issue_date`)}, 'YYYY-MM'), to_char(${sql.ref(`${alias}.created_at`)} AT TIME ZONE 'UTC', 'YYYY-MM'))`;

/**
 * The history aggregates of many documents in ONE query: one lateral pass over each
 * customer's documents of the kind and currency, both aggregates counted with `FILTER`:
 *
 * - over the customer's other **finalized** documents of the same kind and currency issued
 *   in the window and before the document (see {@link HistoryWindow}): count, average
 *   (rounded half up — away from zero — by PostgreSQL's `round(numeric)`), min and max total;
 * - `sameAmountCount`: the customer's other documents that are not void (drafts included)
 *   of the same kind, currency and total in the same period (billing period, else issue
 *   month, else creation month).
 */
export async function loadDocumentHistory(db: Db, windows: readonly HistoryWindow[]): Promise<Map<string, RuleHistoryInput>> {
  if (windows.length === 0) return new Map();
  const rows = await selectJsonRows<{ id: string; documentCount: number; averageTotalMinor: bigint; minTotalMinor: bigint; maxTotalMinor: bigint; sameAmountCount: number }>(db, sql`
    SELECT d.id, hist.document_count, hist.average_total_minor, hist.min_total_minor, hist.max_total_minor, hist.same_amount_count
    FROM unnest(${windows.map((w) => w.documentId)}::text[], ${windows.map((w) => w.fromDate)}::date[],
                ${windows.map((w) => w.day)}::date[], ${windows.map((w) => (w.at === 'infinity' ? 'infinity' : w.at.toISOString()))}::timestamptz[],
                ${windows.map((w) => w.id)}::text[], ${windows.map((w) => w.customerId)}::text[], ${windows.map((w) => w.kind)}::text[],
                ${windows.map((w) => w.currency)}::text[], ${windows.map((w) => w.totalMinor.toString())}::bigint[], ${windows.map((w) => w.period)}::text[])
      AS d(id, from_date, ref_day, ref_at, ref_id, customer_id, kind, currency, total_minor, period)
    CROSS JOIN LATERAL (
      SELECT (count(*) FILTER (WHERE c.earlier))::int AS document_count,
        coalesce(round(avg(h.total_minor) FILTER (WHERE c.earlier)), 0)::text AS average_total_minor,
        coalesce(min(h.total_minor) FILTER (WHERE c.earlier), 0)::text AS min_total_minor,
        coalesce(max(h.total_minor) FILTER (WHERE c.earlier), 0)::text AS max_total_minor,
        (count(*) FILTER (WHERE c.same_amount))::int AS same_amount_count
      FROM invoices h
      CROSS JOIN LATERAL (SELECT
        h.status = 'finalized' AND h.issue_date >= d.from_date
          AND (h.issue_date, coalesce(h.finalized_at, '-infinity'::timestamptz), h.id) < (d.ref_day, d.ref_at, d.ref_id) AS earlier,
        h.total_minor = d.total_minor AND h.status <> 'void' AND ${periodOf('h')} = d.period AS same_amount) c
      WHERE h.customer_id = d.customer_id AND h.kind = d.kind AND h.currency = d.currency AND h.id <> d.id
    ) hist`, { id: 'text', documentCount: 'int', averageTotalMinor: 'bigint', minTotalMinor: 'bigint', maxTotalMinor: 'bigint', sameAmountCount: 'int' });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        documentCount: r.documentCount,
        averageTotalMinor: r.averageTotalMinor,
        minTotalMinor: r.minTotalMinor,
        maxTotalMinor: r.maxTotalMinor,
        sameAmountCount: r.sameAmountCount,
      },
    ]),
  );
}
