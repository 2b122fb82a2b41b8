import { z } from 'zod';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { batchedDecisions, loadBatchForDocument } from './decision-batches.ts';

export const decisionSchema = z.object({
  id: z.string(),
  kind: z.enum(['validation', 'routing', 'straight_through', 'approval', 'posting']),
  policyKind: z.string().nullable().describe('What policyVersion is a version of: rule_set, approval_policy'),
  policyId: z.string().nullable(),
  policyVersion: z.number().int().nullable().describe('Null: nothing of that kind was published'),
  outcome: z.string(),
  inputs: z.record(z.string(), z.unknown()).describe('What the decision saw'),
  result: z.record(z.string(), z.unknown()).describe('What it decided (rule outcomes, route and approvers, …)'),
  actor: z.string(),
  decidedAt: z.string(),
});

export const transitionSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  decisionId: z.string().nullable(),
  at: z.string(),
});

export const documentTraceSchema = z.object({
  documentId: z.string(),
  documentType: z.enum(['invoice', 'credit_memo']),
  lifecycle: z.string(),
  /** Plain-language answer to "why is it where it is", from the latest decisions. */
  why: z.array(z.string()),
  decisions: z.array(decisionSchema),
  transitions: z.array(transitionSchema),
});

export type DocumentTrace = z.output<typeof documentTraceSchema>;
type Decision = z.output<typeof decisionSchema>;

/** "Why is it blocked / why did it go to these approvers", from the latest run of each kind. */
function explain(lifecycle: string, decisions: readonly Decision[]): string[] {
  const latest = (kind: Decision['kind']) => [...decisions].reverse().find((d) => d.kind === kind);
  const validation = latest('validation');
  const why: string[] = [];
  if (validation) {
    const outcomes = (validation.result.outcomes ?? []) as { ruleId: string; status: string; blocking: boolean; overridden?: boolean; message: string | null }[];
    const version = validation.policyVersion === null ? 'no rule set published' : `rule set v${validation.policyVersion}`;
    const blocking = outcomes.filter((o) => o.blocking);
    if (blocking.length > 0) why.push(...blocking.map((o) => `blocked by ${o.ruleId} (${version}): ${o.message ?? o.status}`));
    else why.push(`passed every blocking rule (${version})`);
    for (const o of outcomes.filter((x) => x.status === 'failed' && !x.blocking)) {
      why.push(o.overridden ? `${o.ruleId} failed but was overridden: ${o.message ?? ''}` : `warning ${o.ruleId}: ${o.message ?? ''}`);
    }
  }
  // The routing verdict: `routing` (approvers, or none found) or `straight_through` (no approval needed).
  const routing = [...decisions].reverse().find((d) => d.kind === 'routing' || d.kind === 'straight_through');
  if (routing && (validation ? routing.decidedAt >= validation.decidedAt : routing.kind === 'straight_through')) {
    const version = routing.policyVersion === null ? 'no approval policy published' : `approval policy v${routing.policyVersion}`;
    if (routing.outcome === 'needs_approval') {
      const steps = (routing.result.steps ?? []) as { name: string; mode: string; candidates: ({ kind: 'user'; userId: string } | { kind: 'role'; role: string })[] }[];
      const who = steps.map((s) => `${s.name} (${s.mode} of ${s.candidates.map((c) => (c.kind === 'user' ? c.userId : `any ${c.role}`)).join(', ')})`);
      why.push(`routed by route ${String(routing.result.routeId)} of ${version} to ${who.join(' then ')}`);
    } else {
      why.push(`${routing.outcome.replace('_', ' ')} under ${version}: ${String(routing.result.reason ?? '')}`);
    }
  }
  const approval = latest('approval');
  if (approval) why.push(`last approval action: ${approval.outcome} by ${approval.actor}`);
  if (why.length === 0) why.push(`it is ${lifecycle}; no controls decision has been recorded yet`);
  return why;
}

/**
 * The decision trace of a document (`GET /v1/invoices/{id}/decisions`): every decision
 * recorded for it with the rule set or policy version, what it saw and what it decided,
 * the lifecycle transitions in order, and a plain-language "why".
 */
export async function getDocumentTrace(db: Db, documentId: string, scope: EntityScope): Promise<DocumentTrace> {
  const doc = await db.selectFrom('invoices').select(['id', 'kind', 'entityId', 'lifecycle']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw AppError.notFound('invoice', documentId);
  assertInScope(scope, [doc.entityId], 'invoices');
  const [decisionRows, batch, transitionRows] = await Promise.all([
    db.selectFrom('controlDecisions').selectAll().where('documentId', '=', documentId).orderBy('decidedAt').orderBy('id').execute(),
    loadBatchForDocument(db, documentId),
    db.selectFrom('documentTrail').selectAll().where('documentId', '=', documentId).orderBy('at').orderBy('id').execute(),
  ]);
  // A straight-through document's first two decisions may be kept in a batch (decision-batches.ts).
  const recorded = [...(batch ? batchedDecisions(batch, documentId) : []), ...decisionRows];
  recorded.sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const decisions: Decision[] = recorded.map((d) => ({
    id: d.id,
    kind: d.kind,
    policyKind: d.policyKind,
    policyId: d.policyId,
    policyVersion: d.policyVersion,
    outcome: d.outcome,
    inputs: d.inputs,
    result: d.result,
    actor: d.actor,
    decidedAt: d.decidedAt.toISOString(),
  }));
  return {
    documentId,
    documentType: doc.kind,
    lifecycle: doc.lifecycle,
    why: explain(doc.lifecycle, decisions),
    decisions,
    transitions: transitionRows.map((t) => ({ id: t.id, from: t.fromState, to: t.toState, actor: t.actor, reason: t.reason, decisionId: t.decisionId, at: t.at.toISOString() })),
  };
}
