import { describe, expect, it } from 'vitest';
import { approvalPolicySchema, type ApprovalPolicyInput } from './approval-policy.ts';
import { routeDocument } from './route-document.ts';
import type { RoutingFacts } from './routing-facts.ts';

const U = (n: number): string => `usr_${String(n).padStart(26, '0')}`;
const ENT_A = `ent_${'A'.repeat(26)}`;
const ENT_B = `ent_${'B'.repeat(26)}`;

const policyInput: ApprovalPolicyInput = {
  routes: [
    { id: 'small', description: 'Below 1,000: no approval', match: { maxAmount: '1000' }, steps: [] },
    { id: 'sales_mid', description: 'Sales, 1,000 to 10,000', match: { departments: ['SALES'], minAmount: '1000', maxAmount: '10000' }, steps: [
      { name: 'Department owner', mode: 'any', approvers: [{ owner: 'department' }], slaHours: 24 },
    ] },
    { id: 'mid', description: '1,000 to 10,000', match: { minAmount: '1000', maxAmount: '10000' }, steps: [
      { name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }, { user: U(1) }, { user: U(1) }], slaHours: 24 },
    ] },
    { id: 'large', description: '10,000 and above', match: { minAmount: '10000' }, steps: [
      { parallel: [
        { name: 'Cost center owner', mode: 'any', approvers: [{ owner: 'cost_center' }], slaHours: 48 },
        { name: 'Controller', mode: 'any', approvers: [{ role: 'controller' }], slaHours: 48 },
      ] },
      { name: 'CFO', mode: 'all', approvers: [{ user: U(9) }], slaHours: 72 },
    ] },
  ],
  owners: { department: { SALES: U(2) }, costCenter: { CC1: U(3) } },
};
const policy = approvalPolicySchema.parse(policyInput);

const facts = (over: Partial<RoutingFacts>): RoutingFacts => ({
  documentType: 'invoice', documentId: 'inv_1', entityId: ENT_A, functionalAmountMinor: 0n, functionalCurrency: 'EUR',
  department: null, costCenter: null, segment: null, createdBy: 'system', contentHash: 'h', ...over,
});

describe('routeDocument', () => {
  it('needs no approval without a policy', () => {
    expect(routeDocument(null, facts({}))).toMatchObject({ outcome: 'straight_through', required: false, routeId: null });
  });

  it.each<[string, Partial<RoutingFacts>, string, string]>([
    ['a small invoice', { functionalAmountMinor: 99_999n }, 'small', 'straight_through'],
    ['exactly 1,000.00 (band start is inclusive)', { functionalAmountMinor: 100_000n }, 'mid', 'needs_approval'],
    ['a sales invoice in the mid band (first match wins)', { functionalAmountMinor: 500_000n, department: 'SALES' }, 'sales_mid', 'needs_approval'],
    ['exactly 10,000.00 (band end is exclusive)', { functionalAmountMinor: 1_000_000n, department: 'SALES' }, 'large', 'needs_approval'],
    ['a credit memo by its absolute amount', { documentType: 'credit_memo', functionalAmountMinor: -1_000_000n }, 'large', 'needs_approval'],
  ])('routes %s', (_name, over, routeId, outcome) => {
    expect(routeDocument(policy, facts(over))).toMatchObject({ routeId, outcome });
  });

  it('resolves owners, collapses duplicate candidates and numbers stages for parallel steps', () => {
    const mid = routeDocument(policy, facts({ functionalAmountMinor: 500_000n, department: 'SALES' }));
    expect(mid.outcome === 'needs_approval' && mid.steps[0]!.candidates).toEqual([{ kind: 'user', userId: U(2), via: 'department_owner' }]);
    const plain = routeDocument(policy, facts({ functionalAmountMinor: 500_000n }));
    expect(plain.outcome === 'needs_approval' && plain.steps[0]!.candidates).toEqual([{ kind: 'role', role: 'approver', via: 'role' }, { kind: 'user', userId: U(1), via: 'user' }]);
    const large = routeDocument(policy, facts({ functionalAmountMinor: 5_000_000n, costCenter: 'CC1' }));
    expect(large.outcome === 'needs_approval' && large.steps.map((s) => [s.stage, s.position, s.name])).toEqual([
      [0, 0, 'Cost center owner'], [0, 1, 'Controller'], [1, 0, 'CFO'],
    ]);
  });

  it('puts the escalation target in for an owner nobody is mapped to, and cannot route without one', () => {
    const large = routeDocument(policy, facts({ functionalAmountMinor: 5_000_000n, costCenter: 'CC9' }));
    expect(large.outcome === 'needs_approval' && large.steps[0]!.candidates).toEqual([{ kind: 'role', role: 'controller', via: 'owner_fallback' }]);
    const strict = approvalPolicySchema.parse({ ...policyInput, settings: { escalateTo: null } });
    expect(routeDocument(strict, facts({ functionalAmountMinor: 5_000_000n }))).toMatchObject({
      outcome: 'unrouted', routeId: 'large', reason: expect.stringContaining('no owner is mapped for cost center (none)'),
    });
  });

  it('is unrouted when no route matches', () => {
    const narrow = approvalPolicySchema.parse({ routes: [{ id: 'b', description: 'B only', match: { entityIds: [ENT_B] }, steps: [] }] });
    expect(routeDocument(narrow, facts({}))).toMatchObject({ outcome: 'unrouted', required: true, routeId: null });
  });

  it('is deterministic', () => {
    const f = facts({ functionalAmountMinor: 5_000_000n, costCenter: 'CC1' });
    expect(routeDocument(policy, f)).toEqual(routeDocument(policy, f));
  });
});

describe('approvalPolicySchema', () => {
  it.each<[string, unknown, string]>([
    ['an inverted band', { routes: [{ id: 'r', description: 'd', match: { minAmount: '10', maxAmount: '5' }, steps: [] }] }, 'minAmount must be below maxAmount'],
    ['duplicate route ids', { routes: [{ id: 'r', description: 'd', match: {}, steps: [] }, { id: 'r', description: 'd', match: {}, steps: [] }] }, 'route ids must be unique'],
    ['a float amount', { routes: [{ id: 'r', description: 'd', match: { minAmount: 10 }, steps: [] }] }, 'expected string'],
    ['a step without approvers', { routes: [{ id: 'r', description: 'd', match: {}, steps: [{ name: 's', mode: 'any', approvers: [], slaHours: 1 }] }] }, 'at least one approver'],
    ['a parallel stage of one', { routes: [{ id: 'r', description: 'd', match: {}, steps: [{ parallel: [{ name: 's', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 1 }] }] }] }, 'at least two steps'],
  ])('refuses %s', (_name, body, message) => {
    const result = approvalPolicySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
});
