import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { SubmitOptions } from '../../controls/pipeline/submit-documents.ts';
import { finalizeInvoices } from '../invoices/finalize-invoices.ts';

const PAGE = 500;

/**
 * Submits every draft of a bill run that has not been through the controls yet, 500 per
 * transaction, in id order; those the controls let through straight away are issued, the
 * others wait on hold or for approval. Returns how many were issued. Resumable: a draft
 * already decided is not submitted again (re-validation is a user's act).
 */
export async function finalizeBillRun(
  db: Db,
  ctx: ActorContext,
  billRunId: string,
  scope: EntityScope,
  onProgress?: (finalized: number) => void,
  options: SubmitOptions = {},
): Promise<number> {
  let total = 0;
  let after = '';
  for (;;) {
    const ids = (
      await db
        .selectFrom('invoices')
        .select('id')
        .where('billRunId', '=', billRunId)
        .where('status', '=', 'draft')
        .where('kind', '=', 'invoice')
        .where('lifecycle', '=', 'draft')
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    after = ids[ids.length - 1]!;
    total += await finalizeInvoices(db, ctx, ids, scope, options);
    onProgress?.(total);
  }
}
