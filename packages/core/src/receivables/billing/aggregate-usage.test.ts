import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createBillingFixture, createCustomer, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';
import { aggregateUsage, type UsageWindow } from './aggregate-usage.ts';

const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');

describe.each(testDatabaseKinds())('aggregateUsage on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('sums, counts, takes the maximum, the latest and the unique count of accepted events in the window, leaving corrected events out', async () => {
    await withRollback(t.db, async (db) => {
      const f = await createBillingFixture(db);
      const plain = f.customer.id as string;
      const correcting = (await createCustomer(db, f.entity.id as string)).id as string;
      const event = (customer: string, id: string, at: string, quantity: string, extra: { user?: string; status?: string; corrects?: string } = {}) => sql`
        INSERT INTO usage_events (customer_id, id, source, event_id, metric_code, subject, occurred_at, quantity, properties, status, corrects_event_id)
        VALUES (${customer}, ${`use_${customer}_${id}`}, '/test', ${`${customer}-${id}`}, ${f.metricCode}, ${customer}, ${at}::timestamptz, ${quantity}::numeric,
          ${JSON.stringify({ quantity, userId: extra.user ?? null })}::jsonb, ${extra.status ?? 'accepted'}, ${extra.corrects ? `${customer}-${extra.corrects}` : null})`.execute(db);
      await event(plain, 'a', '2026-10-03T10:00:00Z', '5', { user: 'u1' });
      await event(plain, 'b', '2026-10-10T10:00:00Z', '7.25', { user: 'u2' });
      await event(plain, 'c', '2026-10-20T10:00:00Z', '3', { user: 'u1' });
      await event(plain, 'held', '2026-10-25T10:00:00Z', '100', { user: 'u3', status: 'flagged' });
      await event(plain, 'before', '2026-09-30T23:59:59Z', '50', { user: 'u4' });
      await event(plain, 'after', '2026-11-01T00:00:00Z', '60', { user: 'u5' });
      await event(correcting, 'a', '2026-10-05T10:00:00Z', '10', { user: 'u1' });
      await event(correcting, 'fix', '2026-10-06T10:00:00Z', '4', { user: 'u2', corrects: 'a' });
      await event(correcting, 'b', '2026-10-07T10:00:00Z', '2', { user: 'u2' });

      const windows = (customerId: string): UsageWindow[] =>
        (['sum', 'count', 'max', 'latest', 'unique_count'] as Aggregation[]).map((aggregation) => ({
          key: `${customerId}|${aggregation}`, customerId, metricCode: f.metricCode, aggregation, property: aggregation === 'unique_count' ? 'userId' : null, startsAt: FROM, endsAt: TO,
        }));
      const usage = await aggregateUsage(db, [...windows(plain), ...windows(correcting)]);
      expect(Object.fromEntries([...usage].map(([key, value]) => [key.replace(plain, 'plain').replace(correcting, 'correcting'), value]))).toEqual({
        'plain|sum': '15.25', 'plain|count': '3', 'plain|max': '7.25', 'plain|latest': '3', 'plain|unique_count': '2',
        'correcting|sum': '6', 'correcting|count': '2', 'correcting|max': '4', 'correcting|latest': '2', 'correcting|unique_count': '1',
      });
    });
  });
});
