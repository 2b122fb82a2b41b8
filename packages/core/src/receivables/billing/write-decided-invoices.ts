import { planDecisionBatches, recordDecisionBatches } from '../../controls/lifecycle/decision-batches.ts';
import { assertCreatedHops, recordCreatedTransitions } from '../../controls/lifecycle/transition-documents.ts';
import { STRAIGHT_THROUGH_REASON, controlsMovesOf, decideDocuments, decisionTracesOf, openRoutedApprovals, recordControlsDecisions } from '../../controls/pipeline/apply-controls.ts';
import { controlsInputsOf } from '../../controls/pipeline/load-controls-inputs.ts';
import type { EffectiveControls } from '../../controls/pipeline/load-effective-controls.ts';
import { stopwatch, type SubmitTimings } from '../../controls/pipeline/submit-documents.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { draftControlsRows, type DraftWithInputs } from './draft-controls-rows.ts';
import { completeNumberedDrafts, numberDrafts } from './number-drafts.ts';
import { insertDraftInvoices } from './write-draft-invoice.ts';

export interface DecideInRunOptions {
  readonly controls: EffectiveControls;
  /** Billable metric code → unit (what the rules see of usage lines). */
  readonly metricUnits: ReadonlyMap<string, string>;
  /** Who started the run: the drafts' creator, for segregation of duties. */
  readonly runActor: string;
  readonly now: Date;
  /** When given, receives the controls' share of the time (`load`, `decide`) and issuing's (`issue`). */
  readonly timings?: SubmitTimings;
}

/**
 * Writes a finalizing run's invoices already through the controls (docs/controls-lifecycle.md):
 * the drafts' rule contexts and routing facts are built from the rows in memory (only
 * history, ERP mappings and FX rates are read), the rules and the approval policy decide,
 * and each invoice is inserted once, in the state it was decided into — straight-through
 * ones numbered and issued (`approved`), the others `pending_approval` with their approval
 * request or `on_hold` with their exceptions. The decision trace and the transitions
 * draft → validated → … are recorded as a submission records them; the creation audit row
 * of each invoice tells its lifecycle too. The same outcome as drafting and then
 * submitting, with one write per invoice instead of a read back and two updates. The
 * straight-through invoices' decisions and transitions are kept per batch
 * (`decision-batches.ts`): read back, they are the same.
 */
export async function writeDecidedInvoices(trx: Trx, ctx: ActorContext, drafts: readonly DraftWithInputs[], options: DecideInRunOptions): Promise<void> {
  if (drafts.length === 0) return;
  const { controls, now } = options;
  const lap = stopwatch(options.timings);
  const inputs = await controlsInputsOf(trx, draftControlsRows(drafts, options.metricUnits, options.runActor), now);
  const decided = decideDocuments(inputs, controls);
  const moves = controlsMovesOf(decided);
  lap('load');

  // The straight-through majority's decisions and transitions are kept per batch; the others row by row.
  const traces = decisionTracesOf(decided, controls);
  const batches = planDecisionBatches(traces, { actor: ctx.actor, reason: STRAIGHT_THROUGH_REASON, decidedAt: now });
  const rowByRow = decided.flatMap((d, i) => (batches.batchOf.has(d.input.documentId) ? [] : [{ decided: d, trace: traces[i]! }]));
  const rowChanges: typeof moves.changes = [];
  for (const change of moves.changes) {
    if (!batches.batchOf.has(change.documentId)) rowChanges.push(change);
    // A batch records draft → validated → approved: checked here, as `recordCreatedTransitions` checks the others.
    else assertCreatedHops(change);
  }
  lap('decide');

  const changeOf = new Map(moves.changes.map((c) => [c.documentId, c]));
  const approvedIds = new Set(moves.approved.map((a) => a.documentId));
  const issuing = drafts.filter((d) => approvedIds.has(d.draft.invoice.id));
  const numbering = await numberDrafts(trx, issuing, now);
  lap('issue');
  for (const { draft } of drafts) {
    const change = changeOf.get(draft.invoice.id)!;
    // Rows written together name the same columns: a draft's version is the default's.
    Object.assign(draft.invoice, { version: draft.invoice.version ?? 1, lifecycle: change.to, lifecycleChangedAt: now });
    draft.audit = {
      ...draft.audit,
      diff: { ...draft.audit.diff, lifecycle: { before: 'draft', after: change.to, ...(change.via?.length ? { via: change.via } : {}) } },
      reason: change.reason ?? null,
    };
  }
  await insertDraftInvoices(trx, ctx, drafts.map((d) => d.draft));
  lap(null);

  await recordDecisionBatches(trx, batches);
  const validationDecision = await recordControlsDecisions(trx, ctx, rowByRow.map((r) => r.decided), controls, now, { resolveGone: false, traces: rowByRow.map((r) => r.trace) });
  const entityOf = new Map(drafts.map((d) => [d.draft.invoice.id, d.draft.invoice.entityId]));
  await recordCreatedTransitions(trx, ctx, rowChanges.map((c) => ({ ...c, entityId: entityOf.get(c.documentId)!, decisionId: validationDecision.get(c.documentId)! })), now);
  await openRoutedApprovals(trx, ctx, moves.approvals, controls, now);
  lap('decide');
  await completeNumberedDrafts(trx, ctx, numbering);
  lap('issue');
}
