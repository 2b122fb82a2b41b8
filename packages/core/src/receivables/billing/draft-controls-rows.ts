import type { ControlsDocumentRows } from '../../controls/pipeline/load-controls-inputs.ts';
import { compareContractLineRows, type ContractLineRow, type DocumentHeaderRow, type DocumentLineRow, type EntityRow } from '../../controls/pipeline/load-document-rows.ts';
import type { Charge } from '../rating/charge-schema.ts';
import type { CustomerBillingInputs } from './load-billing-inputs.ts';
import type { PreparedDraft } from './write-draft-invoice.ts';

/** A drafted invoice and the billing inputs of its customer. */
export interface DraftWithInputs {
  readonly draft: PreparedDraft;
  readonly inputs: CustomerBillingInputs;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * The rows the controls read for a document (see `loadDocumentHeaders`,
 * `loadDocumentLines`, `loadContractLines`), built from a bill run's drafts in memory
 * before they are written — the same values the database would give back, so the rules
 * decide alike (a test compares both). `metricUnits` maps a billable metric to its unit;
 * `runActor` is who started the run (the drafts' creator for segregation of duties).
 */
export function draftControlsRows(drafts: readonly DraftWithInputs[], metricUnits: ReadonlyMap<string, string>, runActor: string): ControlsDocumentRows {
  const headers: DocumentHeaderRow[] = [];
  const lines: DocumentLineRow[] = [];
  const entities = new Map<string, EntityRow>();
  const contractLines = new Map<string, ContractLineRow>();
  for (const { draft, inputs } of drafts) {
    const { invoice } = draft;
    const { customer, entity } = inputs;
    const contract = invoice.contractId ? inputs.contracts.find((c) => c.id === invoice.contractId) : undefined;
    headers.push({
      id: invoice.id,
      kind: 'invoice',
      entityId: invoice.entityId,
      customerId: invoice.customerId,
      contractId: invoice.contractId ?? null,
      creditedInvoiceId: null,
      currency: invoice.currency,
      status: 'draft',
      lifecycle: 'draft',
      number: null,
      issueDate: null,
      poNumber: invoice.poNumber ?? null,
      subtotalMinor: BigInt(invoice.subtotalMinor ?? 0n),
      taxMinor: BigInt(invoice.taxMinor ?? 0n),
      totalMinor: BigInt(invoice.totalMinor ?? 0n),
      finalizedAt: null,
      createdBy: invoice.createdBy ?? null,
      billRunActor: runActor,
      customerName: customer.name,
      customerCountry: customer.billingAddress.country,
      customerTaxId: customer.taxId,
      customerTaxIdType: customer.taxIdType,
      customerPoRequired: customer.poRequired,
      customerSegment: customer.segment,
      contractNumber: contract?.number ?? null,
      contractPoNumber: contract?.poNumber ?? null,
      creditableMinor: null,
      period: invoice.billingPeriod!,
    });
    entities.set(entity.id, {
      id: entity.id,
      country: entity.country,
      functionalCurrency: entity.functionalCurrency,
      timeZone: entity.timeZone,
      roundingMode: entity.roundingMode,
      taxRegistrations: entity.taxRegistrations,
      bankAccounts: entity.bankAccounts,
    });
    for (const line of draft.lines) {
      const version = line.contractLineId ? inputs.versions.find((v) => v.id === line.contractLineId) : undefined;
      const charge = version?.charge as { model?: string; params?: Record<string, unknown> } | undefined;
      const dimensions = typeof line.dimensions === 'string' ? (JSON.parse(line.dimensions) as Record<string, string>) : {};
      lines.push({
        invoiceId: invoice.id,
        lineNo: line.lineNo,
        kind: line.kind,
        description: line.description,
        productId: line.productId ?? null,
        contractLineId: line.contractLineId ?? null,
        quantity: String(line.quantity),
        unitPrice: text(line.unitPrice),
        amountMinor: BigInt(line.amountMinor),
        taxCode: line.taxCode,
        vatCategory: line.vatCategory,
        taxRate: String(line.taxRate),
        taxMinor: BigInt(line.taxMinor),
        taxDecided: line.taxRule !== '' && line.taxTableVersion !== '',
        revenueAccountCode: line.revenueAccountCode,
        department: dimensions.department ?? null,
        costCenter: dimensions.cost_center ?? null,
        metricCode: version?.metricCode ?? null,
        metricUnit: version?.metricCode ? (metricUnits.get(version.metricCode) ?? null) : null,
        includedQuantity: charge?.model === 'included_allowance' ? text(charge.params?.includedQuantity) : null,
        contractLineKey: version?.lineKey ?? null,
      });
    }
    if (contract) {
      for (const v of inputs.versions) {
        if (v.contractId === contract.id) contractLines.set(v.id, { id: v.id, contractId: v.contractId, lineKey: v.lineKey, startDate: v.startDate, productId: v.productId, charge: v.charge as unknown as Charge });
      }
    }
  }
  const sorted = [...contractLines.values()].sort(compareContractLineRows);
  return { headers, lines, entities, contractLines: sorted };
}
