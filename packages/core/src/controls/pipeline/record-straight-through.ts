import { insertRows } from '../../db/insert-rows.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { recordDecisions } from '../lifecycle/record-decisions.ts';

/**
 * Records, for invoices a finalizing bill run writes already approved and issued because
 * no rule set and no approval policy are in force, what the controls would have recorded:
 * a straight-through decision and the transitions draft → validated → approved. (The
 * run's `invoice.finalized` audit row per invoice says the rest.) The invoices' own rows
 * carry `lifecycle = 'approved'` from the insert.
 */
export async function recordStraightThrough(trx: Trx, ctx: ActorContext, invoices: readonly { id: string; entityId: string }[], now: Date): Promise<void> {
  if (invoices.length === 0) return;
  const decisionIds = await recordDecisions(
    trx,
    ctx,
    invoices.map((inv) => ({
      documentType: 'invoice',
      documentId: inv.id,
      entityId: inv.entityId,
      kind: 'straight_through',
      outcome: 'straight_through',
      inputs: { ruleSetVersion: null, policyVersion: null },
      result: { reason: 'no rule set and no approval policy are in force' },
    })),
    now,
  );
  const hop = (inv: { id: string; entityId: string }, decisionId: string, fromState: string, toState: string) => ({
    id: newId(ID_PREFIX.documentTransition),
    documentType: 'invoice',
    documentId: inv.id,
    entityId: inv.entityId,
    fromState,
    toState,
    actor: ctx.actor,
    reason: 'straight through: no rule set and no approval policy are in force',
    decisionId,
    at: now,
  });
  await insertRows(trx, 'documentTransitions', invoices.flatMap((inv, i) => [hop(inv, decisionIds[i]!, 'draft', 'validated'), hop(inv, decisionIds[i]!, 'validated', 'approved')]));
}
