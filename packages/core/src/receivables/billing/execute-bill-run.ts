import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { TaxEngine } from '../tax/tax-engine.ts';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';
import { aggregateUsage, flagUsageOutsideContracts } from './aggregate-usage.ts';
import { getBillRun, type BillRun } from './bill-runs.ts';
import { billingMonth } from './billing-month.ts';
import { loadBillingInputs } from './load-billing-inputs.ts';
import { planCustomerLines, type MetricInfo } from './plan-customer-lines.ts';
import { insertDraftInvoices, prepareDraftInvoice, writeDraftInvoice, type PreparedDraft, type ProductCatalog } from './write-draft-invoice.ts';

const CHUNK = 200;

export interface ExecuteBillRunOptions {
  taxEngine: TaxEngine;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Executes a bill run: for every customer with a contract (in the run's entity or
 * customer, if limited), drafts at most one invoice per currency for the period.
 * Resumable: customers are billed one transaction each, and a customer that already has
 * an invoice for the period is skipped, so running it again after a crash, or twice at
 * once, bills nobody twice. A customer whose invoice cannot be drafted (for example tax
 * cannot be decided) is listed in the run's errors and the others go on.
 */
export async function executeBillRun(db: Db, ctx: ActorContext, billRunId: string, options: ExecuteBillRunOptions): Promise<BillRun> {
  const run = await getBillRun(db, billRunId);
  const month = billingMonth(run.period);
  let customersQuery = db
    .selectFrom('contracts')
    .select('customerId')
    .distinct()
    .where('startDate', '<', month.next)
    .orderBy('customerId');
  if (run.entityId) customersQuery = customersQuery.where('entityId', '=', run.entityId);
  if (run.customerId) customersQuery = customersQuery.where('customerId', '=', run.customerId);
  const customerIds = (await customersQuery.execute()).map((r) => r.customerId);
  await db.updateTable('billRuns').set({ customersTotal: customerIds.length, status: 'running' }).where('id', '=', billRunId).execute();

  const [metricRows, productRows] = await Promise.all([
    db.selectFrom('billableMetrics').select(['code', 'name', 'aggregation', 'property']).execute(),
    db.selectFrom('products').select(['id', 'taxCategory', 'revenueAccountCode']).execute(),
  ]);
  const metrics = new Map<string, MetricInfo>(metricRows.map((m) => [m.code, { name: m.name, aggregation: m.aggregation as Aggregation, property: m.property }]));
  const products: ProductCatalog = new Map(productRows.map((p) => [p.id, { taxCategory: p.taxCategory, revenueAccountCode: p.revenueAccountCode }]));
  // A resumed run reports the customers this execution could not bill, not stale ones.
  const errors: { customerId: string; message: string }[] = [];
  let created = 0;
  let done = 0;

  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const chunk = await loadBillingInputs(db, customerIds.slice(i, i + CHUNK), run.period, month.next);
    const firstPass = chunk.map((inputs) => planCustomerLines(inputs, month, metrics, new Map(), inputs.entity.roundingMode as RoundingMode, { windowsOnly: true }));
    const usage = await aggregateUsage(db, firstPass.flat().flatMap((p) => p.usageWindows));
    const drafts: { draft: PreparedDraft; args: Parameters<typeof writeDraftInvoice>[2] }[] = [];
    for (const inputs of chunk) {
      try {
        const plans = planCustomerLines(inputs, month, metrics, usage, inputs.entity.roundingMode as RoundingMode);
        for (const plan of plans) {
          if (plan.lines.length === 0) continue;
          const args = { inputs, plan, period: run.period, billRunId, taxEngine: options.taxEngine, products };
          drafts.push({ draft: await prepareDraftInvoice(args), args });
        }
      } catch (error) {
        errors.push({ customerId: inputs.customer.id, message: error instanceof Error ? error.message : String(error) });
      }
      done += 1;
      // Embedded PostgreSQL answers on the same thread: let HTTP requests in between customers.
      if (done % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    try {
      await insertDraftInvoices(db, ctx, drafts.map((d) => d.draft));
      created += drafts.length;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      // Another run billed some of these customers meanwhile: write one by one, skipping those.
      for (const { args } of drafts) if (await writeDraftInvoice(db, ctx, args)) created += 1;
    }
    await flagUsageOutsideContracts(db, chunk.map((c) => c.customer.id), month.next);
    await db.updateTable('billRuns').set({ customersDone: done, invoicesCreated: sql<number>`invoices_created + ${created}`, errors: JSON.stringify(errors) }).where('id', '=', billRunId).execute();
    created = 0;
    options.onProgress?.(done, customerIds.length);
  }
  await db.updateTable('billRuns').set({ status: 'completed', finishedAt: new Date() }).where('id', '=', billRunId).execute();
  return getBillRun(db, billRunId);
}
