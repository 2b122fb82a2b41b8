import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { addMonths } from '../schedule/local-dates.ts';
import { getContract } from './contract-repository.ts';
import type { Contract } from './contract-schemas.ts';
import { upliftCharge } from './uplift-charge.ts';

/**
 * Renews a contract into its next term: same terms, starting the day the old one ends,
 * with the lines in force on its last day and every price raised by the renewal uplift.
 * The old contract becomes `renewed`. Idempotent: renewing again returns the same
 * successor, so a scheduler and a person can both trigger it safely.
 */
export async function renewContract(db: Db, ctx: ActorContext, contractId: string, scope: EntityScope): Promise<Contract> {
  return inTransaction(db, async (trx) => {
    const old = await trx.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
    if (!old) throw AppError.notFound('contract', contractId);
    assertInScope(scope, [old.entityId], 'contracts');
    const successor = await trx.selectFrom('contracts').select('id').where('renewedFromId', '=', contractId).executeTakeFirst();
    if (successor) return getContract(trx, successor.id);
    if (old.status !== 'active') throw new AppError('illegal_transition', `contract ${old.number} is ${old.status} and cannot be renewed`);
    const lastDayLines = await trx
      .selectFrom('contractLines')
      .selectAll()
      .where('contractId', '=', contractId)
      .where('endDate', '=', old.endDate)
      .where('startDate', '<', old.endDate)
      .where('kind', 'in', ['recurring', 'usage'])
      .orderBy('lineKey')
      .execute();
    if (lastDayLines.length === 0) throw new AppError('illegal_transition', `contract ${old.number} has no recurring or usage lines in force on its last day`);
    const id = newId(ID_PREFIX.contract);
    const startDate = old.endDate;
    const endDate = addMonths(startDate, old.termMonths);
    const generation = Number((await trx.selectFrom('contracts').select((eb) => eb.fn.countAll<string>().as('n')).where('customerId', '=', old.customerId).executeTakeFirstOrThrow()).n);
    await trx
      .insertInto('contracts')
      .values({
        ...old,
        id,
        number: `${old.number.replace(/-R\d+$/, '')}-R${generation}`,
        status: 'active',
        startDate,
        endDate,
        cancelledOn: null,
        cancellationReason: null,
        renewedFromId: old.id,
        version: 1,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .execute();
    await trx
      .insertInto('contractLines')
      .values(
        lastDayLines.map((line) => ({
          id: newId(ID_PREFIX.contractLine),
          contractId: id,
          customerId: line.customerId,
          lineKey: line.lineKey,
          productId: line.productId,
          kind: line.kind,
          metricCode: line.metricCode,
          charge: JSON.stringify(upliftCharge(line.charge, old.renewalUpliftPercent, old.currency)),
          quantity: line.quantity,
          startDate,
          endDate,
        })),
      )
      .execute();
    await trx.updateTable('contracts').set({ status: 'renewed', version: old.version + 1, updatedAt: new Date() }).where('id', '=', old.id).execute();
    const renewed = await getContract(trx, id);
    await recordAudit(trx, ctx, [
      { action: 'contract.renewed', objectType: 'contract', objectId: old.id, entityId: old.entityId, diff: { before: { status: 'active' }, after: { status: 'renewed', renewedToId: id } } },
      { action: 'contract.created', objectType: 'contract', objectId: id, entityId: old.entityId, after: renewed, reason: `renewal of ${old.number} with ${old.renewalUpliftPercent} % uplift` },
    ]);
    return renewed;
  });
}
