import { describe, expect, it } from 'vitest';
import { approvalPolicySchema } from '../approvals/approval-policy.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import { BUILTIN_RULES } from '../rules/builtin-rules.ts';
import { CLEAN_INVOICE } from '../rules/rule-test-context.ts';
import type { ValidationRule } from '../rules/validation-rule.ts';
import { decideControls, type EffectivePolicy, type EffectiveRuleSet } from './decide-controls.ts';

const FACTS: RoutingFacts = {
  documentType: 'invoice', documentId: 'inv_1', entityId: 'ent_de', functionalAmountMinor: 178500n, functionalCurrency: 'EUR',
  department: null, costCenter: null, segment: 'enterprise', createdBy: 'system', contentHash: 'h',
};

const RULES: EffectiveRuleSet = { version: 3, rules: BUILTIN_RULES };

const POLICY: EffectivePolicy = {
  version: 2,
  policy: approvalPolicySchema.parse({
    routes: [
      { id: 'small', description: 'below 10,000', match: { maxAmount: '10000' }, steps: [] },
      { id: 'large', description: '10,000 and more', match: { minAmount: '10000', documentTypes: ['invoice'] }, steps: [{ name: 'Finance', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] },
    ],
    settings: { escalateTo: null },
  }),
};

const noPo = { ...CLEAN_INVOICE, document: { ...CLEAN_INVOICE.document, poNumber: null } };
const failing: ValidationRule = {
  id: 'acme.ratio', description: 'Tax over subtotal', severity: 'warn', category: 'anomaly', ownerQueue: 'ar',
  documentTypes: ['invoice'], condition: 'document.taxTotalMinor / (document.subtotalMinor - document.subtotalMinor) > 1', message: 'odd ratio',
};

describe('decideControls', () => {
  it.each([
    { name: 'passes every rule, below the band', ruleSet: RULES, policy: POLICY, context: CLEAN_INVOICE, routing: FACTS, expected: 'straight_through' },
    { name: 'no rule set and no policy in force', ruleSet: { version: null, rules: [] }, policy: null, context: noPo, routing: FACTS, expected: 'straight_through' },
    { name: 'a blocking rule fails', ruleSet: RULES, policy: POLICY, context: noPo, routing: FACTS, expected: 'blocked' },
    { name: 'passes, at the band that needs approval', ruleSet: RULES, policy: POLICY, context: CLEAN_INVOICE, routing: { ...FACTS, functionalAmountMinor: 1_000_000n }, expected: 'needs_approval' },
    { name: 'passes, but no route matches (a credit memo of 10,000)', ruleSet: RULES, policy: POLICY, context: CLEAN_INVOICE, routing: { ...FACTS, documentType: 'credit_memo' as const, functionalAmountMinor: 1_000_000n }, expected: 'unrouted' },
    { name: 'a warn rule that fails at run time still blocks (errors always do)', ruleSet: { version: 1, rules: [failing] }, policy: null, context: CLEAN_INVOICE, routing: FACTS, expected: 'blocked' },
  ])('$name → $expected', ({ ruleSet, policy, context, routing, expected }) => {
    expect(decideControls(ruleSet, policy, { context, routing }).outcome).toBe(expected);
  });

  it('lets an overridden rule pass, marking its outcome overridden, and keeps other failures blocking', () => {
    // Without its PO the invoice fails two rules: PO missing, and PO different from the contract's.
    const both = new Set(['builtin.po_missing', 'builtin.po_differs_from_contract']);
    const decision = decideControls(RULES, POLICY, { context: noPo, routing: FACTS, overriddenRuleIds: both });
    expect(decision.outcome).toBe('straight_through');
    expect(decision.outcomes.find((o) => o.ruleId === 'builtin.po_missing')).toMatchObject({ status: 'failed', blocking: false, overridden: true });
    const one = decideControls(RULES, POLICY, { context: noPo, routing: FACTS, overriddenRuleIds: new Set(['builtin.po_missing']) });
    expect(one.blocking.map((o) => o.ruleId)).toEqual(['builtin.po_differs_from_contract']);
  });

  it('names the rule and the error of a rule that fails at run time', () => {
    const decision = decideControls({ version: 1, rules: [failing] }, null, { context: CLEAN_INVOICE, routing: FACTS });
    expect(decision.blocking[0]).toMatchObject({ ruleId: 'acme.ratio', status: 'error', blocking: true });
    expect(decision.blocking[0]!.message).toMatch(/^condition at line 1, column \d+: /);
  });

  it('routes even a blocked document, so a simulation can compare approvers', () => {
    const decision = decideControls(RULES, POLICY, { context: noPo, routing: { ...FACTS, functionalAmountMinor: 1_000_000n } });
    expect(decision.outcome).toBe('blocked');
    expect(decision.route).toMatchObject({ outcome: 'needs_approval', routeId: 'large' });
  });

  it('is deterministic: the same inputs give the same decision', () => {
    const a = decideControls(RULES, POLICY, { context: noPo, routing: FACTS });
    const b = decideControls(RULES, POLICY, { context: noPo, routing: FACTS });
    expect(b).toEqual(a);
  });
});
