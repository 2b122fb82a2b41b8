import { sql } from 'kysely';
import { z } from 'zod';
import { scopeIncludes, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { idOf } from '../../shared/schemas.ts';
import { localDateOf } from '../schedule/local-dates.ts';
import { loadContractMetrics, type ContractUsageLine } from './contract-usage-lines.ts';
import { lockUsageBilling } from './usage-billing-lock.ts';

/** At most this many events per review request. */
export const MAX_USAGE_REVIEW = 500;

export const reviewHeldUsageSchema = z.strictObject({
  events: z
    .array(z.strictObject({ customerId: idOf('cus'), id: z.string().min(1).max(64) }))
    .min(1)
    .max(MAX_USAGE_REVIEW)
    .describe('The held events, each by its customer and its usage event id (`id` in the event list)'),
  decision: z.enum(['release', 'reject']).describe('release: bill it as the contract prices it; reject: never bill it (it is kept)'),
  reason: z.string().trim().min(1, 'say why: the reason is kept with the event and in the audit trail').max(500),
});

export type ReviewHeldUsageInput = z.output<typeof reviewHeldUsageSchema>;

export const usageReviewOutcomeSchema = z.object({
  customerId: z.string(),
  id: z.string(),
  outcome: z.enum(['released', 'rejected', 'refused']),
  /** released: `late` when its time was billed already (the next invoice carries it as late usage naming the period). */
  billing: z.enum(['unbilled', 'late']).optional(),
  /** Why it was refused, in words. */
  reason: z.string().optional(),
});

export const usageReviewResultSchema = z.object({
  released: z.number().int(),
  rejected: z.number().int(),
  refused: z.number().int(),
  results: z.array(usageReviewOutcomeSchema),
});

export type UsageReviewResult = z.output<typeof usageReviewResultSchema>;
type Outcome = z.output<typeof usageReviewOutcomeSchema>;

interface HeldRow {
  customerId: string;
  id: string;
  metricCode: string;
  occurredAt: Date;
  status: string;
  flagReason: string | null;
  entityId: string;
  timeZone: string;
  active: boolean;
  usageBilledUntil: Date | null;
}

/**
 * Reviews events held for review (docs/usage.md, "Reviewing held usage"): `release` bills
 * them as the customer's contract prices them — they count in the next bill run of their
 * period, or, when that period is billed already, on the next invoice as late usage
 * naming it; `reject` keeps them, never billed. Each event is judged on its own and the
 * answer says what became of each: one that is not held (any more), not found, outside
 * the caller's entities, or — for a release — of an inactive customer or a metric no
 * contract line of the customer rates on its day (it would never be billed) is refused
 * with the reason; the others are reviewed together, with who, when and why kept on the
 * event and an audit row each. Held under the customers' usage-billing lock, so a bill run
 * aggregating at the same moment either sees a released event or has moved the billed
 * boundary first (then the event is late).
 */
export async function reviewHeldUsage(db: Db, ctx: ActorContext, input: ReviewHeldUsageInput, scope: EntityScope, now: Date = new Date()): Promise<UsageReviewResult> {
  const wanted = new Map(input.events.map((e) => [`${e.customerId}|${e.id}`, e]));
  return inTransaction(db, async (trx) => {
    const customerIds = [...new Set(input.events.map((e) => e.customerId))];
    await lockUsageBilling(trx, customerIds, 'shared');
    const rows = await sql<HeldRow>`
      SELECT e.customer_id AS "customerId", e.id, e.metric_code AS "metricCode", e.occurred_at AS "occurredAt", e.status, e.flag_reason AS "flagReason",
        c.entity_id AS "entityId", c.time_zone AS "timeZone", c.active, c.usage_billed_until AS "usageBilledUntil"
      FROM unnest(${input.events.map((e) => e.customerId)}::text[], ${input.events.map((e) => e.id)}::text[]) AS p(customer_id, id)
      JOIN usage_events e ON e.customer_id = p.customer_id AND e.id = p.id
      JOIN customers c ON c.id = e.customer_id
      ORDER BY e.customer_id, e.id
      FOR UPDATE OF e`.execute(trx);
    const found = new Map(rows.rows.map((r) => [`${r.customerId}|${r.id}`, r]));
    const rated = input.decision === 'release' ? await loadContractMetrics(trx, customerIds) : new Map<string, ContractUsageLine[]>();

    const results: Outcome[] = [];
    const accepted: { row: HeldRow; late: boolean }[] = [];
    for (const [key, ref] of wanted) {
      const row = found.get(key);
      const refuse = (reason: string) => results.push({ customerId: ref.customerId, id: ref.id, outcome: 'refused', reason });
      if (!row || !scopeIncludes(scope, row.entityId)) { refuse('no usage event with this id for this customer'); continue; }
      if (row.status !== 'flagged') { refuse(row.status === 'rejected' ? 'it was rejected already' : 'it is not held for review (it is billed as it came)'); continue; }
      if (input.decision === 'release') {
        if (!row.active) { refuse('the customer is inactive: reactivate it before releasing its usage'); continue; }
        const day = localDateOf(new Date(row.occurredAt), row.timeZone);
        const lines = rated.get(`${row.customerId}|${row.metricCode}`) ?? [];
        if (!lines.some((l) => l.startDate <= day && day < l.endDate)) {
          refuse(`no contract line of the customer rates ${row.metricCode} on ${day}, so it would never be billed: amend the contract first, or reject the event`);
          continue;
        }
      }
      const late = input.decision === 'release' && row.usageBilledUntil !== null && new Date(row.occurredAt) < new Date(row.usageBilledUntil);
      accepted.push({ row, late });
      results.push({ customerId: row.customerId, id: row.id, outcome: input.decision === 'release' ? 'released' : 'rejected', ...(input.decision === 'release' ? { billing: late ? 'late' : 'unbilled' } : {}) });
    }

    if (accepted.length > 0) {
      const status = input.decision === 'release' ? 'accepted' : 'rejected';
      await sql`
        UPDATE usage_events e SET status = ${status}, late_pending = v.late, reviewed_by = ${ctx.actor}, reviewed_at = ${now.toISOString()}::timestamptz, review_reason = ${input.reason}
        FROM unnest(${accepted.map((a) => a.row.customerId)}::text[], ${accepted.map((a) => a.row.id)}::text[], ${accepted.map((a) => a.late)}::boolean[]) AS v(customer_id, id, late)
        WHERE e.customer_id = v.customer_id AND e.id = v.id`.execute(trx);
      await recordAudit(trx, ctx, accepted.map(({ row, late }) => ({
        action: input.decision === 'release' ? 'usage_event.released' : 'usage_event.rejected',
        objectType: 'usage_event',
        objectId: row.id,
        entityId: row.entityId,
        diff: { before: { status: 'flagged', flagReason: row.flagReason }, after: { status, ...(input.decision === 'release' ? { latePending: late } : {}) }, customerId: row.customerId },
        reason: input.reason,
      })));
    }
    return {
      released: results.filter((r) => r.outcome === 'released').length,
      rejected: results.filter((r) => r.outcome === 'rejected').length,
      refused: results.filter((r) => r.outcome === 'refused').length,
      results,
    };
  });
}
