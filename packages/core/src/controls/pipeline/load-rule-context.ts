import type { Decimal } from 'decimal.js';
import type { Db } from '../../db/transaction.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';
import type { Charge } from '../../receivables/rating/charge-schema.ts';
import { isEuCountry } from '../../reference-data/countries.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import type { RuleContextInput, RuleContractInput, RuleHistoryInput, RuleLineInput, RuleTaxLineInput, RuleUsageInput } from '../rules/build-rule-context.ts';
import type { RuleEntity } from '../rules/rule-context.ts';
import type { ContractLineRow, DocumentHeaderRow, DocumentLineRow, EntityRow } from './load-document-rows.ts';
import type { ErpMappings } from './load-erp-mappings.ts';

/** The loaded rows of one document, ready to become its rule context. */
export interface DocumentRows {
  /** `asOf`'s day in the entity's time zone. */
  readonly asOfDay: string;
  readonly header: DocumentHeaderRow;
  readonly entity: EntityRow;
  readonly lines: readonly DocumentLineRow[];
  /** The lines of the document's contract; empty without one. */
  readonly contractLines: readonly ContractLineRow[];
  readonly history: RuleHistoryInput;
  readonly erp: ErpMappings;
  /** Active currency codes, sorted; loaded only when an entity has a bank account for any currency. */
  readonly activeCurrencies: readonly string[];
}

/** Active currency codes, sorted. */
export async function loadActiveCurrencies(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('currencies').select('code').where('active', '=', true).orderBy('code').execute();
  return rows.map((r) => r.code);
}

const text = (value: string | null): string | null => (value === null || value === '' ? null : value);

/** The rule context input of one document (pure); see docs/validation-rules.md for each field's source. */
export function ruleContextOf(rows: DocumentRows): RuleContextInput {
  const { header: h, entity, lines, erp } = rows;
  return {
    asOf: rows.asOfDay,
    document: {
      id: h.id,
      type: h.kind,
      number: h.number,
      currency: h.currency,
      subtotalMinor: h.subtotalMinor,
      taxTotalMinor: h.taxMinor,
      totalMinor: h.totalMinor,
      issueDate: h.issueDate,
      poNumber: text(h.poNumber),
      entityId: h.entityId,
      partyId: h.customerId,
      taxStatus: taxStatusOf(lines),
      taxError: null,
      taxLines: taxLinesOf(lines),
      creditedDocumentId: h.creditedInvoiceId,
      creditableMinor: h.creditableMinor,
    },
    lines: lines.map((l): RuleLineInput => ({
      lineNo: l.lineNo,
      kind: l.kind,
      description: l.description,
      productId: l.productId,
      quantity: trimDecimal(l.quantity),
      unitPrice: l.unitPrice === null ? null : trimDecimal(l.unitPrice),
      amountMinor: l.amountMinor,
      glAccount: text(l.revenueAccountCode),
      taxCode: text(l.taxCode),
      vatCategory: text(l.vatCategory),
      contractLineId: l.contractLineId,
      usageMetric: l.kind === 'usage' || l.kind === 'late_usage' ? l.metricCode : null,
      erpItemMapped: l.productId === null || erp.products.has(l.productId),
      erpGlAccountMapped: erp.glAccountCodes.has(l.revenueAccountCode),
      erpTaxCodeMapped: !erp.taxCodesMapped || erp.taxCodes.has(l.taxCode),
    })),
    party: {
      id: h.customerId,
      kind: 'customer',
      name: h.customerName,
      country: h.customerCountry,
      taxId: text(h.customerTaxId),
      taxIdType: text(h.customerTaxIdType),
      taxIdRequired: taxIdRequired(h.customerCountry, entity),
      poRequired: h.customerPoRequired,
      segment: text(h.customerSegment),
      erpMapped: erp.customers.has(h.customerId),
    },
    contract: h.contractId === null ? null : contractOf(h, rows.contractLines),
    entity: entityOf(entity, rows.activeCurrencies),
    history: rows.history,
    usage: usageOf(lines),
  };
}

/**
 * `calculated` when the document has lines and every line carries the tax engine's
 * decision (rule and table version); otherwise `not_calculated`. Never `failed`: a bill
 * run that cannot decide tax writes no document for that customer (it lists it in the
 * run's errors), so no stored document records a failed calculation today.
 */
function taxStatusOf(lines: readonly DocumentLineRow[]): 'calculated' | 'not_calculated' {
  return lines.length > 0 && lines.every((l) => l.taxDecided) ? 'calculated' : 'not_calculated';
}

/** The tax breakdown: lines grouped by tax code, VAT category and rate, in order of first appearance. */
function taxLinesOf(lines: readonly DocumentLineRow[]): RuleTaxLineInput[] {
  const groups = new Map<string, { taxCode: string; vatCategory: string; rate: string; taxableMinor: bigint; taxMinor: bigint }>();
  for (const l of lines) {
    const rate = trimDecimal(l.taxRate);
    const key = JSON.stringify([l.taxCode, l.vatCategory, rate]);
    const group = groups.get(key) ?? { taxCode: l.taxCode, vatCategory: l.vatCategory, rate, taxableMinor: 0n, taxMinor: 0n };
    group.taxableMinor += l.amountMinor;
    group.taxMinor += l.taxMinor;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The customer must carry a VAT id on the document when an EU entity registered for EU VAT
 * supplies a customer in ANOTHER member state: only a valid id makes the supply a B2B
 * reverse charge (Art. 196 and 226(4) of the VAT directive); without one it is taxed as a
 * consumer sale, which for a business customer is wrong.
 */
function taxIdRequired(customerCountry: string, entity: EntityRow): boolean {
  return isEuCountry(entity.country) && entity.taxRegistrations.some((r) => r.type === 'eu_vat') && isEuCountry(customerCountry) && customerCountry !== entity.country;
}

/** The agreed price of one unit as the bill run prices it, for charges that have a single one. */
function agreedUnitPrice(charge: Charge): string | null {
  switch (charge.model) {
    case 'per_unit':
    case 'one_time':
      return trimDecimal(charge.params.unitPrice);
    case 'flat':
      return trimDecimal(charge.params.amount);
    case 'package':
      return trimDecimal(charge.params.blockPrice);
    default:
      return null;
  }
}

function contractOf(h: DocumentHeaderRow, lines: readonly ContractLineRow[]): RuleContractInput {
  return {
    id: h.contractId!,
    number: h.contractNumber ?? '',
    poNumber: text(h.contractPoNumber),
    // Contract lines are negotiated per contract; there is no separate price book yet.
    lines: lines.map((l) => ({ id: l.id, productId: l.productId, unitPrice: agreedUnitPrice(l.charge), priceSource: 'contract' })),
  };
}

/**
 * The entity may invoice in its functional currency and in the currency of each bank
 * account customers can pay into; an account without a currency takes any active currency.
 */
function entityOf(entity: EntityRow, activeCurrencies: readonly string[]): RuleEntity {
  const accounts = entity.bankAccounts;
  const functional = entity.functionalCurrency;
  const allowed = accounts.some((a) => !a.currency) ? [functional, ...activeCurrencies] : [functional, ...accounts.map((a) => a.currency!)];
  return { id: entity.id, country: entity.country, functionalCurrency: functional, allowedCurrencies: [...new Set(allowed)] };
}

/**
 * Usage per metric billed by the document's `usage` lines (late usage of earlier periods
 * left out), against the included allowances of the contract lines they bill: the sum of
 * each window's `includedQuantity`, or unlimited (null) when a window of the metric has no
 * allowance.
 */
export function usageOf(lines: readonly DocumentLineRow[]): RuleUsageInput[] {
  // An allowance is granted once per contract line and period, however many usage windows
  // (versions, after a mid-period price change) the period is billed in: count each line
  // key's allowance once, the largest of its versions.
  const metrics = new Map<string, { unit: string; quantity: Decimal; unlimited: boolean; allowances: Map<string, Decimal> }>();
  for (const l of lines) {
    if (l.kind !== 'usage' || l.metricCode === null) continue;
    const entry = metrics.get(l.metricCode) ?? { unit: l.metricUnit ?? '', quantity: new MoneyDecimal(0), unlimited: false, allowances: new Map<string, Decimal>() };
    entry.quantity = entry.quantity.plus(l.quantity);
    if (l.includedQuantity === null) entry.unlimited = true;
    else {
      const key = l.contractLineKey ?? l.contractLineId ?? `line:${l.lineNo}`;
      const included = new MoneyDecimal(l.includedQuantity);
      const earlier = entry.allowances.get(key);
      if (earlier === undefined || included.greaterThan(earlier)) entry.allowances.set(key, included);
    }
    metrics.set(l.metricCode, entry);
  }
  return [...metrics].map(([metric, e]) => ({
    metric,
    unit: e.unit,
    quantity: trimDecimal(e.quantity.toFixed()),
    entitlement: e.unlimited ? null : trimDecimal([...e.allowances.values()].reduce((sum, a) => sum.plus(a), new MoneyDecimal(0)).toFixed()),
  }));
}
