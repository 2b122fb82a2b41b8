import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';

/** Advisory lock class of usage billing (two-key form: class, bucket). */
const USAGE_LOCK_CLASS = 720_2001;
/** Customers share 64 lock buckets, so no transaction holds more than 64 locks. */
const BUCKETS = 64;

/** The lock bucket of a customer (FNV-1a of its id). */
export function usageLockBucket(customerId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i += 1) hash = Math.imul(hash ^ customerId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * Serialises billing against the ingestion of back-dated usage for the same customers.
 * A bill run holds the lock exclusively while it aggregates a chunk of customers and
 * advances their `usage_billed_until`; ingestion of usage for an earlier day holds it
 * shared while it reads `usage_billed_until` and stores the events. Whichever commits
 * first, the other sees it: an event is either in the aggregate or marked late, never
 * neither. Transaction-scoped; buckets are taken in ascending order (no deadlock).
 */
export async function lockUsageBilling(trx: Db, customerIds: Iterable<string>, mode: 'shared' | 'exclusive'): Promise<void> {
  const buckets = [...new Set([...customerIds].map(usageLockBucket))].sort((a, b) => a - b);
  if (buckets.length === 0) return;
  const lock = mode === 'shared' ? sql`pg_advisory_xact_lock_shared(${USAGE_LOCK_CLASS}::int, b)` : sql`pg_advisory_xact_lock(${USAGE_LOCK_CLASS}::int, b)`;
  // The ordered subquery is not flattened, so the locks are taken in bucket order.
  await sql`SELECT ${lock} FROM (SELECT unnest(${sql.val(buckets)}::int[]) AS b ORDER BY 1) AS s`.execute(trx);
}
