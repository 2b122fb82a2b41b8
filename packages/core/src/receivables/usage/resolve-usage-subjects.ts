import { sql } from 'kysely';
import { lookUpEach } from '../../db/id-list.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';
import type { Db } from '../../db/transaction.ts';

/** Who a subject names: the customer and the entity that bills it. */
export interface ResolvedSubject {
  customerId: string;
  entityId: string;
  active: boolean;
  timeZone: string;
  /** End of the latest usage window already billed (read without a lock: it only grows). */
  usageBilledUntil: Date | null;
}

export type SubjectResolution = { ok: true; customer: ResolvedSubject } | { ok: false; reason: string };

/**
 * Resolves CloudEvents subjects to customers in two queries for a whole batch (the customers
 * read as one JSON value: see `selectJsonRows`). A subject
 * is a customer id (`cus_…`) or an external id mapped to a customer (`/v1/external-ids`,
 * any system). A subject mapped to two different customers is refused as ambiguous.
 */
export async function resolveUsageSubjects(db: Db, subjects: readonly string[]): Promise<Map<string, SubjectResolution>> {
  const unique = [...new Set(subjects)];
  const result = new Map<string, SubjectResolution>();
  if (unique.length === 0) return result;
  const mappings = (
    await sql<{ externalId: string; objectId: string }>`
      SELECT x.external_id AS "externalId", x.object_id AS "objectId"
      FROM ${lookUpEach(unique, 'external_ids', 'external_id', 'x', sql`x.object_type = 'customer'`)}`.execute(db)
  ).rows;
  const candidates = new Map<string, Set<string>>();
  for (const subject of unique) if (subject.startsWith('cus_')) candidates.set(subject, new Set([subject]));
  for (const m of mappings) {
    const set = candidates.get(m.externalId) ?? new Set<string>();
    set.add(m.objectId);
    candidates.set(m.externalId, set);
  }
  const customerIds = [...new Set([...candidates.values()].flatMap((s) => [...s]))];
  const customers =
    customerIds.length === 0
      ? []
      : (
          await selectJsonRows<{ id: string; entityId: string; active: boolean; timeZone: string; usageBilledUntil: Date | null }>(
            db,
            sql`SELECT c.id, c.entity_id, c.active, c.time_zone, c.usage_billed_until
              FROM ${lookUpEach(customerIds, 'customers', 'id', 'c')}`,
            { id: 'text', entityId: 'text', active: 'boolean', timeZone: 'text', usageBilledUntil: 'timestamp' },
          )
        );
  const byId = new Map(customers.map((c) => [c.id, c]));
  for (const subject of unique) {
    const ids = [...(candidates.get(subject) ?? [])].filter((id) => byId.has(id));
    if (ids.length === 0) result.set(subject, { ok: false, reason: `unknown customer: no customer has the id or external id "${subject.slice(0, 100)}"` });
    else if (ids.length > 1) result.set(subject, { ok: false, reason: `ambiguous subject "${subject.slice(0, 100)}": it is the external id of ${ids.length} customers in different systems` });
    else {
      const c = byId.get(ids[0]!)!;
      result.set(subject, { ok: true, customer: { customerId: c.id, entityId: c.entityId, active: c.active, timeZone: c.timeZone, usageBilledUntil: c.usageBilledUntil } });
    }
  }
  return result;
}
