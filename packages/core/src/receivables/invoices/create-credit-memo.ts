import { z } from 'zod';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { divideAndRound, type RoundingMode } from '../../money/rounding.ts';
import { parseMoney, formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { idOf, text } from '../../shared/schemas.ts';
import { distributeInvoice } from '../billing/gl-distribution.ts';
import { getInvoice } from './invoice-repository.ts';
import type { Invoice } from './invoice-schemas.ts';
import { CREDIT_REASON_CODES } from './credit-reason-codes.ts';

export { CREDIT_REASON_CODES };

export const createCreditMemoSchema = z.strictObject({
  invoiceId: idOf('inv'),
  reasonCode: z.enum(CREDIT_REASON_CODES),
  reason: text(500).refine((v) => v.trim().length > 0, 'must say why'),
  lines: z
    .array(z.strictObject({
      invoiceLineId: idOf('inl'),
      amount: z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'must be a positive decimal amount written as a string').optional().describe('Net amount to credit; omit for all that remains creditable'),
    }))
    .min(1)
    .max(500)
    .optional()
    .describe('Omit to credit everything that remains creditable'),
});

export type CreateCreditMemoInput = z.output<typeof createCreditMemoSchema>;

/**
 * Drafts a credit memo against a finalized invoice, in full or for chosen lines and
 * amounts. Never more than what remains creditable per line (its net amount less earlier
 * credit memos that are not void). Tax follows the invoice line's decision: the remaining
 * tax when the rest of the line is credited, otherwise the line's tax in proportion,
 * rounded once. The memo gets its own number series at finalization, and its GL entries
 * reverse the invoice's.
 */
export async function createCreditMemo(db: Db, ctx: ActorContext, input: CreateCreditMemoInput, scope: EntityScope): Promise<Invoice> {
  return inTransaction(db, async (trx) => {
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', input.invoiceId).forUpdate().executeTakeFirst();
    if (!invoice || invoice.kind !== 'invoice') throw AppError.invalid('/invoiceId', `invoice ${input.invoiceId} does not exist`);
    assertInScope(scope, [invoice.entityId], 'credit memos');
    if (invoice.status === 'draft' || invoice.status === 'void') {
      throw new AppError('illegal_transition', `invoice ${input.invoiceId} is ${invoice.status}; only issued invoices are credited (edit or void a draft instead)`);
    }
    const entity = await trx.selectFrom('legalEntities').select('roundingMode').where('id', '=', invoice.entityId).executeTakeFirstOrThrow();
    const lines = await trx.selectFrom('invoiceLines').selectAll().where('invoiceId', '=', invoice.id).orderBy('lineNo').execute();
    const earlier = await trx
      .selectFrom('invoiceLines')
      .innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId')
      .select(['invoiceLines.creditedLineId', 'invoiceLines.amountMinor', 'invoiceLines.taxMinor'])
      .where('invoices.creditedInvoiceId', '=', invoice.id)
      .where('invoices.status', '<>', 'void')
      .execute();
    const credited = (lineId: string) =>
      earlier.filter((e) => e.creditedLineId === lineId).reduce((s, e) => ({ amount: s.amount + e.amountMinor, tax: s.tax + e.taxMinor }), { amount: 0n, tax: 0n });

    const requests = input.lines ?? lines.filter((l) => l.amountMinor > 0n && credited(l.id).amount < l.amountMinor).map((l) => ({ invoiceLineId: l.id, amount: undefined }));
    if (requests.length === 0) throw new AppError('conflict', `invoice ${invoice.number} has nothing left to credit`);
    const issues: FieldIssue[] = [];
    const memoLines = requests.flatMap((request, index) => {
      const path = input.lines ? `/lines/${index}` : '/';
      const line = lines.find((l) => l.id === request.invoiceLineId);
      if (!line) return (issues.push({ path: `${path}/invoiceLineId`, message: `line ${request.invoiceLineId} is not on invoice ${invoice.number}`, code: 'reference' }), []);
      const done = credited(line.id);
      const remaining = line.amountMinor - done.amount;
      if (line.amountMinor <= 0n || remaining <= 0n) return (issues.push({ path: `${path}/invoiceLineId`, message: `line ${line.lineNo} has nothing left to credit`, code: 'nothing_creditable' }), []);
      let amount = remaining;
      if (request.amount !== undefined) {
        try {
          amount = parseMoney(request.amount, invoice.currency).amount;
        } catch (error) {
          return (issues.push({ path: `${path}/amount`, message: (error as Error).message, code: 'amount' }), []);
        }
        if (amount <= 0n) return (issues.push({ path: `${path}/amount`, message: 'must be more than zero', code: 'amount' }), []);
        if (amount > remaining) {
          return (issues.push({ path: `${path}/amount`, message: `at most ${formatMoney({ amount: remaining, currency: invoice.currency })} of line ${line.lineNo} can still be credited`, code: 'over_credit' }), []);
        }
      }
      const tax = amount === remaining ? line.taxMinor - done.tax : divideAndRound(line.taxMinor * amount, line.amountMinor, entity.roundingMode as RoundingMode);
      return [{ line, amount, tax }];
    });
    if (issues.length > 0) throw new AppError('validation_failed', `invalid credit memo: ${issues[0]!.path} ${issues[0]!.message}`, { issues });

    const memoId = newId(ID_PREFIX.creditMemo);
    const subtotal = memoLines.reduce((s, l) => s + l.amount, 0n);
    const taxTotal = memoLines.reduce((s, l) => s + l.tax, 0n);
    await trx
      .insertInto('invoices')
      .values({
        id: memoId,
        kind: 'credit_memo',
        entityId: invoice.entityId,
        customerId: invoice.customerId,
        contractId: invoice.contractId,
        creditedInvoiceId: invoice.id,
        currency: invoice.currency,
        status: 'draft',
        poNumber: invoice.poNumber,
        reasonCode: input.reasonCode,
        reason: input.reason,
        subtotalMinor: subtotal,
        taxMinor: taxTotal,
        totalMinor: subtotal + taxTotal,
        seller: JSON.stringify(invoice.seller),
        buyer: JSON.stringify(invoice.buyer),
        taxNotes: JSON.stringify(invoice.taxNotes),
        paymentTermsDays: 0,
        createdBy: ctx.actor,
      })
      .execute();
    const rows = memoLines.map(({ line, amount, tax }, index) => ({
      id: newId(ID_PREFIX.invoiceLine),
      invoiceId: memoId,
      customerId: invoice.customerId,
      lineNo: index + 1,
      kind: 'credit',
      description: `Credit: ${line.description}`,
      productId: line.productId,
      contractLineId: line.contractLineId,
      creditedLineId: line.id,
      serviceStart: line.serviceStart,
      serviceEnd: line.serviceEnd,
      quantity: amount === line.amountMinor ? line.quantity : '1',
      unitPrice: null,
      amountMinor: amount,
      taxCode: line.taxCode,
      vatCategory: line.vatCategory,
      taxRate: line.taxRate,
      taxMinor: tax,
      taxRule: line.taxRule,
      taxTableVersion: line.taxTableVersion,
      taxExemptionReason: line.taxExemptionReason,
      revenueAccountCode: line.revenueAccountCode,
      deferred: line.deferred,
      dimensions: JSON.stringify(line.dimensions),
    }));
    await trx.insertInto('invoiceLines').values(rows).execute();
    const gl = distributeInvoice('credit_memo', rows.map((r) => ({ id: r.id, amountMinor: r.amountMinor, taxMinor: r.taxMinor, revenueAccountCode: r.revenueAccountCode, deferred: r.deferred, dimensions: JSON.parse(r.dimensions) as Record<string, string> })));
    await trx
      .insertInto('invoiceGlEntries')
      .values(gl.map((e) => ({ id: newId(ID_PREFIX.glEntry), invoiceId: memoId, customerId: invoice.customerId, invoiceLineId: e.invoiceLineId, accountCode: e.accountCode, debitMinor: e.debitMinor, creditMinor: e.creditMinor, dimensions: JSON.stringify(e.dimensions), memo: e.memo })))
      .execute();
    const memo = await getInvoice(trx, memoId);
    await recordAudit(trx, ctx, { action: 'credit_memo.drafted', objectType: 'credit_memo', objectId: memoId, entityId: invoice.entityId, after: memo, reason: `${input.reasonCode}: ${input.reason}` });
    return memo;
  });
}
