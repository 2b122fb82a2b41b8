import { describe, expect, it } from 'vitest';
import { approvalPolicySchema, type ApprovalPolicyInput } from './approval-policy.ts';
import { bandHoles, findPolicyGaps, type ApprovalDirectory } from './find-policy-gaps.ts';

const U = (n: number): string => `usr_${String(n).padStart(26, '0')}`;
const ENT_A = `ent_${'A'.repeat(26)}`;
const ENT_B = `ent_${'B'.repeat(26)}`;

const directory: ApprovalDirectory = {
  entities: [{ id: ENT_A, functionalCurrency: 'EUR' }, { id: ENT_B, functionalCurrency: 'USD' }],
  users: [{ id: U(1), active: true }, { id: U(2), active: true }, { id: U(3), active: false }, { id: U(4), active: true }],
  grants: [
    { userId: U(1), role: 'approver', entityId: null },
    { userId: U(2), role: 'controller', entityId: null },
    { userId: U(4), role: 'approver', entityId: ENT_A },
  ],
  limits: [
    { userId: U(1), entityId: null, currency: 'EUR', amountMinor: 1_000_000n },
    { userId: U(1), entityId: null, currency: 'USD', amountMinor: 1_000_000n },
    { userId: U(2), entityId: null, currency: 'EUR', amountMinor: 100_000_000n },
    { userId: U(2), entityId: null, currency: 'USD', amountMinor: 100_000_000n },
    { userId: U(4), entityId: ENT_A, currency: 'EUR', amountMinor: 500_000n },
  ],
  departments: ['SALES', 'OPS'],
  costCenters: [],
};

const sound: ApprovalPolicyInput = {
  routes: [
    { id: 'small', description: 'no approval', match: { maxAmount: '1000' }, steps: [] },
    { id: 'mid', description: 'approver', match: { minAmount: '1000', maxAmount: '10000' }, steps: [{ name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] },
    { id: 'large', description: 'controller', match: { minAmount: '10000' }, steps: [{ name: 'Controller', mode: 'any', approvers: [{ role: 'controller' }], slaHours: 24 }] },
  ],
};

const gapsOf = (input: ApprovalPolicyInput, dir: ApprovalDirectory = directory): string[] =>
  findPolicyGaps(approvalPolicySchema.parse(input), dir).map((g) => g.message);

describe('bandHoles', () => {
  it.each<[string, { minAmount?: string; maxAmount?: string }[], [string, string | undefined][]]>([
    ['nothing', [], [['0', undefined]]],
    ['one open band', [{}], []],
    ['meeting bands', [{ maxAmount: '10' }, { minAmount: '10' }], []],
    ['overlapping, unordered', [{ minAmount: '5' }, { maxAmount: '7.5' }], []],
    ['a hole in the middle', [{ maxAmount: '10' }, { minAmount: '10.01' }], [['10', '10.01']]],
    ['no start and no top', [{ minAmount: '1', maxAmount: '2' }], [['0', '1'], ['2', undefined]]],
  ])('%s', (_name, bands, holes) => {
    expect(bandHoles(bands)).toEqual(holes);
  });
});

describe('findPolicyGaps', () => {
  it('accepts a policy whose bands meet and whose steps each have an eligible approver', () => {
    expect(gapsOf(sound)).toEqual([]);
  });

  it('reports an amount band with no route, per document type and entity', () => {
    const holey = { routes: [sound.routes[0]!, sound.routes[2]!, { ...sound.routes[1]!, match: { ...sound.routes[1]!.match, documentTypes: ['invoice' as const] } }] };
    expect(gapsOf(holey)).toEqual([
      `credit memos of entity ${ENT_A}, ${ENT_B}: amounts from 1000 up to (not including) 10000 have no route (routes without department, cost center or segment conditions must cover every amount)`,
      `supplier bills of entity ${ENT_A}, ${ENT_B}: amounts from 1000 up to (not including) 10000 have no route (routes without department, cost center or segment conditions must cover every amount)`,
    ]);
  });

  it('does not count a route with a department condition as covering its band', () => {
    const routes = [sound.routes[0]!, { ...sound.routes[2]!, match: { minAmount: '1000', departments: ['SALES'] } }];
    expect(gapsOf({ routes })[0]).toContain('amounts from 1000 upwards have no route');
  });

  it.each<[string, ApprovalPolicyInput['routes'][number]['steps'], string]>([
    ['an unknown user', [{ name: 'S', mode: 'any', approvers: [{ user: U(8) }], slaHours: 1 }], `${U(8)} is not a known user`],
    ['an inactive user', [{ name: 'S', mode: 'any', approvers: [{ user: U(3) }], slaHours: 1 }], `${U(3)} is inactive`],
    ['a user without a limit in the currency', [{ name: 'S', mode: 'any', approvers: [{ user: U(4) }], slaHours: 1 }], `${U(4)} has no approval limit in USD`],
    ['an owner map missing a code', [{ name: 'S', mode: 'any', approvers: [{ owner: 'department' }], slaHours: 1 }], 'no department owner is mapped for OPS'],
  ])('reports a step with %s', (_name, steps, message) => {
    const policy = { routes: [{ id: 'all', description: 'everything', match: { minAmount: '0' }, steps }], owners: { department: { SALES: U(1) } }, settings: { escalateTo: null } };
    expect(gapsOf(policy).join('\n')).toContain(message);
  });

  it('reports a step whose candidates all have limits below the band minimum', () => {
    const steps = [{ name: 'S', mode: 'any' as const, approvers: [{ user: U(4) }, { user: U(1) }], slaHours: 1 }];
    const policy = { routes: [{ id: 'low', description: 'd', match: { maxAmount: '10000.01' }, steps: [] }, { id: 'top', description: 'd', match: { entityIds: [ENT_A], minAmount: '10000.01' }, steps }] };
    expect(gapsOf(policy)).toContain(
      `route top, step "S" has no eligible approver for entity ${ENT_A}: ${U(4)}'s approval limit 5000.00 EUR is below the band's minimum; ${U(1)}'s approval limit 10000.00 EUR is below the band's minimum`,
    );
  });

  it('reports a role nobody holds for an entity, naming the entity', () => {
    const steps = [{ name: 'Local approver', mode: 'any' as const, approvers: [{ role: 'approver' as const }], slaHours: 1 }];
    const dir = { ...directory, grants: directory.grants.filter((g) => g.entityId !== null || g.role !== 'approver') };
    expect(gapsOf({ routes: [{ id: 'r', description: 'd', match: { maxAmount: '10' }, steps }, sound.routes[2]!] }, dir)).toContain(
      `route r, step "Local approver" has no eligible approver for entity ${ENT_B}: nobody holds role approver`,
    );
  });

  it('requires every entry of an "all" step to be eligible, but one of an "any" step', () => {
    const step = (mode: 'any' | 'all') => [{ name: 'Both', mode, approvers: [{ user: U(1) }, { user: U(3) }], slaHours: 1 }];
    expect(gapsOf({ routes: [{ id: 'r', description: 'd', match: {}, steps: step('any') }] })).toEqual([]);
    expect(gapsOf({ routes: [{ id: 'r', description: 'd', match: {}, steps: step('all') }] })).toEqual([
      `route r, step "Both" has no eligible approver for entity ${ENT_A}, ${ENT_B}: ${U(3)} is inactive`,
    ]);
  });

  it('reports an entity that does not exist and an inactive escalation target', () => {
    const policy = { routes: [{ id: 'r', description: 'd', match: { entityIds: [`ent_${'Z'.repeat(26)}`] }, steps: [] }, { id: 'x', description: 'x', match: {}, steps: [] }], settings: { escalateTo: { user: U(3) } } };
    expect(gapsOf(policy)).toEqual([`route r names entity ent_${'Z'.repeat(26)}, which does not exist`, `escalation target ${U(3)} is inactive`]);
  });
});
