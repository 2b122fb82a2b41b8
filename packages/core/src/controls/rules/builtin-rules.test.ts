import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from './builtin-rules.ts';
import { checkRule } from './compile-rule.ts';
import { evaluateRules, type RuleOutcomeStatus } from './evaluate-rules.ts';
import { CLEAN_INVOICE, contextWith, linesWith, type ContextChanges } from './rule-test-context.ts';
import { validationRuleSchema } from './validation-rule.ts';

interface Case {
  readonly rule: string;
  readonly name: string;
  readonly changes: ContextChanges;
  readonly status: RuleOutcomeStatus;
  readonly message?: string;
}

const REQUIRED = { taxIdRequired: true } as const;
const REVERSE_CHARGE = [{ taxCode: 'EU-RC', vatCategory: 'AE', rate: '0', taxableMinor: 150000n, taxMinor: 0n }];
const CREDIT_MEMO = { type: 'credit_memo', creditedDocumentId: 'inv_0', totalMinor: 50000n } as const;

const CASES: readonly Case[] = [
  { rule: 'tax_id_missing_or_invalid', name: 'valid VAT id where required', changes: { party: REQUIRED }, status: 'passed' },
  { rule: 'tax_id_missing_or_invalid', name: 'VAT id failing the checksum', changes: { party: { ...REQUIRED, taxId: 'DE136695977' } }, status: 'failed', message: 'Tax id DE136695977 is not valid for Acme GmbH, and this document requires one.' },
  { rule: 'tax_id_missing_or_invalid', name: 'reverse charge without a tax id', changes: { party: { taxId: null }, document: { taxLines: REVERSE_CHARGE } }, status: 'failed', message: 'Tax id is missing for Acme GmbH, and this document requires one.' },
  { rule: 'tax_id_missing_or_invalid', name: 'domestic, not required', changes: { party: { taxId: null } }, status: 'not_applicable' },
  { rule: 'po_missing', name: 'PO present', changes: {}, status: 'passed' },
  { rule: 'po_missing', name: 'PO required, none given', changes: { document: { poNumber: null } }, status: 'failed', message: 'Acme GmbH requires a PO number on every document; this one has none.' },
  { rule: 'po_missing', name: 'PO not required', changes: { document: { poNumber: null }, party: { poRequired: false } }, status: 'not_applicable' },
  { rule: 'po_missing', name: 'a supplier bill (payables routes its own)', changes: { document: { type: 'supplier_bill', poNumber: null } }, status: 'not_applicable' },
  { rule: 'po_differs_from_contract', name: 'same PO as the contract', changes: {}, status: 'passed' },
  { rule: 'po_differs_from_contract', name: 'another PO', changes: { document: { poNumber: 'PO-8' } }, status: 'failed', message: 'PO number "PO-8" differs from PO "PO-7" of contract C-100.' },
  { rule: 'po_differs_from_contract', name: 'no contract', changes: { contract: null }, status: 'not_applicable' },
  { rule: 'price_differs_from_contract', name: 'exactly 1% above', changes: { lines: linesWith(1, { unitPrice: '101' }) }, status: 'passed' },
  { rule: 'price_differs_from_contract', name: 'just over 1% above', changes: { lines: linesWith(1, { unitPrice: '101.01' }) }, status: 'failed', message: 'Unit price differs from the contract price by more than 1% on line(s) 1.' },
  { rule: 'price_differs_from_contract', name: '2% below the price book', changes: { lines: linesWith(2, { unitPrice: '0.00098' }) }, status: 'failed', message: 'Unit price differs from the contract price by more than 1% on line(s) 2.' },
  { rule: 'usage_above_entitlement', name: 'unlimited', changes: { usage: [{ metric: 'api_calls', unit: 'call', quantity: '9000000', entitlement: null }] }, status: 'passed' },
  { rule: 'usage_above_entitlement', name: 'one call over', changes: { usage: [{ metric: 'api_calls', unit: 'call', quantity: '1000000.5', entitlement: '1000000' }] }, status: 'failed', message: 'Usage above entitlement: api_calls 1000000.5 of 1000000 call.' },
  { rule: 'currency_not_allowed', name: 'USD is allowed', changes: { document: { currency: 'USD' } }, status: 'passed' },
  { rule: 'currency_not_allowed', name: 'GBP is not', changes: { document: { currency: 'GBP' } }, status: 'failed', message: 'Currency GBP is not allowed for entity ent_de (allowed: EUR, USD).' },
  { rule: 'gl_account_missing', name: 'all lines coded', changes: {}, status: 'passed' },
  { rule: 'gl_account_missing', name: 'line 1 uncoded', changes: { lines: linesWith(1, { glAccount: null }) }, status: 'failed', message: 'No GL account on line(s) 1.' },
  { rule: 'tax_code_missing', name: 'all lines have a tax code', changes: {}, status: 'passed' },
  { rule: 'tax_code_missing', name: 'line 2 without', changes: { lines: linesWith(2, { taxCode: '' }) }, status: 'failed', message: 'No tax code on line(s) 2.' },
  { rule: 'erp_mapping_missing', name: 'everything mapped', changes: {}, status: 'passed' },
  { rule: 'erp_mapping_missing', name: 'party and a tax code unmapped', changes: { party: { erpMapped: false }, lines: linesWith(2, { erpTaxCodeMapped: false }) }, status: 'failed', message: 'ERP mapping missing for party Acme GmbH, line 2.' },
  { rule: 'tax_calculation_failed', name: 'calculated', changes: {}, status: 'passed' },
  { rule: 'tax_calculation_failed', name: 'refused by the engine', changes: { document: { taxStatus: 'failed', taxError: 'no rate for US-ZZ' } }, status: 'failed', message: 'Tax calculation failed: no rate for US-ZZ.' },
  { rule: 'tax_calculation_failed', name: 'never ran', changes: { document: { taxStatus: 'not_calculated' } }, status: 'failed', message: 'Tax calculation has not run.' },
  { rule: 'duplicate_suspected', name: 'no twin', changes: {}, status: 'passed' },
  { rule: 'duplicate_suspected', name: 'a twin this period', changes: { history: { ...CLEAN_INVOICE.history!, sameAmountCount: 1 } }, status: 'failed', message: 'Possible duplicate: 1 other document(s) for Acme GmbH total EUR 1785.00 in the same period.' },
  { rule: 'credit_above_creditable', name: 'within the creditable amount', changes: { document: { ...CREDIT_MEMO, creditableMinor: 50000n } }, status: 'passed' },
  { rule: 'credit_above_creditable', name: 'one cent over', changes: { document: { ...CREDIT_MEMO, creditableMinor: 49999n } }, status: 'failed', message: 'Credit memo total EUR 500.00 exceeds the 499.99 still creditable on invoice inv_0.' },
  { rule: 'credit_above_creditable', name: 'an invoice', changes: {}, status: 'not_applicable' },
  { rule: 'total_outside_history', name: 'exactly 3× the largest', changes: { document: { totalMinor: 570000n } }, status: 'passed' },
  { rule: 'total_outside_history', name: 'above 3× the largest', changes: { document: { totalMinor: 570001n } }, status: 'failed', message: 'Total EUR 5700.01 is far outside the last 12 months (6 documents, 1500.00 to 1900.00).' },
  { rule: 'total_outside_history', name: 'below a third of the smallest', changes: { document: { totalMinor: 49999n } }, status: 'failed', message: 'Total EUR 499.99 is far outside the last 12 months (6 documents, 1500.00 to 1900.00).' },
  { rule: 'total_outside_history', name: 'only 2 earlier documents', changes: { document: { totalMinor: 9000000n }, history: { ...CLEAN_INVOICE.history!, documentCount: 2 } }, status: 'not_applicable' },
];

function builtin(id: string) {
  const rule = BUILTIN_RULES.find((r) => r.id === `builtin.${id}`);
  if (rule === undefined) throw new Error(`no built-in rule ${id}`);
  return rule;
}

describe('built-in rule pack', () => {
  it.each(BUILTIN_RULES.map((rule) => [rule.id, rule] as const))('%s is a valid rule that compiles', (_id, rule) => {
    expect(validationRuleSchema.safeParse(rule).success).toBe(true);
    expect(checkRule(rule)).toEqual([]);
  });

  it.each(CASES.map((c) => [c.rule, c.name, c] as const))('%s: %s', (_rule, _name, c) => {
    const [outcome] = evaluateRules([builtin(c.rule)], contextWith(c.changes)).outcomes;
    expect(outcome).toMatchObject({ status: c.status, message: c.message ?? null });
  });

  it('has a passing and a failing case for every rule', () => {
    for (const rule of BUILTIN_RULES) {
      const statuses = new Set(CASES.filter((c) => `builtin.${c.rule}` === rule.id).map((c) => c.status));
      expect([rule.id, statuses.has('passed') && statuses.has('failed')]).toEqual([rule.id, true]);
    }
  });

  it('lets a clean invoice through with no exception', () => {
    const result = evaluateRules(BUILTIN_RULES, contextWith());
    expect(result.blocked).toBe(false);
    expect(result.outcomes.filter((o) => o.status !== 'passed').map((o) => [o.ruleId, o.status])).toEqual([
      ['builtin.tax_id_missing_or_invalid', 'not_applicable'],
      ['builtin.credit_above_creditable', 'not_applicable'],
    ]);
  });
});
