import { z } from 'zod';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../master-data/pagination.ts';
import { idOf, pageQuery } from '../../shared/schemas.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { metricCode } from './billable-metric-schemas.ts';

export const listUsageEventsQuery = pageQuery.extend({
  customerId: idOf('cus').optional(),
  metric: metricCode.optional(),
  status: z.enum(['accepted', 'flagged', 'rejected']).optional().describe('flagged: stored for review, not billed until released; rejected: a reviewer decided it is never billed'),
  from: z.iso.datetime({ offset: true }).optional().describe('occurred at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('occurred before'),
});

export const usageEventSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  source: z.string(),
  eventId: z.string(),
  metric: z.string(),
  subject: z.string(),
  occurredAt: z.string(),
  quantity: z.string(),
  properties: z.record(z.string(), z.unknown()),
  correctsEventId: z.string().nullable(),
  status: z.enum(['accepted', 'flagged', 'rejected']),
  flagReason: z.string().nullable(),
  receivedAt: z.string(),
  /** The review of an event that was held: who released or rejected it, when and why. */
  review: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
  /**
   * Where the event stands in billing: `unbilled` (its time is not billed yet), `billed`
   * (a bill run covered its time), `late` (it arrived after its time was billed: the next
   * invoice carries it as late usage naming the period), `held` (flagged for review) or
   * `rejected` (a reviewer decided it is never billed).
   */
  billing: z.enum(['unbilled', 'billed', 'late', 'held', 'rejected']),
});

export type UsageEvent = z.output<typeof usageEventSchema>;

/** Stored usage events, newest id last, limited to customers of entities in scope. */
export async function listUsageEvents(db: Db, query: z.output<typeof listUsageEventsQuery>, scope: EntityScope): Promise<Page<UsageEvent>> {
  let qb = db
    .selectFrom('usageEvents')
    .innerJoin('customers', 'customers.id', 'usageEvents.customerId')
    .selectAll('usageEvents')
    .select('customers.usageBilledUntil')
    .orderBy('usageEvents.id')
    .limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('customers.entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('usageEvents.id', '>', decodeCursor(query.cursor));
  if (query.customerId) qb = qb.where('usageEvents.customerId', '=', query.customerId);
  if (query.metric) qb = qb.where('usageEvents.metricCode', '=', query.metric);
  if (query.status) qb = qb.where('usageEvents.status', '=', query.status);
  if (query.from) qb = qb.where('usageEvents.occurredAt', '>=', new Date(query.from));
  if (query.to) qb = qb.where('usageEvents.occurredAt', '<', new Date(query.to));
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  return {
    data: page.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      source: r.source,
      eventId: r.eventId,
      metric: r.metricCode,
      subject: r.subject,
      occurredAt: r.occurredAt.toISOString(),
      quantity: trimDecimal(r.quantity),
      properties: r.properties,
      correctsEventId: r.correctsEventId,
      status: r.status,
      flagReason: r.flagReason,
      receivedAt: r.receivedAt.toISOString(),
      review: r.reviewedBy && r.reviewedAt ? { by: r.reviewedBy, at: new Date(r.reviewedAt).toISOString(), reason: r.reviewReason ?? '' } : null,
      billing:
        r.status === 'flagged' ? 'held'
        : r.status === 'rejected' ? 'rejected'
        : r.latePending ? 'late'
        : r.usageBilledUntil && r.occurredAt < r.usageBilledUntil ? 'billed'
        : 'unbilled',
    })),
    nextCursor,
  };
}
