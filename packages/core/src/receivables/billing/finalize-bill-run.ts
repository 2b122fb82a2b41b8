import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { finalizeInvoices } from '../invoices/finalize-invoices.ts';

const PAGE = 200;

/** Finalizes every draft of a bill run, 200 per transaction; returns how many. */
export async function finalizeBillRun(
  db: Db,
  ctx: ActorContext,
  billRunId: string,
  scope: EntityScope,
  onProgress?: (finalized: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db.selectFrom('invoices').select('id').where('billRunId', '=', billRunId).where('status', '=', 'draft').where('kind', '=', 'invoice').orderBy('id').limit(PAGE).execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    const finalized = await finalizeInvoices(db, ctx, ids, scope);
    if (finalized === 0) return total;
    total += finalized;
    onProgress?.(total);
  }
}
