import { describe, expect, it } from 'vitest';
import { checkApprover, type ActingAuthority, type PersonAuthority, type StepUnderDecision } from './check-approver.ts';
import { effectiveLimit } from './effective-limit.ts';

const ENT = 'ent_A';
const person = (userId: string, over: Partial<PersonAuthority> = {}): PersonAuthority => ({
  userId, active: true, grants: [], limits: [{ userId, entityId: null, currency: 'EUR', amountMinor: 1_000_000n }], ...over,
});
const acting = (userId: string, over: Partial<ActingAuthority> = {}): ActingAuthority => ({ ...person(userId), delegations: [], ...over });
const step = (over: Partial<StepUnderDecision> = {}): StepUnderDecision => ({
  entityId: ENT, amountMinor: 500_000n, currency: 'EUR', documentLabel: 'invoice inv_1', creatorUserId: 'usr_clerk', stepName: 'Approval',
  mode: 'any', candidates: [{ kind: 'role', role: 'approver', via: 'role' }, { kind: 'user', userId: 'usr_cfo', via: 'user' }],
  satisfied: [], approvedBy: [], approvedOtherSteps: [], ...over,
});
const approver = (userId: string, entityId: string | null = ENT) => acting(userId, { grants: [{ role: 'approver', entityId }] });

describe('checkApprover', () => {
  it.each<[string, ActingAuthority, Partial<StepUnderDecision>, string]>([
    ['a holder of the candidate role', approver('usr_a'), {}, 'allowed:role:approver'],
    ['a named user', acting('usr_cfo'), {}, 'allowed:user:usr_cfo'],
    ['a role granted for another entity', approver('usr_a', 'ent_B'), {}, 'not_candidate'],
    ['the creator, even holding the role', approver('usr_clerk'), {}, 'creator'],
    ['an inactive user', { ...approver('usr_a'), active: false }, {}, 'inactive'],
    ['an amount above the limit', approver('usr_a'), { amountMinor: 1_000_001n }, 'limit'],
    ['an amount equal to the limit (inclusive)', approver('usr_a'), { amountMinor: 1_000_000n }, 'allowed:role:approver'],
    ['no limit in the currency', approver('usr_a'), { currency: 'USD' }, 'limit'],
    ['a second approval of the same step', approver('usr_a'), { approvedBy: ['usr_a'] }, 'four_eyes'],
    ['an approval after approving another step', approver('usr_a'), { approvedOtherSteps: ['usr_a'] }, 'four_eyes'],
    ['an "all" step whose role entry is already satisfied', approver('usr_a'), { mode: 'all', satisfied: ['role:approver'] }, 'not_candidate'],
    ['the escalation target', acting('usr_boss'), { candidates: [{ kind: 'user', userId: 'usr_boss', via: 'escalation' }] }, 'allowed:escalation'],
  ])('%s', (_name, actor, over, expected) => {
    const result = checkApprover(actor, step(over));
    expect(result.allowed ? `allowed:${result.satisfies}` : result.rule).toBe(expected);
  });

  it('lets a delegate act for a candidate, limited by both limits, never for the creator', () => {
    const cfo = person('usr_cfo');
    const deputy = acting('usr_dep', { delegations: [{ id: 'dlg_1', from: cfo }] });
    expect(checkApprover(deputy, step())).toEqual({ allowed: true, satisfies: 'user:usr_cfo', onBehalfOfUserId: 'usr_cfo', delegationId: 'dlg_1' });
    const poorDeputy = acting('usr_dep', { limits: [], delegations: [{ id: 'dlg_1', from: cfo }] });
    expect(checkApprover(poorDeputy, step())).toMatchObject({ allowed: false, rule: 'limit', reason: 'you have no approval limit in EUR for entity ent_A; invoice inv_1 is 5000.00 EUR' });
    const lowCfo = person('usr_cfo', { limits: [{ userId: 'usr_cfo', entityId: ENT, currency: 'EUR', amountMinor: 100n }] });
    expect(checkApprover(acting('usr_dep', { delegations: [{ id: 'dlg_1', from: lowCfo }] }), step())).toMatchObject({
      rule: 'limit', reason: "invoice inv_1 is 5000.00 EUR, above usr_cfo's (who delegated to you) approval limit of 1.00 EUR",
    });
    expect(checkApprover(deputy, step({ creatorUserId: 'usr_cfo' }))).toMatchObject({ rule: 'creator' });
  });

  it('names the candidates when refusing a stranger', () => {
    expect(checkApprover(acting('usr_x'), step())).toMatchObject({
      rule: 'not_candidate', reason: 'you are not a candidate for step "Approval": it needs a holder of role approver for entity ent_A or user usr_cfo, or a delegate of one',
    });
  });
});

describe('effectiveLimit', () => {
  const limits = [
    { userId: 'u', entityId: null, currency: 'EUR', amountMinor: 100n },
    { userId: 'u', entityId: 'e1', currency: 'EUR', amountMinor: 50n },
  ];
  it.each<[string, string, bigint | undefined]>([['e1', 'EUR', 50n], ['e2', 'EUR', 100n], ['e1', 'USD', undefined]])('entity %s in %s → %s', (entityId, currency, expected) => {
    expect(effectiveLimit(limits, 'u', entityId, currency)?.amountMinor).toBe(expected);
  });
});
