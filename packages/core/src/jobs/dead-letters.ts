import { sql } from 'kysely';
import { z } from 'zod';
import { assertInScope, scopeIncludes, type EntityScope } from '../access/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';

export const listDeadLettersQuery = z.strictObject({
  type: z.string().max(100).optional().describe('Job type, e.g. post_document'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A job that ran out of attempts (or failed in a way retrying cannot fix), with what it was about. */
export const deadLetterSchema = z.object({
  id: z.string(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  failedAt: z.string().nullable(),
  createdAt: z.string(),
  document: z.object({ id: z.string(), number: z.string().nullable(), customerId: z.string(), entityId: z.string(), lifecycle: z.string() }).nullable()
    .describe('The invoice or credit memo a posting or sending job was about'),
});
export type DeadLetter = z.output<typeof deadLetterSchema>;

/**
 * The dead-letter queue, newest first, with the business object each job was about. Only
 * jobs about documents of entities in `scope` (jobs about no document: only for a scope of
 * every entity).
 */
export async function listDeadLetters(db: Db, query: z.output<typeof listDeadLettersQuery>, scope: EntityScope = { all: true }): Promise<DeadLetter[]> {
  let qb = db.selectFrom('jobs').select(['id', 'type', 'payload', 'attempts', 'lastError', 'finishedAt', 'createdAt']).where('state', '=', 'dead').orderBy('finishedAt', 'desc').limit(query.limit);
  if (query.type) qb = qb.where('type', '=', query.type);
  const jobs = await qb.execute();
  const docIds = jobs.map((j) => (j.payload.documentId ?? j.payload.invoiceId) as string | undefined).filter((id): id is string => typeof id === 'string');
  const docs = docIds.length === 0 ? [] : await db.selectFrom('invoices').select(['id', 'number', 'customerId', 'entityId', 'lifecycle']).where('id', 'in', docIds).execute();
  const inScope = (entityId: string | undefined) => (entityId === undefined ? scope.all : scopeIncludes(scope, entityId));
  return jobs.flatMap((j) => {
    const docId = (j.payload.documentId ?? j.payload.invoiceId) as string | undefined;
    const doc = docs.find((d) => d.id === docId);
    if (!inScope(doc?.entityId)) return [];
    return [{
      id: j.id,
      type: j.type,
      payload: j.payload,
      attempts: j.attempts,
      lastError: j.lastError,
      failedAt: j.finishedAt?.toISOString() ?? null,
      createdAt: new Date(j.createdAt).toISOString(),
      document: doc ? { id: doc.id, number: doc.number, customerId: doc.customerId, entityId: doc.entityId, lifecycle: doc.lifecycle } : null,
    }];
  });
}

export const replayDeadLettersInput = z.strictObject({
  ids: z.array(z.string().max(100)).min(1).max(10_000).optional().describe('The dead jobs to replay'),
  type: z.string().max(100).optional().describe('Replay every dead job of this type (when no ids are given)'),
}).refine((v) => v.ids !== undefined || v.type !== undefined, { message: 'give ids, or a type to replay every dead job of that type' });

/**
 * Replays dead jobs: each is queued again with fresh attempts, in its original order. Jobs
 * are idempotent (a posting finds the earlier one by the document's external id), so a
 * replay never duplicates. A job that is not dead is refused by id; a user limited to some
 * entities replays only jobs about their documents. Audited.
 */
export async function replayDeadLetters(db: Db, ctx: ActorContext, input: z.input<typeof replayDeadLettersInput>, scope: EntityScope = { all: true }): Promise<{ replayed: string[] }> {
  const parsed = replayDeadLettersInput.parse(input);
  return inTransaction(db, async (trx) => {
    if (!scope.all) {
      // A user limited to some entities replays only jobs about their documents.
      const about = await sql<{ entityId: string | null }>`
        SELECT i.entity_id AS "entityId" FROM jobs j LEFT JOIN invoices i ON i.id = coalesce(j.payload->>'documentId', j.payload->>'invoiceId')
        WHERE j.state = 'dead' AND ${parsed.ids ? sql`j.id IN (${sql.join(parsed.ids)})` : sql`j.type = ${parsed.type!}`}`.execute(trx);
      if (about.rows.some((r) => r.entityId === null)) throw new AppError('forbidden', 'you may only replay jobs about documents of your entities');
      assertInScope(scope, [...new Set(about.rows.map((r) => r.entityId!))], 'dead letters');
    }
    if (parsed.ids) {
      const rows = await trx.selectFrom('jobs').select(['id', 'state']).where('id', 'in', parsed.ids).forUpdate().execute();
      const notDead = parsed.ids.filter((id) => rows.find((r) => r.id === id)?.state !== 'dead');
      if (notDead.length > 0) throw new AppError('conflict', `not in the dead-letter queue: ${notDead.slice(0, 10).join(', ')}${notDead.length > 10 ? ' …' : ''}`);
    }
    const replayed = await sql<{ id: string }>`
      UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), locked_by = NULL, locked_until = NULL, finished_at = NULL, updated_at = now()
      WHERE state = 'dead' AND ${parsed.ids ? sql`id IN (${sql.join(parsed.ids)})` : sql`type = ${parsed.type!}`}
      RETURNING id`.execute(trx);
    const ids = replayed.rows.map((r) => r.id);
    if (ids.length > 0) {
      await recordAudit(trx, ctx, { action: 'jobs.replayed', objectType: 'job', objectId: ids.length === 1 ? ids[0]! : `${ids.length} jobs`, diff: { ids: ids.slice(0, 1000), count: ids.length } });
    }
    return { replayed: ids };
  });
}
