import type { Selectable } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { VaultSecretsTable } from '../../db/webhook-tables.ts';
import { AppError } from '../../errors/app-error.ts';
import type { SealedSecret } from './envelope.ts';
import type { MasterKey } from './master-key.ts';

export type VaultSecretRow = Selectable<VaultSecretsTable>;

/** The stored secret named `name`, or undefined; `forUpdate` locks the row to the end of the transaction. */
export async function findSecretRow(db: Db, name: string, options: { forUpdate?: boolean } = {}): Promise<VaultSecretRow | undefined> {
  let query = db.selectFrom('vaultSecrets').selectAll().where('name', '=', name);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The envelope columns of a row. */
export function sealedOf(row: VaultSecretRow): SealedSecret {
  return {
    ciphertext: row.ciphertext,
    iv: row.iv,
    tag: row.tag,
    wrappedKey: row.wrappedKey,
    keyIv: row.keyIv,
    keyTag: row.keyTag,
    masterKeyId: row.masterKeyId,
  };
}

/**
 * Refuses to decrypt a row wrapped by another master key than this process holds — the
 * state between `invoiceops keys rotate` and switching the processes to the new key.
 */
export function assertWrappedBy(row: VaultSecretRow, key: MasterKey): void {
  if (row.masterKeyId === key.id) return;
  throw new AppError(
    'conflict',
    `secret ${row.name} is encrypted under master key ${row.masterKeyId}, but this process holds master key ${key.id} (${key.source}); ` +
      'after `invoiceops keys rotate`, point INVOICEOPS_MASTER_KEY or INVOICEOPS_MASTER_KEY_FILE at the new key and restart',
    { extensions: { reason: 'master_key_mismatch' } },
  );
}
