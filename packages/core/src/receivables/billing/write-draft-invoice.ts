import type { Insertable } from 'kysely';
import { recordAudit, type AuditEntry } from '../../audit/record-audit.ts';
import type { InvoiceGlEntriesTable, InvoiceLinesTable, InvoicesTable, PartySnapshot, RevenueSchedulesTable } from '../../db/schema.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { TaxEngine } from '../tax/tax-engine.ts';
import { distributeInvoice } from './gl-distribution.ts';
import type { CustomerBillingInputs } from './load-billing-inputs.ts';
import type { DraftInvoicePlan } from './plan-customer-lines.ts';
import { ratableSchedule } from './revenue-schedule.ts';

/** Products' tax categories and revenue accounts, looked up once per run. */
export type ProductCatalog = Map<string, { taxCategory: string; revenueAccountCode: string }>;

/** The seller as printed: the entity's legal name, address and its registration in its own country. */
export function sellerSnapshot(entity: CustomerBillingInputs['entity']): PartySnapshot {
  const registration = entity.taxRegistrations.find((r) => r.country === entity.country) ?? entity.taxRegistrations[0];
  return { name: entity.legalName, address: entity.address, taxId: registration?.number ?? null, taxIdType: registration?.type ?? null };
}

export function buyerSnapshot(customer: CustomerBillingInputs['customer']): PartySnapshot {
  return { name: customer.name, address: customer.billingAddress, taxId: customer.taxId, taxIdType: customer.taxIdType, contacts: customer.contacts };
}

/** A priced draft invoice as rows, ready to be written (alone or with others in bulk). */
export interface PreparedDraft {
  invoice: Insertable<InvoicesTable>;
  lines: Insertable<InvoiceLinesTable>[];
  gl: Insertable<InvoiceGlEntriesTable>[];
  schedules: Insertable<RevenueSchedulesTable>[];
  milestones: DraftInvoicePlan['milestones'];
  audit: AuditEntry;
}

/**
 * Prices tax on a planned invoice (through the tax port) and turns it into rows: the
 * invoice, its lines with their tax decisions, GL entries and revenue schedules, and the
 * audit entry. Nothing is written; a tax failure throws for this customer only.
 */
export async function prepareDraftInvoice(args: {
  inputs: CustomerBillingInputs;
  plan: DraftInvoicePlan;
  period: string;
  billRunId: string;
  taxEngine: TaxEngine;
  products: ProductCatalog;
  /** The tax point: the day the run drafts the invoice, in the entity's time zone. */
  documentDate: string;
  /** The run's clock: when the draft is created. */
  now: Date;
}): Promise<PreparedDraft> {
  const { inputs, plan, period, billRunId, taxEngine, products, documentDate, now } = args;
  const { customer, entity } = inputs;
  const roundingMode = entity.roundingMode as RoundingMode;
  const lines = plan.lines.map((line, index) => ({ ...line, id: newId(ID_PREFIX.invoiceLine), lineNo: index + 1, product: products.get(line.productId)! }));
  const tax = await taxEngine.calculate({
    documentDate,
    currency: plan.currency,
    roundingMode,
    seller: { entityId: entity.id, country: entity.country, region: entity.address.region ?? null, registrations: entity.taxRegistrations },
    buyer: {
      country: customer.billingAddress.country,
      region: customer.billingAddress.region ?? null,
      postalCode: customer.billingAddress.postalCode ?? null,
      taxId: customer.taxId,
      taxIdValid: customer.taxId !== null,
      isBusiness: true,
      taxExempt: customer.taxExempt,
      exemptionCertificateRef: customer.exemptionCertificateRef,
    },
    lines: lines.map((l) => ({ lineId: l.id, amount: l.amountMinor, productTaxCategory: l.product.taxCategory })),
  });
  const decision = new Map(tax.lines.map((d) => [d.lineId, d]));
  const subtotal = lines.reduce((s, l) => s + l.amountMinor, 0n);
  const taxTotal = tax.lines.reduce((s, d) => s + d.taxAmount, 0n);
  const invoiceId = newId(ID_PREFIX.invoice);
  const gl = distributeInvoice(
    'invoice',
    lines.map((l) => ({ id: l.id, amountMinor: l.amountMinor, taxMinor: decision.get(l.id)!.taxAmount, revenueAccountCode: l.product.revenueAccountCode, deferred: l.deferred, dimensions: {} })),
  );
  return {
    invoice: {
      id: invoiceId,
      kind: 'invoice',
      entityId: entity.id,
      customerId: customer.id,
      contractId: plan.contractIds.length === 1 ? plan.contractIds[0]! : null,
      billRunId,
      billingPeriod: period,
      currency: plan.currency,
      status: 'draft',
      poNumber: plan.poNumber,
      subtotalMinor: subtotal,
      taxMinor: taxTotal,
      totalMinor: subtotal + taxTotal,
      seller: JSON.stringify(sellerSnapshot(entity)),
      buyer: JSON.stringify(buyerSnapshot(customer)),
      taxNotes: JSON.stringify([...new Set(tax.notes)]),
      paymentTermsDays: customer.paymentTermsDays,
      createdAt: now,
      updatedAt: now,
    },
    lines: lines.map((l) => {
      const d = decision.get(l.id)!;
      return {
        id: l.id,
        invoiceId,
        customerId: customer.id,
        lineNo: l.lineNo,
        kind: l.kind,
        description: l.description,
        productId: l.productId,
        contractLineId: l.contractLineId,
        serviceStart: l.serviceStart,
        serviceEnd: l.serviceEnd,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        amountMinor: l.amountMinor,
        taxCode: d.taxCode,
        vatCategory: d.vatCategory,
        taxRate: d.rate,
        taxMinor: d.taxAmount,
        taxRule: d.rule,
        taxTableVersion: d.tableVersion,
        taxExemptionReason: d.exemptionReason ?? null,
        revenueAccountCode: l.product.revenueAccountCode,
        deferred: l.deferred,
      };
    }),
    gl: gl.map((e) => ({ id: newId(ID_PREFIX.glEntry), invoiceId, customerId: customer.id, invoiceLineId: e.invoiceLineId, accountCode: e.accountCode, debitMinor: e.debitMinor, creditMinor: e.creditMinor, dimensions: JSON.stringify(e.dimensions), memo: e.memo })),
    schedules: lines
      .filter((l) => l.deferred && l.serviceStart && l.serviceEnd && l.serviceEnd > l.serviceStart)
      .flatMap((l) => ratableSchedule(l.amountMinor, plan.currency, l.serviceStart!, l.serviceEnd!).map((s) => ({ invoiceLineId: l.id, customerId: customer.id, recognitionMonth: s.month, amountMinor: s.amountMinor, days: s.days }))),
    milestones: plan.milestones,
    audit: {
      action: 'invoice.drafted',
      objectType: 'invoice',
      objectId: invoiceId,
      entityId: entity.id,
      diff: { billRunId, billingPeriod: period, currency: plan.currency, lines: lines.length, subtotalMinor: subtotal.toString(), taxMinor: taxTotal.toString(), taxEngine: `${tax.engine.name}@${tax.engine.version}` },
    },
  };
}

/**
 * Writes prepared drafts in one transaction with multi-row inserts, marks the milestones
 * they bill, and appends their audit rows. A unique-index violation (another run billed
 * one of these customers for the period first) rolls the whole batch back and is rethrown.
 */
export async function insertDraftInvoices(db: Db, ctx: ActorContext, drafts: PreparedDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await inTransaction(db, async (trx) => {
    await insertRows(trx, 'invoices', drafts.map((d) => d.invoice), ['seller', 'buyer', 'taxNotes']);
    await insertRows(trx, 'invoiceLines', drafts.flatMap((d) => d.lines));
    await insertRows(trx, 'invoiceGlEntries', drafts.flatMap((d) => d.gl), ['dimensions']);
    await insertRows(trx, 'revenueSchedules', drafts.flatMap((d) => d.schedules));
    for (const draft of drafts) {
      for (const m of draft.milestones) {
        await trx.updateTable('contractMilestones').set({ invoiceId: draft.invoice.id }).where('contractId', '=', m.contractId).where('lineKey', '=', m.lineKey).where('milestoneKey', '=', m.milestoneKey).execute();
      }
    }
    await recordAudit(trx, ctx, drafts.map((d) => d.audit));
  });
}
