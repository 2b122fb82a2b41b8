import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { toCurrency, type CurrencyRow } from './currency-schemas.ts';

/**
 * Enables or disables a currency for use on entities, customers and FX rates. Currencies
 * are preloaded from ISO 4217 and never created or deleted, so this is their only change.
 * Records that already use a disabled currency keep it; only new uses are refused. An
 * unchanged value writes nothing (no audit row).
 */
export async function setCurrencyActive(db: Db, ctx: ActorContext, code: string, active: boolean): Promise<CurrencyRow> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('currencies').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!existing) throw AppError.notFound('currency', code);
    if (existing.active === active) return existing;
    const row = await trx
      .updateTable('currencies')
      .set({ active, updatedAt: new Date() })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: active ? 'currency.activated' : 'currency.deactivated',
      objectType: 'currency',
      objectId: code,
      before: toCurrency(existing),
      after: toCurrency(row),
    });
    return row;
  });
}
