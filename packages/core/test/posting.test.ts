import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  POST_DOCUMENT_JOB,
  PostingRefused,
  SYSTEM_CONTEXT,
  builtinLedger,
  exportLedgerCsv,
  exportLedgerHledger,
  finalizeInvoice,
  getInvoice,
  getTrialBalance,
  listExceptions,
  listExceptionsQuery,
  listIntegrationEvents,
  listIntegrationEventsQuery,
  loadCanonicalPosting,
  postDocument,
  type Db,
  type PostingConnector,
} from '@invoiceops/core';
import { createBillingFixture, createTestContract, invoicesFor, runBillAt, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const NOW = new Date('2026-02-02T08:00:00Z');

/** An issued January invoice (no controls in force: straight through) for a fresh customer. */
async function issuedInvoice(db: Db) {
  const f = await createBillingFixture(db);
  await createTestContract(db, f, { startDate: '2026-01-01' });
  await runBillAt(db, { period: '2026-01', customerId: f.customer.id }, NOW);
  const [draft] = await invoicesFor(db, f.customer.id, '2026-01');
  const invoice = await finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, NOW);
  return { f, invoice };
}

const refusing: PostingConnector = {
  name: 'netsuite_sim',
  post: async () => {
    throw new PostingRefused('the ERP has no account 4000 in subsidiary 3 (INVALID_KEY_OR_REF)', 'INVALID_KEY_OR_REF', 'posting_failure', 400);
  },
};

describe.each(testDatabaseKinds())('posting to the built-in ledger on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('queues the posting when a document is issued, posts it once as a balanced journal entry, and logs the attempt', async () => {
    await withRollback(t.db, async (db) => {
      const { invoice } = await issuedInvoice(db);
      const jobs = await db.selectFrom('jobs').select('payload').where('type', '=', POST_DOCUMENT_JOB).where('dedupeKey', '=', `${POST_DOCUMENT_JOB}:${invoice.id}`).execute();
      expect(jobs).toHaveLength(1);

      const first = await postDocument(db, SYSTEM_CONTEXT, invoice.id, builtinLedger, { now: NOW });
      expect(first).toMatchObject({ outcome: 'posted', lifecycle: 'posted', error: null });
      const posted = await getInvoice(db, invoice.id);
      expect(posted.lifecycle).toBe('posted');
      expect([posted.erpDocumentId, posted.postedAt]).toEqual([first.erpDocumentId, NOW.toISOString()]);
      const lines = await db.selectFrom('ledgerLines').selectAll().where('journalId', '=', first.erpDocumentId!).execute();
      const debit = lines.reduce((s, l) => s + l.debitMinor, 0n);
      const credit = lines.reduce((s, l) => s + l.creditMinor, 0n);
      expect(debit).toBe(credit);
      expect(debit).toBeGreaterThan(0n);

      // A second job for the same document (a replay) posts nothing more.
      const again = await postDocument(db, SYSTEM_CONTEXT, invoice.id, builtinLedger, { now: NOW });
      expect(again.outcome).toBe('skipped');
      // The connector itself recognises the document by its external id.
      const direct = await builtinLedger.post(db as never, await loadCanonicalPosting(db as never, invoice.id));
      expect(direct).toEqual({ outcome: 'already_posted', erpDocumentId: first.erpDocumentId });
      const journals = await db.selectFrom('ledgerJournals').select('id').where('documentId', '=', invoice.id).execute();
      expect(journals).toHaveLength(1);

      const events = await listIntegrationEvents(db, listIntegrationEventsQuery.parse({ documentId: invoice.id }), ALL_ENTITIES);
      expect(events.data.map((e) => [e.connector, e.operation, e.attempt, e.outcome, e.documentNumber, e.amount, e.currency])).toEqual([
        ['builtin_ledger', 'post', 1, 'posted', invoice.number, invoice.total, invoice.currency],
      ]);
    });
  });

  it('holds a refused posting with a posting-failure exception in words, and a retry that succeeds resolves it', async () => {
    await withRollback(t.db, async (db) => {
      const { invoice } = await issuedInvoice(db);
      const failed = await postDocument(db, SYSTEM_CONTEXT, invoice.id, refusing, { now: NOW });
      expect(failed).toMatchObject({ outcome: 'failed', lifecycle: 'on_hold', error: 'the ERP has no account 4000 in subsidiary 3 (INVALID_KEY_OR_REF)' });
      const [exception] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: invoice.id, status: 'open' }), ALL_ENTITIES, NOW)).data;
      expect(exception).toMatchObject({ category: 'posting_failure', sourceSystem: 'erp.netsuite_sim', severity: 'block' });
      expect(exception!.title).toBe(`Posting ${invoice.number} to netsuite_sim failed: the ERP has no account 4000 in subsidiary 3 (INVALID_KEY_OR_REF)`);
      const [event] = (await listIntegrationEvents(db, listIntegrationEventsQuery.parse({ documentId: invoice.id, outcome: 'failed' }), ALL_ENTITIES)).data;
      expect(event).toMatchObject({ attempt: 1, errorCode: 'INVALID_KEY_OR_REF', httpStatus: 400, exceptionCategory: 'posting_failure' });

      // Without `retry`, a document on hold is not posted by a stray job.
      expect((await postDocument(db, SYSTEM_CONTEXT, invoice.id, builtinLedger, { now: NOW })).outcome).toBe('skipped');
      const retried = await postDocument(db, SYSTEM_CONTEXT, invoice.id, builtinLedger, { retry: true, now: NOW });
      expect(retried).toMatchObject({ outcome: 'posted', lifecycle: 'posted' });
      const [resolved] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: invoice.id }), ALL_ENTITIES, NOW)).data;
      expect([resolved!.status, resolved!.resolution]).toEqual(['resolved', 'corrected_revalidated']);
      const attempts = (await listIntegrationEvents(db, listIntegrationEventsQuery.parse({ documentId: invoice.id }), ALL_ENTITIES)).data.map((e) => [e.connector, e.attempt, e.outcome]);
      expect(attempts).toEqual([['netsuite_sim', 1, 'failed'], ['builtin_ledger', 1, 'posted']]);
    });
  });

  it('keeps a balanced trial balance and exports the journal as CSV and hledger', async () => {
    await withRollback(t.db, async (db) => {
      const { f, invoice } = await issuedInvoice(db);
      await postDocument(db, SYSTEM_CONTEXT, invoice.id, builtinLedger, { now: NOW });
      const tb = await getTrialBalance(db, { entityId: f.entity.id }, ALL_ENTITIES);
      expect(tb.balanced).toBe(true);
      const receivable = tb.rows.find((r) => r.debit !== '0.00');
      expect(receivable).toMatchObject({ currency: 'EUR', debit: invoice.total, credit: '0.00', balance: invoice.total });
      const csv = await exportLedgerCsv(db, { entityId: f.entity.id }, ALL_ENTITIES);
      expect(csv.split('\n')[0]).toBe('journal_id,posting_date,document_number,memo,line_no,account_code,currency,debit,credit,line_memo');
      expect(csv).toContain(`,${invoice.issueDate},${invoice.number},Invoice ${invoice.number},1,`);
      const journal = await exportLedgerHledger(db, { entityId: f.entity.id }, ALL_ENTITIES);
      expect(journal.split('\n')[0]).toMatch(new RegExp(`^${invoice.issueDate} \\(${invoice.number}\\) Invoice ${invoice.number}  ; journal:jnl_`));
      expect(journal).toContain(`    ${receivable!.accountCode}  ${invoice.total} EUR`);
      // Amounts in the hledger file sum to zero per transaction.
      const amounts = journal.split('\n').filter((l) => l.startsWith('    ')).map((l) => Number(l.trim().split(/\s+/)[1]));
      expect(amounts.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_journals WHERE entity_id = ${f.entity.id}`.execute(db)).rows[0]!.n).toBe(1);
    });
  });
});
