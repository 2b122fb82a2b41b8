import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { assertNotManaged } from './vault-schemas.ts';

/**
 * Deletes the secret `name` (audited with the field names it held). Throws `not_found`
 * when there is none; names a webhook subscription manages are refused unless `managed`.
 */
export async function deleteSecret(db: Db, ctx: ActorContext, name: string, options: { managed?: boolean } = {}): Promise<void> {
  if (!options.managed) assertNotManaged(name);
  await inTransaction(db, async (trx) => {
    const deleted = await trx.deleteFrom('vaultSecrets').where('name', '=', name).returning('fields').executeTakeFirst();
    if (!deleted) throw AppError.notFound('secret', name);
    await recordAudit(trx, ctx, {
      action: 'vault_secret.deleted',
      objectType: 'vault_secret',
      objectId: name,
      diff: { fields: { added: [], changed: [], removed: deleted.fields } },
    });
  });
}
