import type { Selectable } from 'kysely';
import type { InvoiceLinesTable, InvoicesTable } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import type { Invoice, InvoiceLine } from './invoice-schemas.ts';

type InvoiceRow = Selectable<InvoicesTable>;
type LineRow = Selectable<InvoiceLinesTable>;

const text = (amount: bigint, currency: string): string => formatMoney({ amount, currency });

function toLine(row: LineRow, currency: string): InvoiceLine {
  return {
    id: row.id,
    lineNo: row.lineNo,
    kind: row.kind,
    description: row.description,
    productId: row.productId,
    contractLineId: row.contractLineId,
    creditedLineId: row.creditedLineId,
    servicePeriod: row.serviceStart && row.serviceEnd ? { start: row.serviceStart, end: row.serviceEnd } : null,
    quantity: trimDecimal(row.quantity),
    unitPrice: row.unitPrice === null ? null : trimDecimal(row.unitPrice),
    amount: text(row.amountMinor, currency),
    tax: {
      code: row.taxCode,
      category: row.vatCategory,
      rate: trimDecimal(row.taxRate),
      amount: text(row.taxMinor, currency),
      rule: row.taxRule,
      tableVersion: row.taxTableVersion,
      exemptionReason: row.taxExemptionReason,
    },
    revenueAccountCode: row.revenueAccountCode,
    deferred: row.deferred,
    dimensions: row.dimensions,
  };
}

/** Per (category, rate): taxable and tax amounts as sums of the rounded lines (EN 16931 BG-23). */
function taxSummary(lines: LineRow[], currency: string): Invoice['taxSummary'] {
  const groups = new Map<string, { category: string; rate: string; taxable: bigint; tax: bigint }>();
  for (const line of lines) {
    const rate = trimDecimal(line.taxRate);
    const key = `${line.vatCategory}|${rate}`;
    const group = groups.get(key) ?? { category: line.vatCategory, rate, taxable: 0n, tax: 0n };
    group.taxable += line.amountMinor;
    group.tax += line.taxMinor;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ category: g.category, rate: g.rate, taxableAmount: text(g.taxable, currency), taxAmount: text(g.tax, currency) }));
}

function paymentStatus(row: InvoiceRow): Invoice['paymentStatus'] {
  if (row.kind === 'credit_memo' || row.status === 'draft' || row.status === 'void') return 'not_applicable';
  const settled = row.paidMinor + row.creditedMinor;
  if (settled === 0n) return row.totalMinor === 0n ? 'paid' : 'unpaid';
  if (settled < row.totalMinor) return 'partially_paid';
  return settled === row.totalMinor ? 'paid' : 'overpaid';
}

/** An invoice or credit memo with its lines, as the API shows it. */
export function toInvoice(row: InvoiceRow, lines: LineRow[]): Invoice {
  const c = row.currency;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    lifecycle: row.lifecycle,
    number: row.number,
    entityId: row.entityId,
    customerId: row.customerId,
    contractId: row.contractId,
    billRunId: row.billRunId,
    creditedInvoiceId: row.creditedInvoiceId,
    billingPeriod: row.billingPeriod,
    currency: c,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    poNumber: row.poNumber,
    reasonCode: row.reasonCode,
    reason: row.reason,
    seller: row.seller,
    buyer: row.buyer,
    lines: lines.map((l) => toLine(l, c)),
    taxSummary: taxSummary(lines, c),
    taxNotes: row.taxNotes,
    subtotal: text(row.subtotalMinor, c),
    taxTotal: text(row.taxMinor, c),
    total: text(row.totalMinor, c),
    amountPaid: text(row.paidMinor, c),
    amountCredited: text(row.creditedMinor, c),
    amountDue: text(row.kind === 'invoice' ? row.totalMinor - row.paidMinor - row.creditedMinor : 0n, c),
    paymentStatus: paymentStatus(row),
    paymentTermsDays: row.paymentTermsDays,
    finalizedAt: row.finalizedAt?.toISOString() ?? null,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    erpDocumentId: row.erpDocumentId,
    postedAt: row.postedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findInvoice(db: Db, id: string): Promise<Invoice | undefined> {
  const row = await db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const lines = await db.selectFrom('invoiceLines').selectAll().where('invoiceId', '=', id).orderBy('lineNo').execute();
  return toInvoice(row, lines);
}

export async function getInvoice(db: Db, id: string): Promise<Invoice> {
  const invoice = await findInvoice(db, id);
  if (!invoice) throw AppError.notFound('invoice', id);
  return invoice;
}
