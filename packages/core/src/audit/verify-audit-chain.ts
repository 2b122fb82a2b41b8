import type { Db } from '../db/transaction.ts';
import { auditRowHash, GENESIS_HASH } from './audit-hash.ts';

/** The outcome of a chain check; `firstBroken` names the first row that fails. */
export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  firstBroken?: { seq: string; id: string; problem: string };
}

const PAGE = 5_000;

/**
 * Recomputes every row's hash in sequence order and checks each row links to the one
 * before. Reports the first row whose content, link or sequence number is wrong.
 */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const { total } = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const totalRows = Number(total);
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = (problem: string): AuditVerification => ({
        ok: false,
        rowsChecked: checked,
        firstBroken: { seq: row.seq.toString(), id: row.id, problem },
      });
      if (row.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${row.seq} (a row was removed)`);
      if (row.prevHash !== prevHash) return broken('previous-hash link does not match the row before (rows removed or reordered)');
      if (auditRowHash(row) !== row.hash) return broken('content does not match its hash (the row was altered)');
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    onProgress?.(checked, totalRows);
  }
  return { ok: true, rowsChecked: checked };
}
