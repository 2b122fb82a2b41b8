import { sql } from 'kysely';
import { insertRows } from '../db/insert-rows.ts';
import type { Trx } from '../db/transaction.ts';
import type { ActorContext } from '../shared/context.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import { auditDiff, type AuditDiff } from './audit-diff.ts';
import { auditRowHash, GENESIS_HASH } from './audit-hash.ts';

/** One state change to record. `before`/`after` are whole objects; the diff is computed. */
export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  /** A precomputed diff, for changes that are not object versions (sign-in, key revoked). */
  diff?: AuditDiff | Record<string, unknown>;
  reason?: string | null;
}

/** Any constant works; it only has to be the same in every process. */
const AUDIT_CHAIN_LOCK = 720_1001;

/**
 * Appends audit rows inside the caller's transaction. The chain head is serialized with
 * a transaction-scoped advisory lock, so concurrent writers (many API and worker
 * processes) extend one unbroken chain; the lock is released at commit or rollback.
 */
export async function recordAudit(trx: Trx, ctx: ActorContext, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const head = await trx
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = head?.seq ?? 0n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const rows = list.map((entry) => {
    seq += 1n;
    const base = {
      seq,
      id: newId(ID_PREFIX.audit),
      occurredAt,
      actor: ctx.actor,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      entityId: entry.entityId ?? null,
      diff: entry.diff ?? auditDiff(entry.before ?? null, entry.after ?? null),
      reason: entry.reason ?? null,
      requestId: ctx.requestId ?? null,
      prevHash,
    };
    const hash = auditRowHash(base);
    prevHash = hash;
    return { ...base, diff: JSON.stringify(base.diff), hash };
  });
  await insertRows(trx, 'auditLog', rows, ['diff']);
}
