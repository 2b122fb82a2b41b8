import type { Db } from '../../db/transaction.ts';
import type { CurrencyRow } from './currency-schemas.ts';

export interface ListCurrenciesInput {
  /** Only active (or only inactive) currencies; all when omitted. */
  active?: boolean | undefined;
}

/**
 * The ISO 4217 currencies in code order. About 180 rows, so one response without paging.
 */
export async function listCurrencies(db: Db, input: ListCurrenciesInput = {}): Promise<CurrencyRow[]> {
  let query = db.selectFrom('currencies').selectAll();
  if (input.active !== undefined) query = query.where('active', '=', input.active);
  return query.orderBy('code').execute();
}
