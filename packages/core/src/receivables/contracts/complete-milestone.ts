import { z } from 'zod';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { code } from '../../shared/schemas.ts';
import { localDateSchema } from '../schedule/local-dates.ts';

export const completeMilestoneSchema = z.strictObject({
  lineKey: code(40),
  milestoneKey: code(60),
  completedOn: localDateSchema.describe("The day the milestone was met, in the customer's time zone"),
});

export type CompleteMilestoneInput = z.output<typeof completeMilestoneSchema>;

/**
 * Records that a milestone of a milestone line was met; the next bill run bills it. A
 * milestone is completed once: repeating the same completion is accepted and changes
 * nothing (a CRM may resend), a different date for the same milestone is a conflict.
 */
export async function completeMilestone(
  db: Db,
  ctx: ActorContext,
  contractId: string,
  input: CompleteMilestoneInput,
  scope: EntityScope,
): Promise<{ contractId: string; lineKey: string; milestoneKey: string; completedOn: string; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const contract = await trx.selectFrom('contracts').select(['id', 'entityId', 'customerId', 'status']).where('id', '=', contractId).executeTakeFirst();
    if (!contract) throw AppError.notFound('contract', contractId);
    assertInScope(scope, [contract.entityId], 'contracts');
    const line = await trx
      .selectFrom('contractLines')
      .select(['charge', 'kind'])
      .where('contractId', '=', contractId)
      .where('lineKey', '=', input.lineKey)
      .orderBy('startDate', 'desc')
      .executeTakeFirst();
    if (!line || line.kind !== 'milestone') throw AppError.invalid('/lineKey', `the contract has no milestone line ${input.lineKey}`);
    const milestones = ((line.charge.params as { milestones?: { key: string }[] } | undefined)?.milestones ?? []).map((m) => m.key);
    if (!milestones.includes(input.milestoneKey)) {
      throw AppError.invalid('/milestoneKey', `line ${input.lineKey} has no milestone ${input.milestoneKey} (it has ${milestones.join(', ')})`);
    }
    const existing = await trx
      .selectFrom('contractMilestones')
      .select('completedOn')
      .where('contractId', '=', contractId)
      .where('lineKey', '=', input.lineKey)
      .where('milestoneKey', '=', input.milestoneKey)
      .executeTakeFirst();
    if (existing) {
      if (existing.completedOn !== input.completedOn) {
        throw new AppError('conflict', `milestone ${input.milestoneKey} was already completed on ${existing.completedOn}`);
      }
      return { contractId, ...input, created: false };
    }
    await trx
      .insertInto('contractMilestones')
      .values({ contractId, customerId: contract.customerId, lineKey: input.lineKey, milestoneKey: input.milestoneKey, completedOn: input.completedOn, actor: ctx.actor })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'contract.milestone_completed',
      objectType: 'contract',
      objectId: contractId,
      entityId: contract.entityId,
      diff: { lineKey: input.lineKey, milestoneKey: input.milestoneKey, completedOn: input.completedOn },
    });
    return { contractId, ...input, created: true };
  });
}
