import { buildRuleContext, type RuleContextInput } from './build-rule-context.ts';
import type { RuleContext } from './rule-context.ts';

/**
 * Test helper (not exported from the package): a clean invoice that passes every built-in
 * rule, and a way to vary it. A German customer with a valid VAT id, billed in EUR under a
 * contract with a PO, two lines priced as agreed, usage within entitlement, an ordinary total.
 */
export const CLEAN_INVOICE: RuleContextInput = {
  asOf: '2026-11-02',
  document: {
    id: 'inv_1', type: 'invoice', number: 'INV-2026-0042', currency: 'EUR',
    subtotalMinor: 150000n, taxTotalMinor: 28500n, totalMinor: 178500n,
    issueDate: '2026-11-01', poNumber: 'PO-7', entityId: 'ent_de', partyId: 'cus_1',
    taxStatus: 'calculated',
    taxLines: [{ taxCode: 'DE-STD', vatCategory: 'S', rate: '19', taxableMinor: 150000n, taxMinor: 28500n }],
  },
  lines: [
    {
      lineNo: 1, kind: 'recurring', description: 'Platform, November', productId: 'prd_platform', quantity: '10',
      unitPrice: '100.00', amountMinor: 100000n, glAccount: '4000', taxCode: 'DE-STD', vatCategory: 'S',
      contractLineId: 'ctl_1', erpItemMapped: true, erpGlAccountMapped: true, erpTaxCodeMapped: true,
    },
    {
      lineNo: 2, kind: 'usage', description: 'API calls', productId: 'prd_api', quantity: '500000',
      unitPrice: '0.001', amountMinor: 50000n, glAccount: '4010', taxCode: 'DE-STD', vatCategory: 'S',
      contractLineId: 'ctl_2', usageMetric: 'api_calls', erpItemMapped: true, erpGlAccountMapped: true, erpTaxCodeMapped: true,
    },
  ],
  party: {
    id: 'cus_1', kind: 'customer', name: 'Acme GmbH', country: 'DE', taxId: 'DE136695976', taxIdType: 'eu_vat',
    poRequired: true, segment: 'enterprise', erpMapped: true,
  },
  contract: {
    id: 'ctr_1', number: 'C-100', poNumber: 'PO-7',
    lines: [
      { id: 'ctl_1', productId: 'prd_platform', unitPrice: '100', priceSource: 'contract' },
      { id: 'ctl_2', productId: 'prd_api', unitPrice: '0.001', priceSource: 'price_book' },
    ],
  },
  entity: { id: 'ent_de', country: 'DE', functionalCurrency: 'EUR', allowedCurrencies: ['EUR', 'USD'] },
  history: { documentCount: 6, averageTotalMinor: 170000n, minTotalMinor: 150000n, maxTotalMinor: 190000n, sameAmountCount: 0 },
  usage: [{ metric: 'api_calls', unit: 'call', quantity: '500000', entitlement: '1000000' }],
};

/** Parts of {@link CLEAN_INVOICE} to replace; `document` and `party` merge field by field. */
export interface ContextChanges extends Partial<Omit<RuleContextInput, 'document' | 'party'>> {
  readonly document?: Partial<RuleContextInput['document']>;
  readonly party?: Partial<RuleContextInput['party']>;
}

/** {@link CLEAN_INVOICE} with `changes`, built into a {@link RuleContext}. */
export function contextWith(changes: ContextChanges = {}): RuleContext {
  return buildRuleContext({
    ...CLEAN_INVOICE,
    ...changes,
    document: { ...CLEAN_INVOICE.document, ...changes.document },
    party: { ...CLEAN_INVOICE.party, ...changes.party },
  });
}

/** {@link CLEAN_INVOICE}'s lines with `changes` applied to line `lineNo`. */
export function linesWith(lineNo: number, changes: Partial<RuleContextInput['lines'][number]>): RuleContextInput['lines'] {
  return CLEAN_INVOICE.lines.map((line) => (line.lineNo === lineNo ? { ...line, ...changes } : line));
}
