import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The hash before the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields that the hash covers: everything in the row except the hash itself. */
export interface AuditHashInput {
  seq: bigint;
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  entityId: string | null;
  diff: unknown;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
}

/** SHA-256 over the canonical row content, which includes the previous row's hash. */
export function auditRowHash(row: AuditHashInput): string {
  const content = canonicalJson({
    seq: row.seq.toString(),
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    entityId: row.entityId,
    diff: row.diff,
    reason: row.reason,
    requestId: row.requestId,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}
