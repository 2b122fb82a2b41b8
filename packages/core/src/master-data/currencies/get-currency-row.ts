import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { CurrencyRow } from './currency-schemas.ts';

/** The currency with this ISO 4217 code, or undefined. */
export async function findCurrencyRow(db: Db, code: string): Promise<CurrencyRow | undefined> {
  return db.selectFrom('currencies').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The currency with this ISO 4217 code; 404 when the table does not know it. */
export async function getCurrencyRow(db: Db, code: string): Promise<CurrencyRow> {
  const row = await findCurrencyRow(db, code);
  if (!row) throw AppError.notFound('currency', code);
  return row;
}
