import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, POST_DOCUMENT_JOB, SYSTEM_CONTEXT, finalizeInvoice, listDeadLetters, replayDeadLetters, type Db } from '@invoiceops/core';
import { createBillingFixture, createTestContract, invoicesFor, runBillAt, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const NOW = new Date('2026-02-02T08:00:00Z');

/** An issued invoice whose posting job ran out of attempts. */
async function deadPosting(db: Db) {
  const f = await createBillingFixture(db);
  await createTestContract(db, f, { startDate: '2026-01-01' });
  await runBillAt(db, { period: '2026-01', customerId: f.customer.id }, NOW);
  const [draft] = await invoicesFor(db, f.customer.id, '2026-01');
  const invoice = await finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, NOW);
  const job = await db.updateTable('jobs').set({ state: 'dead', attempts: 10, lastError: 'NetSuite had a problem (HTTP 503)', finishedAt: NOW })
    .where('dedupeKey', '=', `${POST_DOCUMENT_JOB}:${invoice.id}`).returning('id').executeTakeFirstOrThrow();
  return { invoice, jobId: job.id, entityId: invoice.entityId };
}

describe.each(testDatabaseKinds())('dead letters on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('lists a dead posting with its document, only to users of its entity, and replays it with fresh attempts', async () => {
    await withRollback(t.db, async (db) => {
      const { invoice, jobId, entityId } = await deadPosting(db);
      const all = await listDeadLetters(db, { type: POST_DOCUMENT_JOB, limit: 100 });
      expect(all.find((d) => d.id === jobId)).toMatchObject({ attempts: 10, lastError: 'NetSuite had a problem (HTTP 503)', document: { id: invoice.id, number: invoice.number, entityId } });

      const elsewhere = { all: false as const, entityIds: ['ent_elsewhere'] };
      expect((await listDeadLetters(db, { type: POST_DOCUMENT_JOB, limit: 100 }, elsewhere)).map((d) => d.id)).not.toContain(jobId);
      await expect(replayDeadLetters(db, { actor: 'user:x' }, { ids: [jobId] }, elsewhere)).rejects.toMatchObject({ code: 'forbidden' });

      const own = { all: false as const, entityIds: [entityId] };
      expect(await replayDeadLetters(db, { actor: 'user:x' }, { ids: [jobId] }, own)).toEqual({ replayed: [jobId] });
      const job = await db.selectFrom('jobs').select(['state', 'attempts', 'finishedAt']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(job).toEqual({ state: 'queued', attempts: 0, finishedAt: null });
      // Not dead any more: a second replay by id is refused, naming it.
      await expect(replayDeadLetters(db, { actor: 'user:x' }, { ids: [jobId] })).rejects.toThrow(`not in the dead-letter queue: ${jobId}`);
    });
  });
});
