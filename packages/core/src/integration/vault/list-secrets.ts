import type { Db } from '../../db/transaction.ts';
import type { SecretSummary } from './vault-schemas.ts';

/** Every secret's name, field names and times, by name — never a value (nothing is decrypted). */
export async function listSecrets(db: Db): Promise<SecretSummary[]> {
  const rows = await db.selectFrom('vaultSecrets').select(['name', 'fields', 'createdAt', 'updatedAt']).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, fields: r.fields, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}
