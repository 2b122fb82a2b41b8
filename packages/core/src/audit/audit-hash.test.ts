import { describe, expect, it } from 'vitest';
import { auditRowHash, GENESIS_HASH, type AuditHashInput } from './audit-hash.ts';

const row: AuditHashInput = {
  seq: 1n,
  id: 'aud_1',
  occurredAt: new Date('2026-11-26T10:00:00.000Z'),
  actor: 'user:usr_1',
  action: 'customer.created',
  objectType: 'customer',
  objectId: 'cus_1',
  entityId: 'ent_1',
  diff: { before: null, after: { name: 'Acme', b: 1, a: 2 } },
  reason: null,
  requestId: 'req_1',
  prevHash: GENESIS_HASH,
};

describe('auditRowHash', () => {
  it('is a stable sha-256 hex digest', () => {
    expect(auditRowHash(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(row)).toBe(auditRowHash({ ...row }));
  });

  it('ignores key order inside the diff (jsonb reorders keys)', () => {
    expect(auditRowHash({ ...row, diff: { after: { a: 2, name: 'Acme', b: 1 }, before: null } })).toBe(auditRowHash(row));
  });

  it.each([
    ['actor', { actor: 'user:usr_2' }],
    ['diff value', { diff: { before: null, after: { name: 'Acme Ltd', b: 1, a: 2 } } }],
    ['previous hash', { prevHash: 'f'.repeat(64) }],
    ['sequence', { seq: 2n }],
    ['time', { occurredAt: new Date('2026-11-26T10:00:00.001Z') }],
    ['reason', { reason: 'fixed typo' }],
  ])('changes when the %s changes', (_field, change) => {
    expect(auditRowHash({ ...row, ...change })).not.toBe(auditRowHash(row));
  });
});
