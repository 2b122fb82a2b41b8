import type { Db } from '../db/transaction.ts';

/** What one maintenance pass removed. */
export interface PurgeResult {
  idempotencyKeys: number;
  sessions: number;
}

/**
 * Deletes idempotency keys past their retention (24 h) and expired sessions. Run by the
 * worker's scheduled maintenance job; safe to run from several workers at once.
 */
export async function purgeExpired(db: Db, now: Date = new Date()): Promise<PurgeResult> {
  const keys = await db.deleteFrom('idempotencyKeys').where('expiresAt', '<', now).executeTakeFirst();
  const sessions = await db.deleteFrom('sessions').where('expiresAt', '<', now).executeTakeFirst();
  return { idempotencyKeys: Number(keys.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
}
