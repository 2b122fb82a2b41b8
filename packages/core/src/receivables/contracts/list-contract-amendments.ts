import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ContractAmendment } from './contract-schedule-schemas.ts';

/**
 * A contract's amendments in the order they were made, each with who made it (named, so
 * a reader without `users:read` still sees who changed the contract they may read). The
 * line versions an amendment created carry its id (`amendmentId`).
 */
export async function listContractAmendments(db: Db, contractId: string, scope: EntityScope): Promise<ContractAmendment[]> {
  const contract = await db.selectFrom('contracts').select('entityId').where('id', '=', contractId).executeTakeFirst();
  if (!contract) throw AppError.notFound('contract', contractId);
  assertInScope(scope, [contract.entityId], 'contracts');
  const rows = await db.selectFrom('contractAmendments').selectAll().where('contractId', '=', contractId).orderBy('createdAt').orderBy('id').execute();
  const names = await actorNames(db, rows.map((r) => r.actor));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    effectiveDate: r.effectiveDate,
    reason: r.reason,
    changes: r.changes,
    actor: r.actor,
    actorName: names.get(r.actor) ?? r.actor,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** `user:<id>` → the user's name; `apikey:<id>` → "<user> (API key <name>)"; others as they are. */
async function actorNames(db: Db, actors: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const userIds = [...new Set(actors.filter((a) => a.startsWith('user:')).map((a) => a.slice(5)))];
  const keyIds = [...new Set(actors.filter((a) => a.startsWith('apikey:')).map((a) => a.slice(7)))];
  if (userIds.length > 0) {
    for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()) names.set(`user:${u.id}`, u.name);
  }
  if (keyIds.length > 0) {
    const keys = await db
      .selectFrom('apiKeys')
      .innerJoin('users', 'users.id', 'apiKeys.userId')
      .select(['apiKeys.id', 'apiKeys.name as keyName', 'users.name as userName'])
      .where('apiKeys.id', 'in', keyIds)
      .execute();
    for (const k of keys) names.set(`apikey:${k.id}`, `${k.userName} (API key ${k.keyName})`);
  }
  return names;
}
