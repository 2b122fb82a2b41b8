import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { openSecret, sealSecret } from './envelope.ts';
import type { MasterKey } from './master-key.ts';
import { assertWrappedBy, findSecretRow, sealedOf } from './vault-repository.ts';
import { assertNotManaged, putSecretSchema, secretName, type SecretSummary } from './vault-schemas.ts';

/** Which fields a write added, changed and removed — names only, for the audit trail. */
export interface SecretFieldChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

function fieldChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): SecretFieldChanges {
  const names = (o: object) => Object.keys(o).sort();
  return {
    added: names(after).filter((f) => !(f in before)),
    changed: names(after).filter((f) => f in before && before[f] !== after[f]),
    removed: names(before).filter((f) => !(f in after)),
  };
}

export interface PutSecretOptions {
  /** Internal callers (webhook subscriptions) may write the names they manage. */
  managed?: boolean;
}

/**
 * Creates or replaces the secret `name` with `fields` (fields left out are removed),
 * encrypted under `masterKey` (see `envelope.ts`). The audit row names the fields added,
 * changed and removed — never a value. Returns the summary, without values.
 */
export async function putSecret(db: Db, ctx: ActorContext, masterKey: MasterKey, name: string, input: unknown, options: PutSecretOptions = {}): Promise<SecretSummary> {
  parseOrThrow(secretName, name, '/name');
  const { fields } = parseOrThrow(putSecretSchema, input);
  if (!options.managed) assertNotManaged(name);
  return inTransaction(db, async (trx) => {
    const existing = await findSecretRow(trx, name, { forUpdate: true });
    let before: Record<string, string> = {};
    if (existing) {
      assertWrappedBy(existing, masterKey);
      before = openSecret(masterKey, name, sealedOf(existing));
    }
    const sealed = sealSecret(masterKey, name, fields);
    const fieldNames = Object.keys(fields).sort();
    const now = new Date();
    const row = existing
      ? await trx
        .updateTable('vaultSecrets')
        .set({ ...sealed, fields: fieldNames, updatedAt: now, version: existing.version + 1 })
        .where('name', '=', name)
        .returning(['createdAt', 'updatedAt'])
        .executeTakeFirstOrThrow()
      : await trx
        .insertInto('vaultSecrets')
        .values({ name, ...sealed, fields: fieldNames, createdAt: now, updatedAt: now })
        .returning(['createdAt', 'updatedAt'])
        .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: existing ? 'vault_secret.updated' : 'vault_secret.created',
      objectType: 'vault_secret',
      objectId: name,
      diff: { fields: fieldChanges(before, fields) },
    });
    return { name, fields: fieldNames, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  });
}
