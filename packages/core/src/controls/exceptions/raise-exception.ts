import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { jsonText } from '../../shared/json-text.ts';
import { getExceptionDocument } from './exception-documents.ts';
import { auditException, toException } from './exception-repository.ts';
import { raiseExceptionSchema, type ExceptionRecord, type RaiseExceptionInput } from './exception-schemas.ts';
import { exceptionDueAt } from './exception-sla.ts';
import { exceptionRaisedEvent } from './exception-raised-event.ts';
import { emitWebhookEvent } from '../../integration/webhooks/emit-webhook-events.ts';

/** The exception, and whether this call opened it (false: it was already open). */
export interface RaisedException {
  exception: ExceptionRecord;
  created: boolean;
}

/**
 * Opens an exception on a document, due after its category's SLA, in the queue given by
 * `assigneeTeam`. Idempotent while open: raising the same document and rule (or, without
 * a rule, the same category) again returns the open exception unchanged, so a rule run
 * or a posting retry can report every time it sees the problem. The entity comes from
 * the document. An exception opened here emits an `exception.raised` webhook in the same
 * transaction. Called by rule runs, connectors and schedulers, with their actor
 * (`rule:<id>@<version>`, `system`).
 */
export async function raiseException(db: Db, ctx: ActorContext, input: RaiseExceptionInput, scope: EntityScope, now: Date = new Date()): Promise<RaisedException> {
  const data = parseOrThrow(raiseExceptionSchema, input);
  return inTransaction(db, async (trx) => {
    const document = await getExceptionDocument(trx, data.documentType, data.documentId);
    assertInScope(scope, [document.entityId], 'exceptions');
    const policy = await trx.selectFrom('exceptionSlaPolicies').select('hours').where('category', '=', data.category).executeTakeFirst();
    if (!policy) throw new AppError('internal', `exception category ${data.category} has no SLA policy (exception_sla_policies)`);
    const id = newId(ID_PREFIX.exception);
    const inserted = await trx
      .insertInto('exceptions')
      .values({
        id,
        entityId: document.entityId,
        documentType: data.documentType,
        documentId: data.documentId,
        category: data.category,
        sourceSystem: data.sourceSystem,
        ruleId: data.ruleId ?? null,
        ruleVersion: data.ruleVersion ?? null,
        severity: data.severity,
        title: data.title,
        // Amounts in minor units arrive as bigint; they are kept as digit strings.
        details: jsonText(data.details),
        assigneeTeam: data.assigneeTeam ?? null,
        dueAt: exceptionDueAt(now, policy.hours),
        createdAt: now,
        updatedAt: now,
      })
      // Any conflict is exceptions_open_once: this problem is already open on the document.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const open = await trx
        .selectFrom('exceptions')
        .selectAll()
        .where('documentType', '=', data.documentType)
        .where('documentId', '=', data.documentId)
        .where('status', '=', 'open')
        .where(sql<string>`coalesce(rule_id, 'category:' || category)`, '=', data.ruleId ?? `category:${data.category}`)
        .executeTakeFirstOrThrow();
      return { exception: toException(open, now), created: false };
    }
    const exception = toException(inserted, now);
    await auditException(trx, ctx, exception, { action: 'exception.raised', after: exception });
    await emitWebhookEvent(trx, exceptionRaisedEvent(exception), now);
    return { exception, created: true };
  });
}
