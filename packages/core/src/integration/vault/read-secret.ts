import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { openSecret } from './envelope.ts';
import type { MasterKey } from './master-key.ts';
import { assertWrappedBy, findSecretRow, sealedOf } from './vault-repository.ts';

export interface ReadSecretInput {
  name: string;
  /** Why the value is needed, written into the audit row: `post invoice inv_… to netsuite-prod`, `deliver webhook msg_…`. */
  purpose: string;
}

/**
 * Decrypts the secret `name` for internal use (connectors, webhook signing); there is no
 * API that returns values. Every read writes an audit row naming the actor and the
 * purpose, in the same transaction as the read. Throws `not_found` for an unknown name
 * and `conflict` (`master_key_mismatch`) when the row is wrapped by another master key.
 */
export async function readSecret(db: Db, ctx: ActorContext, masterKey: MasterKey, input: ReadSecretInput): Promise<Record<string, string>> {
  const purpose = input.purpose.trim().slice(0, 500);
  if (purpose === '') throw AppError.invalid('/purpose', 'say why the secret is read; it is written into the audit trail');
  return inTransaction(db, async (trx) => {
    const row = await findSecretRow(trx, input.name);
    if (!row) throw AppError.notFound('secret', input.name);
    assertWrappedBy(row, masterKey);
    const fields = openSecret(masterKey, input.name, sealedOf(row));
    await recordAudit(trx, ctx, {
      action: 'vault_secret.read',
      objectType: 'vault_secret',
      objectId: input.name,
      diff: { fields: row.fields, purpose },
      reason: purpose,
    });
    return fields;
  });
}
