import { z } from 'zod';
import type { Selectable } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { BillRunsTable } from '../../db/schema.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { idOf } from '../../shared/schemas.ts';
import { billingMonth } from './billing-month.ts';

export const createBillRunSchema = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, such as 2026-10'),
  entityId: idOf('ent').optional().describe('Only this legal entity'),
  customerId: idOf('cus').optional().describe('Only this customer'),
  finalize: z.boolean().default(false).describe('Write the invoices finalized (legal numbers allocated) instead of as drafts to review'),
});

export const billRunSchema = z.object({
  id: z.string(),
  period: z.string(),
  entityId: z.string().nullable(),
  customerId: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  finalize: z.boolean().describe('Invoices are finalized as they are written'),
  customersTotal: z.number().int(),
  customersDone: z.number().int(),
  invoicesCreated: z.number().int(),
  errors: z.array(z.object({ customerId: z.string(), message: z.string() })),
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export type CreateBillRunInput = z.output<typeof createBillRunSchema>;
export type BillRun = z.output<typeof billRunSchema>;

/** The job that executes a bill run in a worker. */
export const BILL_RUN_JOB = 'bill_run.execute';

export function toBillRun(row: Selectable<BillRunsTable>): BillRun {
  return { ...row, startedAt: row.startedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null };
}

export async function getBillRun(db: Db, id: string): Promise<BillRun> {
  const row = await db.selectFrom('billRuns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('bill run', id);
  return toBillRun(row);
}

/**
 * Starts a bill run: records it and queues its execution in the same transaction (a
 * worker picks it up; progress is visible on the bill run). The CLI, which executes the
 * run itself, passes `enqueue: false`; `now` is the run's clock when it is not the wall
 * clock's (the demo's history). Scope: a caller limited to some entities must name one of them.
 */
export async function createBillRun(
  db: Db,
  ctx: ActorContext,
  input: CreateBillRunInput,
  scope: EntityScope,
  options: { enqueue?: boolean; now?: Date } = {},
): Promise<BillRun> {
  billingMonth(input.period);
  if (!scope.all && !input.entityId && !input.customerId) throw new AppError('forbidden', 'you may bill only your entities: name entityId');
  return inTransaction(db, async (trx) => {
    if (input.entityId) {
      const entity = await trx.selectFrom('legalEntities').select('id').where('id', '=', input.entityId).executeTakeFirst();
      if (!entity) throw AppError.invalid('/entityId', `legal entity ${input.entityId} does not exist`);
      assertInScope(scope, [input.entityId], 'bill runs');
    }
    if (input.customerId) {
      const customer = await trx.selectFrom('customers').select('entityId').where('id', '=', input.customerId).executeTakeFirst();
      if (!customer) throw AppError.invalid('/customerId', `customer ${input.customerId} does not exist`);
      assertInScope(scope, [customer.entityId], 'bill runs');
    }
    const id = newId(ID_PREFIX.billRun);
    const row = await trx
      .insertInto('billRuns')
      .values({ id, period: input.period, entityId: input.entityId ?? null, customerId: input.customerId ?? null, status: 'running', finalize: input.finalize, actor: ctx.actor, ...(options.now ? { startedAt: options.now } : {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (options.enqueue !== false) await enqueueJob(trx, { type: BILL_RUN_JOB, payload: { billRunId: id, finalize: input.finalize }, maxAttempts: 5 });
    await recordAudit(trx, ctx, { action: 'bill_run.started', objectType: 'bill_run', objectId: id, entityId: input.entityId ?? null, diff: { ...input } });
    return toBillRun(row);
  });
}
