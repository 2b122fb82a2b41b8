import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { SYSTEM_CONTEXT, type ActorContext } from '../../shared/context.ts';
import { rewrapSecret } from './envelope.ts';
import type { MasterKey } from './master-key.ts';
import { sealedOf } from './vault-repository.ts';

/** What a rotation did: rows re-wrapped, and rows already under the new key. */
export interface VaultRotationResult {
  rotated: number;
  skipped: number;
}

/**
 * Re-encrypts every secret from `oldKey` to `newKey` in one transaction: only the wrapped
 * data keys change (the values stay encrypted under their data keys). Idempotent — rows
 * already under the new key are skipped, so a rotation that was interrupted, or is run
 * twice, finishes cleanly. A row under a third key stops the rotation with nothing
 * changed. One audit row records the key ids and counts.
 */
export async function rotateVaultKeys(db: Db, oldKey: MasterKey, newKey: MasterKey, ctx: ActorContext = SYSTEM_CONTEXT): Promise<VaultRotationResult> {
  if (oldKey.id === newKey.id) throw new AppError('conflict', `the new master key is the current one (${newKey.id}); generate another with \`invoiceops keys generate\``);
  return inTransaction(db, async (trx) => {
    const rows = await trx.selectFrom('vaultSecrets').selectAll().orderBy('name').forUpdate().execute();
    const foreign = rows.filter((r) => r.masterKeyId !== oldKey.id && r.masterKeyId !== newKey.id);
    if (foreign.length > 0) {
      throw new AppError('conflict', `${foreign.length} secret(s) (${foreign.slice(0, 3).map((r) => r.name).join(', ')}) are under master key ${foreign[0]!.masterKeyId}, neither the current key ${oldKey.id} nor the new one; nothing was changed`);
    }
    const due = rows.filter((r) => r.masterKeyId === oldKey.id);
    const now = new Date();
    for (const row of due) {
      const sealed = rewrapSecret(oldKey, newKey, row.name, sealedOf(row));
      await trx
        .updateTable('vaultSecrets')
        .set({ wrappedKey: sealed.wrappedKey, keyIv: sealed.keyIv, keyTag: sealed.keyTag, masterKeyId: sealed.masterKeyId, updatedAt: now })
        .where('name', '=', row.name)
        .execute();
    }
    const result = { rotated: due.length, skipped: rows.length - due.length };
    if (result.rotated > 0) {
      await recordAudit(trx, ctx, {
        action: 'vault.master_key_rotated',
        objectType: 'vault',
        objectId: 'master_key',
        diff: { before: { masterKeyId: oldKey.id }, after: { masterKeyId: newKey.id }, ...result },
      });
    }
    return result;
  });
}
