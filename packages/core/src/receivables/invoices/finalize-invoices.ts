import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { enqueueJobs } from '../../jobs/enqueue-job.ts';
import { submitDocuments, type SubmitOptions } from '../../controls/pipeline/submit-documents.ts';
import type { ActorContext } from '../../shared/context.ts';
import { SEND_INVOICE_JOB } from '../distribution/distribution-ports.ts';
import { applyCreditBalance } from '../payments/apply-credit-balance.ts';
import { addDays, localDateOf } from '../schedule/local-dates.ts';
import { emitInvoiceEvents } from '../../integration/webhooks/emit-invoice-events.ts';
import { seriesFor } from './finalize-invoice.ts';

/** A draft about to be finalized: what numbering and due dates need. */
export interface FinalizingDraft {
  id: string;
  entityId: string;
  customerId: string;
  currency: string;
  paymentTermsDays: number;
  /** The entity's time zone: the issue date is "today" there. */
  timeZone: string;
  version: number;
}

/** The legal identity a finalized invoice gets. */
export interface InvoiceNumbering {
  id: string;
  number: string;
  series: string;
  issueDate: string;
  dueDate: string;
  version: number;
}

/**
 * Allocates gapless numbers to drafts, in the order given, with one range per entity and
 * series taken under the series row's lock (held to commit, so numbers follow commit order).
 */
export async function allocateInvoiceNumbers(trx: Trx, drafts: readonly FinalizingDraft[], now: Date): Promise<InvoiceNumbering[]> {
  const numbering: InvoiceNumbering[] = [];
  // Entities in one order everywhere: two transactions numbering at once never wait on each other in a circle.
  for (const entityId of [...new Set(drafts.map((d) => d.entityId))].sort()) {
    const group = drafts.filter((d) => d.entityId === entityId);
    const series = await seriesFor(trx, entityId, 'invoice');
    const range = await sql<{ first: string; prefix: string; padding: number }>`
      UPDATE number_series SET next_number = next_number + ${group.length}
      WHERE entity_id = ${entityId} AND series = ${series}
      RETURNING (next_number - ${group.length})::text AS first, prefix, padding`.execute(trx);
    const { first, prefix, padding } = range.rows[0]!;
    group.forEach((d, i) => {
      const issueDate = localDateOf(now, d.timeZone);
      numbering.push({
        id: d.id,
        number: `${prefix}${(BigInt(first) + BigInt(i)).toString().padStart(padding, '0')}`,
        series,
        issueDate,
        dueDate: addDays(issueDate, d.paymentTermsDays),
        version: d.version + 1,
      });
    });
  }
  return numbering;
}

/**
 * What follows a finalization, for invoices already stored as finalized: credit balances
 * applied, the emails queued (once per invoice), `invoice.finalized` webhooks emitted (one
 * query when nobody subscribes), and an audit row each (unless the caller records the
 * finalization in its own audit rows).
 */
export async function completeFinalization(
  trx: Trx,
  ctx: ActorContext,
  drafts: readonly FinalizingDraft[],
  numbering: readonly InvoiceNumbering[],
  options: { audit?: boolean } = {},
): Promise<void> {
  // A finalizing run's chunk in which nothing went straight through issues nothing.
  if (drafts.length === 0) return;
  const byId = new Map(numbering.map((n) => [n.id, n]));
  // Only customers that hold credit need the per-invoice credit application.
  const withCredit = await trx
    .selectFrom('customerCreditBalances')
    .select(['customerId', 'currency'])
    .where('customerId', 'in', [...new Set(drafts.map((d) => d.customerId))])
    .where('balanceMinor', '>', 0n)
    .execute();
  for (const d of drafts) {
    if (withCredit.some((c) => c.customerId === d.customerId && c.currency === d.currency)) {
      await applyCreditBalance(trx, ctx, d.id, { on: byId.get(d.id)!.issueDate });
    }
  }
  await enqueueJobs(trx, numbering.map((u) => ({ type: SEND_INVOICE_JOB, payload: { invoiceId: u.id, purpose: 'issue' }, dedupeKey: `${SEND_INVOICE_JOB}:${u.id}:issue` })));
  await emitInvoiceEvents(trx, 'invoice.finalized', numbering.map((n) => n.id));
  if (options.audit === false) return;
  const entityOf = new Map(drafts.map((d) => [d.id, d.entityId]));
  await recordAudit(
    trx,
    ctx,
    numbering.map((u) => ({
      action: 'invoice.finalized',
      objectType: 'invoice',
      objectId: u.id,
      entityId: entityOf.get(u.id)!,
      diff: { before: { status: 'draft', number: null }, after: { status: 'finalized', number: u.number, issueDate: u.issueDate, dueDate: u.dueDate } },
    })),
  );
}

/**
 * Issues many draft invoices at once inside the caller's transaction (the controls
 * approving a bill run's drafts): the same result as {@link issueDocument} one by one —
 * gapless numbers in id order, issue and due dates, credit balances applied, emails
 * queued, an audit row each — with a number range allocated per entity and series under
 * one row lock. Drafts that are no longer drafts are skipped. Returns how many were issued.
 */
export async function issueInvoices(trx: Trx, ctx: ActorContext, invoiceIds: readonly string[], now: Date): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const drafts = await trx
    .selectFrom('invoices')
    .innerJoin('legalEntities', 'legalEntities.id', 'invoices.entityId')
    .select(['invoices.id', 'invoices.entityId', 'invoices.customerId', 'invoices.currency', 'invoices.paymentTermsDays', 'invoices.version', 'legalEntities.timeZone'])
    .where('invoices.id', '=', sql<string>`ANY(${[...invoiceIds]}::text[])`)
    .where('invoices.status', '=', 'draft')
    .where('invoices.kind', '=', 'invoice')
    .orderBy('invoices.id')
    // The invoices only: the entity row is read for its time zone, and locking it would make
    // every transaction that writes a row referencing it (a posting's journal) wait, or deadlock.
    .forUpdate('invoices')
    .execute();
  if (drafts.length === 0) return 0;
  const updates = await allocateInvoiceNumbers(trx, drafts, now);
  for (let i = 0; i < updates.length; i += 500) {
    const values = sql.join(updates.slice(i, i + 500).map((u) => sql`(${u.id}::text, ${u.number}::text, ${u.series}::text, ${u.issueDate}::date, ${u.dueDate}::date, ${u.version}::int)`));
    await sql`
      UPDATE invoices SET status = 'finalized', number = v.number, series = v.series, issue_date = v.issue_date,
        due_date = v.due_date, version = v.version, finalized_at = ${now}, updated_at = ${now}
      FROM (VALUES ${values}) AS v(id, number, series, issue_date, due_date, version)
      WHERE invoices.id = v.id`.execute(trx);
  }
  await completeFinalization(trx, ctx, drafts, updates);
  return updates.length;
}

/**
 * Finalizes many draft invoices (a bill run's drafts): submits them to the controls in
 * one pass; those the controls let through straight away are issued (see
 * {@link issueInvoices}), the others stay on hold or pending approval. Drafts that are no
 * longer drafts are skipped. Returns how many were issued.
 */
export async function finalizeInvoices(db: Db, ctx: ActorContext, invoiceIds: string[], scope: EntityScope, options: SubmitOptions | Date = {}): Promise<number> {
  const submit = options instanceof Date ? { now: options } : options;
  if (invoiceIds.length === 0) return 0;
  const drafts = await db
    .selectFrom('invoices')
    .select(['id', 'entityId'])
    .where('id', 'in', invoiceIds)
    .where('status', '=', 'draft')
    .where('kind', '=', 'invoice')
    .where('lifecycle', 'in', ['draft', 'validated', 'on_hold'])
    .orderBy('id')
    .execute();
  if (drafts.length === 0) return 0;
  assertInScope(scope, [...new Set(drafts.map((d) => d.entityId))], 'invoices');
  const results = await submitDocuments(db, ctx, drafts.map((d) => d.id), submit);
  return results.filter((r) => r.lifecycle === 'approved').length;
}
