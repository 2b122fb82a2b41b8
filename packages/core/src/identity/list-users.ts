import { sql } from 'kysely';
import type { Db } from '../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../master-data/pagination.ts';
import { getUser } from './user-repository.ts';
import type { User } from './user-schemas.ts';

export interface ListUsersInput {
  limit: number;
  cursor?: string | undefined;
  role?: string | undefined;
  q?: string | undefined;
}

/** Users in creation order, optionally those holding a role or matching a name/email. */
export async function listUsers(db: Db, input: ListUsersInput): Promise<Page<User>> {
  let qb = db.selectFrom('users').select('id').orderBy('id').limit(input.limit + 1);
  if (input.cursor) qb = qb.where('id', '>', decodeCursor(input.cursor));
  if (input.role) {
    const role = input.role;
    qb = qb.where((eb) => eb.exists(eb.selectFrom('roleGrants').select(sql.lit(1).as('one')).whereRef('roleGrants.userId', '=', 'users.id').where('roleGrants.role', '=', role)));
  }
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb = qb.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  const ids = await qb.execute();
  const { page, nextCursor } = splitPage(ids, input.limit);
  const data = await Promise.all(page.map((r) => getUser(db, r.id)));
  return { data, nextCursor };
}
