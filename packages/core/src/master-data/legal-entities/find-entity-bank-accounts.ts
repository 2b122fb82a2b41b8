import type { EntityBankAccount } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';

/**
 * The bank accounts of a legal entity as its master data holds them now, for printing
 * payment details on its invoices; empty when the entity has none or does not exist.
 */
export async function findEntityBankAccounts(db: Db, entityId: string): Promise<EntityBankAccount[]> {
  const row = await db.selectFrom('legalEntities').select('bankAccounts').where('id', '=', entityId).executeTakeFirst();
  return row?.bankAccounts ?? [];
}
