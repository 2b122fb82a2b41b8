import type { Trx } from '../db/transaction.ts';
import { AppError, type FieldIssue } from '../errors/app-error.ts';
import { checkEntities } from '../master-data/reference-checks.ts';
import { parseMoney } from '../money/parse-format.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import type { CreateUserInput } from './user-schemas.ts';

/** Replaces a user's grants and approval limits after checking the entities exist. */
export async function replaceGrantsAndLimits(
  trx: Trx,
  userId: string,
  grants: CreateUserInput['grants'] | undefined,
  limits: CreateUserInput['approvalLimits'] | undefined,
): Promise<void> {
  if (grants) {
    const entityIds = [...new Set(grants.map((g) => g.entityId).filter((id): id is string => id !== null))];
    const issues: FieldIssue[] = (await checkEntities(trx, entityIds, '/grants')).map((i) => ({ ...i, path: '/grants' }));
    if (issues.length > 0) throw new AppError('validation_failed', issues[0]!.message, { issues });
    const unique = new Map(grants.map((g) => [`${g.role}|${g.entityId ?? '*'}`, g]));
    await trx.deleteFrom('roleGrants').where('userId', '=', userId).execute();
    if (unique.size > 0) {
      await trx
        .insertInto('roleGrants')
        .values([...unique.values()].map((g) => ({ id: newId(ID_PREFIX.roleGrant), userId, role: g.role, entityId: g.entityId })))
        .execute();
    }
  }
  if (limits) {
    const currencies = new Set<string>();
    const rows = limits.map((limit, index) => {
      if (currencies.has(limit.currency)) throw AppError.invalid(`/approvalLimits/${index}/currency`, `${limit.currency} appears twice`);
      currencies.add(limit.currency);
      let amountMinor: bigint;
      try {
        amountMinor = parseMoney(limit.amount, limit.currency).amount;
      } catch (error) {
        throw AppError.invalid(`/approvalLimits/${index}/amount`, (error as Error).message);
      }
      return { userId, currency: limit.currency, amountMinor };
    });
    await trx.deleteFrom('approvalLimits').where('userId', '=', userId).execute();
    if (rows.length > 0) await trx.insertInto('approvalLimits').values(rows).execute();
  }
}
