import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain, type Db } from '@invoiceops/core';
import { createCustomer, createLegalEntity, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

async function auditRows(db: Db) {
  return db.selectFrom('auditLog').select(['seq', 'id']).orderBy('seq').execute();
}

describe.each(testDatabaseKinds())('audit trail on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('keeps one unbroken chain while many writers append at once', async () => {
    const entity = await createLegalEntity(t.db);
    await Promise.all(Array.from({ length: 12 }, () => createCustomer(t.db, entity.id)));
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true });
    expect(result.rowsChecked).toBeGreaterThanOrEqual(13);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await createLegalEntity(t.db);
    await expect(sql`UPDATE audit_log SET actor = 'user:mallory'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects a row altered behind the trigger and names it', async () => {
    await createLegalEntity(t.db);
    await withRollback(t.db, async (trx) => {
      const rows = await auditRows(trx);
      const target = rows[Math.floor(rows.length / 2)]!;
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
      await sql`UPDATE audit_log SET actor = 'user:mallory' WHERE seq = ${target.seq}`.execute(trx);
      const result = await verifyAuditChain(trx);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: target.seq.toString(), id: target.id });
      expect(result.firstBroken!.problem).toMatch(/altered/);
    });
  });

  it('detects a deleted row as a gap in the sequence', async () => {
    await createLegalEntity(t.db);
    await withRollback(t.db, async (trx) => {
      const rows = await auditRows(trx);
      const target = rows[1]!;
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
      await sql`DELETE FROM audit_log WHERE seq = ${target.seq}`.execute(trx);
      const result = await verifyAuditChain(trx);
      expect(result.ok).toBe(false);
      expect(result.firstBroken!.seq).toBe((target.seq + 1n).toString());
      expect(result.firstBroken!.problem).toMatch(/removed/);
    });
  });

  it('detects a row whose hash was recomputed after an edit (the next link breaks)', async () => {
    await createLegalEntity(t.db);
    await createLegalEntity(t.db);
    await withRollback(t.db, async (trx) => {
      const rows = await auditRows(trx);
      const target = rows[0]!;
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
      // A forger who rewrites a row and its hash still breaks the link from the next row.
      await sql`UPDATE audit_log SET reason = 'backdated', hash = ${'a'.repeat(64)} WHERE seq = ${target.seq}`.execute(trx);
      const result = await verifyAuditChain(trx);
      expect(result.ok).toBe(false);
      expect(result.firstBroken!.seq).toBe(target.seq.toString());
    });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
