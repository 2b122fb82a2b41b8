import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { ApprovalStepStatus } from '../../db/controls-tables.ts';
import type { ApprovalStepRow } from './approval-repository.ts';
import { cancelApprovalRequests } from './cancel-approval-requests.ts';
import { approvalRequestedEvent } from './approval-requested-event.ts';
import { emitWebhookEvents, type WebhookEventInput } from '../../integration/webhooks/emit-webhook-events.ts';
import type { ApprovalRoute } from './route-document.ts';
import type { RoutingFacts } from './routing-facts.ts';

/** One document to open a request for: its facts, its `needs_approval` route and the policy version that routed it. */
export interface OpenApprovalItem {
  readonly facts: RoutingFacts;
  readonly route: ApprovalRoute;
  readonly policyVersion: number | null;
}

/** The request opened for a document. */
export interface OpenedApprovalRequest {
  readonly documentId: string;
  readonly requestId: string;
  /** Steps approved in the earlier submission and kept. */
  readonly carriedOverSteps: number;
}

const HOUR_MS = 3_600_000;

/** `user:usr_1` → `usr_1`; API keys resolve to their user; `system` and others → null. */
async function creatorUsers(trx: Trx, actors: readonly string[]): Promise<Map<string, string | null>> {
  const keys = [...new Set(actors.filter((a) => a.startsWith('apikey:')).map((a) => a.slice('apikey:'.length)))];
  const owners = keys.length === 0 ? [] : await trx.selectFrom('apiKeys').select(['id', 'userId']).where('id', 'in', keys).execute();
  const ownerOf = new Map(owners.map((o) => [o.id, o.userId]));
  return new Map(actors.map((a) => [a, a.startsWith('user:') ? a.slice(5) : a.startsWith('apikey:') ? (ownerOf.get(a.slice(7)) ?? null) : null]));
}

/** What carrying over needs of a document's latest earlier request. */
interface PriorRequest {
  id: string;
  documentId: string;
  routeId: string;
  contentHash: string;
  status: string;
  submission: number;
  entityId: string;
}

/** The latest earlier request of each document; pending ones are cancelled (the document was routed again). */
async function previousRequests(trx: Trx, ctx: ActorContext, documentIds: readonly string[], now: Date): Promise<Map<string, PriorRequest>> {
  const rows = await sql<PriorRequest>`
    SELECT DISTINCT ON (document_id) id, document_id AS "documentId", route_id AS "routeId", content_hash AS "contentHash", status, submission, entity_id AS "entityId"
    FROM approval_requests WHERE document_id = ANY(${[...documentIds]}::text[])
    ORDER BY document_id, created_at DESC, id DESC`.execute(trx);
  const pending = rows.rows.filter((r) => r.status === 'pending');
  await cancelApprovalRequests(trx, ctx, pending, 'the document was submitted for approval again', now);
  return new Map(rows.rows.map((r) => [r.documentId, { ...r, status: r.status === 'pending' ? 'cancelled' : r.status }]));
}

/**
 * Opens approval requests for documents inside the caller's transaction — the controls
 * pipeline calls it right after moving the documents to `pending_approval` (it does not
 * change the lifecycle itself). Built for the bill run: a fixed handful of statements for
 * any number of documents. Per document: a pending earlier request is cancelled; when the
 * latest earlier request (rejected or cancelled) had the same content hash and route, its
 * approved steps are kept (`carried_over`), unless that would leave nothing to approve;
 * otherwise every step starts again. The first stage with work opens now (`due_at` = now +
 * its SLA); later stages wait. Each request emits an `approval.requested` webhook.
 */
export async function openApprovalRequests(db: Db, ctx: ActorContext, items: readonly OpenApprovalItem[], now: Date = new Date()): Promise<OpenedApprovalRequest[]> {
  if (items.length === 0) return [];
  return inTransaction(db, (trx) => openInTransaction(trx, ctx, items, now));
}

async function openInTransaction(trx: Trx, ctx: ActorContext, items: readonly OpenApprovalItem[], now: Date): Promise<OpenedApprovalRequest[]> {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.route.outcome !== 'needs_approval') throw new AppError('internal', `document ${item.facts.documentId} needs no approval request: its route is ${item.route.outcome}`);
    if (seen.has(item.facts.documentId)) throw new AppError('internal', `document ${item.facts.documentId} given twice to openApprovalRequests`);
    seen.add(item.facts.documentId);
  }
  const previous = await previousRequests(trx, ctx, [...seen], now);
  const carryFrom = [...previous.values()].filter((p) => items.some((i) => i.facts.documentId === p.documentId && i.facts.contentHash === p.contentHash && i.route.routeId === p.routeId));
  const oldSteps = carryFrom.length === 0 ? [] : await trx.selectFrom('approvalSteps').selectAll().where('requestId', 'in', carryFrom.map((p) => p.id)).where('status', '=', 'approved').execute();
  const approvedOld = new Map<string, ApprovalStepRow>(oldSteps.map((s) => [`${s.requestId}|${s.stage}|${s.position}|${s.name}`, s]));
  const creators = await creatorUsers(trx, items.map((i) => i.facts.createdBy));

  const requests: object[] = [];
  const steps: object[] = [];
  const opened: OpenedApprovalRequest[] = [];
  const events: WebhookEventInput[] = [];
  for (const { facts, route, policyVersion } of items) {
    if (route.outcome !== 'needs_approval') continue;
    const id = newId(ID_PREFIX.approvalRequest);
    const prior = previous.get(facts.documentId);
    const canCarry = prior !== undefined && carryFrom.includes(prior);
    let kept = route.steps.map((s) => (canCarry ? approvedOld.get(`${prior.id}|${s.stage}|${s.position}|${s.name}`) : undefined));
    if (kept.every((k) => k !== undefined)) kept = kept.map(() => undefined);
    const openStage = Math.min(...route.steps.filter((_s, i) => kept[i] === undefined).map((s) => s.stage));
    route.steps.forEach((step, i) => {
      const old = kept[i];
      const status: ApprovalStepStatus = old ? 'approved' : step.stage === openStage ? 'pending' : 'waiting';
      steps.push({
        id: newId(ID_PREFIX.approvalStep), requestId: id, entityId: facts.entityId, stage: step.stage, position: step.position,
        name: step.name, mode: step.mode, candidates: JSON.stringify(step.candidates), slaHours: step.slaHours, status,
        approvedBy: old?.approvedBy ?? [], satisfied: old?.satisfied ?? [], carriedOver: old !== undefined,
        openedAt: old?.openedAt ?? (status === 'pending' ? now : null),
        dueAt: old?.dueAt ?? (status === 'pending' ? new Date(now.getTime() + step.slaHours * HOUR_MS) : null),
        remindedAt: null, escalatedAt: null, completedAt: old?.completedAt ?? null,
      });
    });
    requests.push({
      id, documentType: facts.documentType, documentId: facts.documentId, entityId: facts.entityId, policyId: null, policyVersion,
      routeId: route.routeId, amountMinor: facts.functionalAmountMinor < 0n ? -facts.functionalAmountMinor : facts.functionalAmountMinor,
      currency: facts.functionalCurrency, contentHash: facts.contentHash, createdBy: facts.createdBy, creatorUserId: creators.get(facts.createdBy) ?? null,
      settings: JSON.stringify(route.settings), submission: (prior?.submission ?? 0) + 1, previousRequestId: prior?.id ?? null,
      status: 'pending', createdAt: now, decidedAt: null, decidedBy: null, rejectionReason: null, version: 1,
    });
    opened.push({ documentId: facts.documentId, requestId: id, carriedOverSteps: kept.filter((k) => k !== undefined).length });
    events.push(approvalRequestedEvent(id, facts, route.routeId, (prior?.submission ?? 0) + 1));
  }
  await insertRows(trx, 'approvalRequests', requests, ['settings']);
  await insertRows(trx, 'approvalSteps', steps, ['candidates']);
  await recordAudit(trx, ctx, items.map(({ facts, route }, i) => ({
    action: 'approval_request.opened', objectType: 'approval_request', objectId: opened[i]!.requestId, entityId: facts.entityId,
    diff: { after: { documentId: facts.documentId, routeId: route.routeId, status: 'pending', carriedOverSteps: opened[i]!.carriedOverSteps } },
  })));
  await emitWebhookEvents(trx, events, now);
  return opened;
}

/** Opens the approval request of one document; see {@link openApprovalRequests}. */
export async function openApprovalRequest(db: Db, ctx: ActorContext, facts: RoutingFacts, route: ApprovalRoute, policyVersion: number | null, now: Date = new Date()): Promise<OpenedApprovalRequest> {
  const [opened] = await openApprovalRequests(db, ctx, [{ facts, route, policyVersion }], now);
  return opened!;
}
