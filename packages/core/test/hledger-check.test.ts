import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  builtinLedger,
  createBillRun,
  executeBillRun,
  exportLedgerHledger,
  finalizeBillRun,
  getTrialBalance,
  postDocument,
  seedDemoData,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { useTestDatabase } from '@invoiceops/testing';

const HLEDGER = '/usr/bin/hledger';
// CI installs hledger (.ci/run); a developer machine without it skips this file.
const available = existsSync(HLEDGER) || process.env.CI === 'true';

describe.runIf(available)('the built-in ledger checked by hledger', () => {
  const t = useTestDatabase('pglite');

  it('exports, per entity, a journal hledger accepts whose balances equal our trial balance', async () => {
    const db = t.db;
    await seedDemoData(db, { customers: 80, controls: false });
    const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: false }, ALL_ENTITIES, { enqueue: false });
    await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
    await finalizeBillRun(db, SYSTEM_CONTEXT, run.id, ALL_ENTITIES);
    const issued = await db.selectFrom('invoices').select('id').where('status', '=', 'finalized').execute();
    expect(issued.length).toBeGreaterThan(20);
    for (const doc of issued) await postDocument(db, SYSTEM_CONTEXT, doc.id, builtinLedger);

    const entities = await db.selectFrom('ledgerJournals').select('entityId').distinct().execute();
    expect(entities.length).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'invoiceops-hledger-'));
    try {
      for (const { entityId } of entities) {
        const file = join(dir, `${entityId}.journal`);
        writeFileSync(file, await exportLedgerHledger(db, { entityId }, ALL_ENTITIES));
        // `check` fails (non-zero exit, message on stderr) on anything unparseable or unbalanced.
        execFileSync(HLEDGER, ['-f', file, 'check', 'ordereddates'], { stdio: 'pipe' });
        const csv = execFileSync(HLEDGER, ['-f', file, 'balance', '-O', 'csv', '--layout=bare', '--no-total', '--empty'], { encoding: 'utf8' });
        const theirs = csv.trim().split('\n').slice(1).map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')))
          .map(([account, currency, balance]) => `${account} ${currency} ${balance}`).sort();
        const ours = (await getTrialBalance(db, { entityId }, ALL_ENTITIES)).rows.map((r) => `${r.accountCode} ${r.currency} ${r.balance}`).sort();
        expect(theirs).toEqual(ours);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
