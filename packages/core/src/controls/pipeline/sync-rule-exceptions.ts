import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { exceptionDueAt } from '../exceptions/exception-sla.ts';
import { exceptionRaisedEvent } from '../exceptions/exception-raised-event.ts';
import { emitWebhookEvents } from '../../integration/webhooks/emit-webhook-events.ts';
import { resolveOpenExceptions } from '../exceptions/resolve-open-exceptions.ts';
import type { LifecycleDocumentType } from '../lifecycle/document-lifecycle.ts';
import { arrayParam } from '../../db/array-param.ts';
import { jsonText } from '../../shared/json-text.ts';

/** Who the rule runs are, in `exceptions.source_system`. */
export const RULES_SOURCE = 'invoiceops.rules';

/** An exception a controls run found on a document. */
export interface FoundProblem {
  readonly documentType: LifecycleDocumentType;
  readonly documentId: string;
  readonly entityId: string;
  readonly category: string;
  /** Null for problems that are not a rule (an approval route that cannot be found). */
  readonly ruleId: string | null;
  readonly ruleVersion: number | null;
  readonly severity: 'block' | 'warn';
  readonly title: string;
  readonly assigneeTeam: string | null;
  readonly details: Record<string, unknown>;
}

/** A problem key as the open-once index sees it. */
export const problemKey = (p: { documentId: string; ruleId: string | null; category: string }): string =>
  `${p.documentId}|${p.ruleId ?? `category:${p.category}`}`;

/**
 * Opens exceptions for the problems found, in one statement: due after each category's
 * SLA, in the rule's owner queue. A problem already open on the document is left as it is
 * (`exceptions_open_once`), so re-validating never duplicates the queue. Returns how many
 * were opened; each opened one gets an `exception.raised` audit row and webhook.
 */
export async function raiseFoundProblems(trx: Trx, ctx: ActorContext, problems: readonly FoundProblem[], now: Date): Promise<number> {
  if (problems.length === 0) return 0;
  const sla = new Map((await trx.selectFrom('exceptionSlaPolicies').select(['category', 'hours']).execute()).map((r) => [r.category, r.hours]));
  const at = now.toISOString();
  const column = (pick: (p: FoundProblem) => string | null) => arrayParam(problems.map(pick));
  const inserted = await sql<{
    id: string; entityId: string; documentType: string; documentId: string; category: string; ruleId: string | null; severity: string; title: string;
    sourceSystem: string; assigneeTeam: string | null; dueAt: Date;
  }>`
    INSERT INTO exceptions (id, entity_id, document_type, document_id, category, source_system, rule_id, rule_version, severity, title, details, assignee_team, due_at, created_at, updated_at)
    SELECT x.id, x.entity_id, x.document_type, x.document_id, x.category, ${RULES_SOURCE}, x.rule_id, x.rule_version::integer, x.severity, x.title, x.details::jsonb, x.assignee_team,
      x.due_at::timestamptz, ${at}::timestamptz, ${at}::timestamptz
    FROM unnest(${arrayParam(problems.map(() => newId(ID_PREFIX.exception)))}, ${column((p) => p.entityId)}, ${column((p) => p.documentType)}, ${column((p) => p.documentId)},
      ${column((p) => p.category)}, ${column((p) => p.ruleId)}, ${column((p) => (p.ruleVersion === null ? null : String(p.ruleVersion)))}, ${column((p) => p.severity)},
      ${column((p) => p.title)}, ${arrayParam(problems.map((p) => jsonText(p.details)), 'json')}, ${column((p) => p.assigneeTeam)},
      ${column((p) => exceptionDueAt(now, sla.get(p.category) ?? 24).toISOString())})
      AS x(id, entity_id, document_type, document_id, category, rule_id, rule_version, severity, title, details, assignee_team, due_at)
    ON CONFLICT DO NOTHING
    RETURNING id, entity_id AS "entityId", document_type AS "documentType", document_id AS "documentId", category, rule_id AS "ruleId", severity, title,
      source_system AS "sourceSystem", assignee_team AS "assigneeTeam", due_at AS "dueAt"`.execute(trx);
  await recordAudit(trx, ctx, inserted.rows.map((e) => ({
    action: 'exception.raised',
    objectType: 'exception',
    objectId: e.id,
    entityId: e.entityId,
    after: { documentId: e.documentId, category: e.category, ruleId: e.ruleId, severity: e.severity, title: e.title, status: 'open' },
  })));
  await emitWebhookEvents(trx, inserted.rows.map(exceptionRaisedEvent), now);
  return inserted.rows.length;
}

/**
 * Resolves, as `corrected_revalidated`, the open exceptions a controls run raised on these
 * documents for problems it no longer finds (the data was corrected and the document
 * re-validated). `stillFound` holds the {@link problemKey}s found in this run. Only
 * exceptions from the rule runs are touched; a posting failure or a human's report stays.
 */
export async function resolveProblemsGone(trx: Trx, ctx: ActorContext, documentIds: readonly string[], stillFound: ReadonlySet<string>, now: Date): Promise<number> {
  if (documentIds.length === 0) return 0;
  const open = await sql<{ id: string; entityId: string; documentId: string; ruleId: string | null; category: string; version: number }>`
    SELECT id, entity_id AS "entityId", document_id AS "documentId", rule_id AS "ruleId", category, version FROM exceptions
    WHERE document_id = ANY(${[...documentIds]}::text[]) AND status = 'open' AND source_system = ${RULES_SOURCE}`.execute(trx);
  const gone = open.rows.filter((e) => !stillFound.has(problemKey(e)));
  if (gone.length === 0) return 0;
  await resolveOpenExceptions(trx, ctx, sql`id = ANY(${gone.map((e) => e.id)}::text[])`, 'corrected_revalidated', 'the document passed this check when it was validated again', now);
  return gone.length;
}
