import { describe, expect, it } from 'vitest';
import { entityScopeFor, hasPermission, type Principal } from './principal.ts';

const principal = (grants: Principal['grants']): Principal => ({
  kind: 'user',
  id: 'usr_1',
  userId: 'usr_1',
  actor: 'user:usr_1',
  name: 'Test',
  grants,
});

describe('entityScopeFor', () => {
  it.each([
    ['global grant gives every entity', [{ role: 'ar_clerk', entityId: null }], 'customers:write', { all: true }],
    ['entity grant gives that entity', [{ role: 'ar_clerk', entityId: 'ent_US' }], 'customers:write', { all: false, entityIds: ['ent_US'] }],
    ['role without the permission gives nothing', [{ role: 'approver', entityId: null }], 'customers:write', { all: false, entityIds: [] }],
    [
      'grants add up across entities',
      [{ role: 'ar_clerk', entityId: 'ent_US' }, { role: 'controller', entityId: 'ent_DE' }],
      'customers:write',
      { all: false, entityIds: ['ent_US', 'ent_DE'] },
    ],
    ['auditor is read-only', [{ role: 'auditor', entityId: null }], 'customers:write', { all: false, entityIds: [] }],
  ] as const)('%s', (_name, grants, permission, expected) => {
    expect(entityScopeFor(principal([...grants]), permission)).toEqual(expected);
  });

  it('auditor can read audit history but not administer users', () => {
    const auditor = principal([{ role: 'auditor', entityId: null }]);
    expect(hasPermission(auditor, 'audit:read')).toBe(true);
    expect(hasPermission(auditor, 'users:write')).toBe(false);
  });
});
