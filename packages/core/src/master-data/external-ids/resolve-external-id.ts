import type { Db } from '../../db/transaction.ts';
import type { ExternalObjectType } from './external-id-schemas.ts';

/**
 * The invoiceops id that `system` calls `externalId` for objects of `objectType`, or
 * undefined when nothing is mapped (the caller decides whether that means "create").
 */
export async function resolveExternalId(
  db: Db,
  system: string,
  objectType: ExternalObjectType,
  externalId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('externalIds')
    .select('objectId')
    .where('system', '=', system)
    .where('objectType', '=', objectType)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  return row?.objectId;
}
