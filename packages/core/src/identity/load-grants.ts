import type { Grant } from '../access/principal.ts';
import { isRole } from '../access/roles.ts';
import type { Db } from '../db/transaction.ts';

/** The grants a user holds (unknown role names in the table are ignored, never widened). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom('roleGrants').select(['role', 'entityId']).where('userId', '=', userId).execute();
  return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role as Grant['role'], entityId: r.entityId }));
}
