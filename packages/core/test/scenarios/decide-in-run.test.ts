import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  billDemoHistory,
  createBillRun,
  executeBillRun,
  finalizeBillRun,
  getDocumentTrace,
  seedDemoData,
  type Db,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

/** A document's id (or a decision's, a transition's) differs between two runs: leave ids out. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/^(id|documentId|decisionId|contextSha256)$/.test(key)).map(([key, v]) => [key, withoutIds(v)]));
}

/**
 * What the controls made of a run's invoices, keyed by customer and currency: lifecycle,
 * status, totals, the decision trace as `GET /v1/invoices/{id}/decisions` reads it
 * (outcomes, what the rules saw — or its fingerprint —, the route, the transitions in
 * order), the exceptions and the approval requests.
 */
async function controlsOutcome(db: Db, billRunId: string): Promise<Record<string, unknown>> {
  const invoices = await db.selectFrom('invoices').select(['id', 'customerId', 'currency', 'lifecycle', 'status', 'totalMinor']).where('billRunId', '=', billRunId).execute();
  const out: Record<string, unknown> = {};
  for (const inv of invoices) {
    const [trace, exceptions, approvals] = await Promise.all([
      getDocumentTrace(db, inv.id, ALL_ENTITIES),
      db.selectFrom('exceptions').select(['category', 'ruleId', 'severity', 'title', 'status']).where('documentId', '=', inv.id).orderBy('category').orderBy('ruleId').execute(),
      sql<Record<string, unknown>>`
        SELECT r.route_id, r.amount_minor::text AS amount, r.currency, r.content_hash, r.created_by, r.status,
          (SELECT json_agg(json_build_object('stage', s.stage, 'name', s.name, 'mode', s.mode, 'candidates', s.candidates, 'status', s.status) ORDER BY s.stage, s.position)
           FROM approval_steps s WHERE s.request_id = r.id) AS steps
        FROM approval_requests r WHERE r.document_id = ${inv.id}`.execute(db),
    ]);
    out[`${inv.customerId}/${inv.currency}`] = withoutIds({
      lifecycle: inv.lifecycle,
      status: inv.status,
      totalMinor: inv.totalMinor.toString(),
      decisions: trace.decisions
        .map(({ kind, outcome, policyKind, policyId, policyVersion, inputs, result, actor }) => ({ kind, outcome, policyKind, policyId, policyVersion, inputs, result, actor }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
      transitions: trace.transitions.map(({ from, to, reason, actor }) => ({ from, to, reason, actor })),
      exceptions,
      approvals: approvals.rows,
    });
  }
  return out;
}

describe.each(testDatabaseKinds())('controls decided in a finalizing bill run, on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('decides every invoice as drafting it and then submitting it does: same lifecycle, trace, exceptions and approvals, on the demo with its planted flaws', async () => {
    await withRollback(t.db, async (db) => {
      const taxEngine = createTaxEngine({ kind: 'builtin' });
      const seeded = await seedDemoData(db, { customers: 300, suppliers: 0, history: true });
      await billDemoHistory(db, { taxEngine, seededAt: new Date(seeded.seededAt) });
      const now = new Date();

      // Drafted, then submitted page by page (how a run that does not finalize is finalized later) — rolled back.
      await sql`SAVEPOINT submitted_later`.execute(db);
      const drafting = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: false }, ALL_ENTITIES, { enqueue: false });
      await executeBillRun(db, SYSTEM_CONTEXT, drafting.id, { taxEngine, now });
      await finalizeBillRun(db, SYSTEM_CONTEXT, drafting.id, ALL_ENTITIES, undefined, { now });
      const submitted = await controlsOutcome(db, drafting.id);
      await sql`ROLLBACK TO SAVEPOINT submitted_later`.execute(db);

      // Decided as the run writes them.
      const finalizing = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
      await executeBillRun(db, SYSTEM_CONTEXT, finalizing.id, { taxEngine, now });
      const decidedInRun = await controlsOutcome(db, finalizing.id);

      expect(Object.keys(decidedInRun)).toHaveLength(210);
      // Every kind of outcome is in the comparison, with exceptions from several rules.
      const lifecycles = new Set(Object.values(decidedInRun).map((o) => (o as { lifecycle: string }).lifecycle));
      expect([...lifecycles].sort()).toEqual(['approved', 'on_hold', 'pending_approval']);
      const rules = new Set(Object.values(decidedInRun).flatMap((o) => (o as { exceptions: { ruleId: string | null }[] }).exceptions.map((e) => e.ruleId)));
      expect(rules.size).toBeGreaterThanOrEqual(4);
      expect(decidedInRun).toEqual(submitted);
      // The run kept the trace of its straight-through invoices that no rule flagged in batches, with no rows of their own; read back above, it is the same.
      const approved = await db.selectFrom('invoices as i').leftJoin('decisionBatchDocuments as d', 'd.documentId', 'i.id')
        .select(['i.id', 'd.batchId']).where('i.billRunId', '=', finalizing.id).where('i.lifecycle', '=', 'approved').execute();
      for (const inv of approved) {
        const { decisions } = await getDocumentTrace(db, inv.id, ALL_ENTITIES);
        const clean = decisions.some((d) => d.kind === 'validation' && typeof d.inputs.contextSha256 === 'string');
        expect(inv.batchId !== null, inv.id).toBe(clean);
      }
      const batched = approved.filter((inv) => inv.batchId !== null);
      expect(batched.length).toBeGreaterThan(approved.length / 2);
      const ownRows = await db.selectFrom('controlDecisions').select((eb) => eb.fn.countAll<string>().as('n')).where('documentId', 'in', batched.map((b) => b.id)).executeTakeFirstOrThrow();
      expect(Number(ownRows.n)).toBe(0);
      // The batches are append-only, like the trace and the transitions.
      for (const statement of ['UPDATE control_decision_batches SET actor = 0', 'DELETE FROM decision_batch_documents', 'TRUNCATE control_decision_batches CASCADE']) {
        await sql`SAVEPOINT refused`.execute(db);
        await expect(sql.raw(statement).execute(db), statement).rejects.toThrow(/append-only/);
        await sql`ROLLBACK TO SAVEPOINT refused`.execute(db);
      }
    });
  });
});
