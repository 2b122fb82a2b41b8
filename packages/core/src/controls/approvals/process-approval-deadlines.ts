import { sql } from 'kysely';
import { ALL_ENTITIES } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { ActorContext } from '../../shared/context.ts';
import { raiseException } from '../exceptions/raise-exception.ts';
import { escalationCandidate, type Candidate } from './route-document.ts';

/** The scheduled job that runs {@link processApprovalDeadlines}. */
export const APPROVAL_DEADLINES_JOB = 'approval.deadlines';
/** The job that emails one step's reminder (outbox: queued with the step's `reminded_at`). */
export const APPROVAL_REMINDER_JOB = 'approval.send_reminder';

/** What one run did. */
export interface ApprovalDeadlinesResult {
  reminded: string[];
  escalated: string[];
}

interface DueStep {
  id: string;
  requestId: string;
  entityId: string;
  name: string;
  dueAt: Date;
  candidates: Candidate[];
  settings: { reminderHours?: number | null; escalateTo?: { user: string } | { role: 'approver' | 'controller' } | null };
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  documentId: string;
}

const stepColumns = sql`s.id, s.request_id AS "requestId", s.entity_id AS "entityId", s.name, s.due_at AS "dueAt", s.candidates,
  r.settings, r.document_type AS "documentType", r.document_id AS "documentId"`;

/**
 * Reminders and escalations of open approval steps, at `now`; safe to run on many
 * workers at once (each step is claimed with a conditional update, so it fires once).
 * - **Reminder**: an open step within `reminderHours` (request settings) of its due time,
 *   not reminded yet: `reminded_at` is set and an {@link APPROVAL_REMINDER_JOB} is queued
 *   in the same transaction (it emails the candidates).
 * - **Escalation**: an open step past its due time, not escalated yet: `escalated_at` is
 *   set, the policy's escalation target is added as a candidate (`via: 'escalation'`; one
 *   approval by it completes the step), and an `approval_delay` exception is raised on the
 *   document (idempotent while open).
 * At most `batch` steps of each kind per run; the rest wait for the next run.
 */
export async function processApprovalDeadlines(db: Db, ctx: ActorContext, now: Date = new Date(), batch = 500): Promise<ApprovalDeadlinesResult> {
  const reminded = await inTransaction(db, async (trx) => {
    const due = await sql<DueStep>`
      UPDATE approval_steps s SET reminded_at = ${now}
      FROM approval_requests r
      WHERE s.id IN (
        SELECT s2.id FROM approval_steps s2 JOIN approval_requests r2 ON r2.id = s2.request_id
        WHERE s2.status = 'pending' AND s2.reminded_at IS NULL AND s2.escalated_at IS NULL AND s2.due_at > ${now}
          AND (r2.settings->>'reminderHours') IS NOT NULL
          AND s2.due_at - make_interval(hours => (r2.settings->>'reminderHours')::int) <= ${now}
        ORDER BY s2.due_at LIMIT ${batch} FOR UPDATE OF s2 SKIP LOCKED)
        AND r.id = s.request_id
      RETURNING ${stepColumns}`.execute(trx);
    for (const step of due.rows) {
      await enqueueJob(trx, { type: APPROVAL_REMINDER_JOB, payload: { stepId: step.id }, dedupeKey: `${APPROVAL_REMINDER_JOB}:${step.id}` });
    }
    await recordAudit(trx, ctx, due.rows.map((s) => ({
      action: 'approval_step.reminded', objectType: 'approval_request', objectId: s.requestId, entityId: s.entityId,
      diff: { step: s.name, stepId: s.id, dueAt: s.dueAt.toISOString() },
    })));
    return due.rows.map((s) => s.id);
  });

  const escalated = await inTransaction(db, async (trx) => {
    const overdue = await sql<DueStep>`
      UPDATE approval_steps s SET escalated_at = ${now}
      FROM approval_requests r
      WHERE s.id IN (
        SELECT id FROM approval_steps WHERE status = 'pending' AND escalated_at IS NULL AND due_at <= ${now}
        ORDER BY due_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
        AND r.id = s.request_id
      RETURNING ${stepColumns}`.execute(trx);
    for (const step of overdue.rows) {
      const target = step.settings.escalateTo ? escalationCandidate(step.settings.escalateTo, 'escalation') : undefined;
      if (target) {
        await sql`UPDATE approval_steps SET candidates = candidates || ${JSON.stringify([target])}::jsonb WHERE id = ${step.id}`.execute(trx);
      }
      await raiseException(trx, ctx, {
        documentType: step.documentType, documentId: step.documentId, category: 'approval_delay', sourceSystem: 'invoiceops.approvals', severity: 'warn',
        title: `Approval step "${step.name}" is overdue since ${step.dueAt.toISOString()}`,
        details: { requestId: step.requestId, stepId: step.id, dueAt: step.dueAt.toISOString(), escalatedTo: target ?? null },
      }, ALL_ENTITIES, now);
    }
    await recordAudit(trx, ctx, overdue.rows.map((s) => ({
      action: 'approval_step.escalated', objectType: 'approval_request', objectId: s.requestId, entityId: s.entityId,
      diff: { step: s.name, stepId: s.id, dueAt: s.dueAt.toISOString(), addedCandidate: s.settings.escalateTo ?? null },
    })));
    return overdue.rows.map((s) => s.id);
  });
  return { reminded, escalated };
}
