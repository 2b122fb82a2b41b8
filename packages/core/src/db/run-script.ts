import { sql, type Kysely } from 'kysely';
import { splitSqlStatements } from './split-sql.ts';

/** Runs a multi-statement SQL script one statement at a time (works on PGlite and pg). */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitSqlStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
