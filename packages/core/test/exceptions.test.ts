import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  applyBulkExceptionAction,
  assignException,
  commentOnException,
  createUser,
  getException,
  listAuditForObject,
  listExceptions,
  listExceptionsQuery,
  raiseException,
  resolveException,
  type ActorContext,
  type Db,
  type EntityScope,
  type RaiseExceptionInput,
  type Role,
} from '@invoiceops/core';
import { appErrorOf, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, unique, useTestDatabase, withRollback } from '@invoiceops/testing';

const RULE: ActorContext = { actor: 'rule:builtin.po_missing@1' };
const CLERK: ActorContext = { actor: 'user:usr_clerk' };
const CONTROLLER: ActorContext = { actor: 'user:usr_controller' };
const T0 = new Date('2026-03-02T09:00:00.000Z');
const hoursAfter = (hours: number, ms = 0) => new Date(T0.getTime() + hours * 3_600_000 + ms);
const only = (...entityIds: string[]): EntityScope => ({ all: false, entityIds });
/** What a clerk holds: works exceptions everywhere, overrides nowhere. */
const CLERK_SCOPES = { manage: ALL_ENTITIES, override: only() };
const CONTROLLER_SCOPES = { manage: ALL_ENTITIES, override: ALL_ENTITIES };

/** A finalized invoice of a fresh entity (or a void one). */
async function invoiceIn(db: Db, status = 'finalized') {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id);
  const invoice = await createFinalizedInvoice(db, { entityId: entity.id, customerId: customer.id, total: '1190.00', issueDate: '2026-03-01', dueDate: '2026-03-31', status });
  return { entityId: entity.id, customerId: customer.id, invoiceId: invoice.id };
}

function poMissing(documentId: string, overrides: Partial<RaiseExceptionInput> = {}): RaiseExceptionInput {
  return {
    documentType: 'invoice',
    documentId,
    category: 'po_reference',
    sourceSystem: 'invoiceops.rules',
    ruleId: 'builtin.po_missing',
    ruleVersion: 1,
    severity: 'block',
    title: 'The customer requires a PO number and the invoice has none',
    details: { customerNumber: 'C-1', totalMinor: 119000n },
    assigneeTeam: 'billing',
    ...overrides,
  };
}

const raise = async (db: Db, input: RaiseExceptionInput, at = T0) => (await raiseException(db, RULE, input, ALL_ENTITIES, at)).exception;

/** A machine user holding `role` (for every entity, or one). */
async function userWith(db: Db, role: Role, entityId: string | null = null): Promise<string> {
  const user = await createUser(db, SYSTEM_CONTEXT, {
    email: `${unique('x')}@test.invoiceops.dev`.toLowerCase(),
    name: `Test ${role}`,
    kind: 'machine',
    grants: [{ role, entityId }],
    approvalLimits: [],
  });
  return user.id;
}

const auditOf = async (db: Db, id: string) => (await listAuditForObject(db, 'exception', id)).map((a) => [a.action, a.actor, a.reason]);

describe.each(testDatabaseKinds())('exception queues on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('raises once per document and rule while open: a repeat returns the open exception and writes nothing', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const first = await raiseException(trx, RULE, poMissing(doc.invoiceId), ALL_ENTITIES, T0);
      expect(first.created).toBe(true);
      expect(first.exception).toMatchObject({
        entityId: doc.entityId,
        documentType: 'invoice',
        documentId: doc.invoiceId,
        category: 'po_reference',
        ruleId: 'builtin.po_missing',
        ruleVersion: 1,
        status: 'open',
        assigneeTeam: 'billing',
        assigneeUserId: null,
        details: { customerNumber: 'C-1', totalMinor: '119000' },
        dueAt: hoursAfter(48).toISOString(),
        overdue: false,
        resolution: null,
        version: 1,
      });
      const again = await raiseException(trx, RULE, poMissing(doc.invoiceId, { title: 'seen again' }), ALL_ENTITIES, hoursAfter(5));
      expect(again.created).toBe(false);
      expect(again.exception.id).toBe(first.exception.id);
      expect(again.exception.title).toBe(first.exception.title);
      expect(await auditOf(trx, first.exception.id)).toEqual([['exception.raised', RULE.actor, null]]);

      const otherRule = await raise(trx, poMissing(doc.invoiceId, { ruleId: 'builtin.po_mismatch' }));
      expect(otherRule.id).not.toBe(first.exception.id);
      // Without a rule, the category is the key: two posting failures of one invoice are one exception.
      const posting = { ruleId: null, ruleVersion: null, category: 'posting_failure', sourceSystem: 'erp.netsuite' } as const;
      const failed = await raise(trx, poMissing(doc.invoiceId, posting));
      expect((await raise(trx, poMissing(doc.invoiceId, posting))).id).toBe(failed.id);
      expect((await listExceptions(trx, listExceptionsQuery.parse({ documentId: doc.invoiceId }), ALL_ENTITIES)).data).toHaveLength(3);
    });
  });

  it('opens one exception when the same problem is raised by concurrent transactions', async () => {
    const doc = await invoiceIn(t.db);
    const raised = await Promise.all([1, 2, 3].map(() => raiseException(t.db, RULE, poMissing(doc.invoiceId), ALL_ENTITIES)));
    expect(new Set(raised.map((r) => r.exception.id)).size).toBe(1);
    expect(raised.filter((r) => r.created)).toHaveLength(1);
  });

  it('opens a new exception when the same problem comes back after a resolution', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const first = await raise(trx, poMissing(doc.invoiceId));
      await resolveException(trx, CLERK, first.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES);
      const second = await raiseException(trx, RULE, poMissing(doc.invoiceId), ALL_ENTITIES, hoursAfter(30));
      expect(second.created).toBe(true);
      expect(second.exception.id).not.toBe(first.id);
      expect(second.exception.dueAt).toBe(hoursAfter(30 + 48).toISOString());
    });
  });

  it('sets the due time from the category SLA policy and reports overdue only after it', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const dues = [];
      for (const [category, hours] of [['master_data', 24], ['tax', 24], ['pricing', 48], ['entitlement', 72], ['duplicate', 24], ['match_variance', 48], ['approval_delay', 24], ['posting_failure', 4], ['anomaly', 72]] as const) {
        const exception = await raise(trx, poMissing(doc.invoiceId, { category, ruleId: `custom.${category}` }));
        dues.push([category, exception.dueAt === hoursAfter(hours).toISOString()]);
      }
      expect(dues.filter(([, ok]) => !ok)).toEqual([]);

      const posting = (await listExceptions(trx, listExceptionsQuery.parse({ documentId: doc.invoiceId, category: 'posting_failure' }), ALL_ENTITIES)).data[0]!;
      expect((await getException(trx, posting.id, ALL_ENTITIES, hoursAfter(4))).overdue).toBe(false);
      expect((await getException(trx, posting.id, ALL_ENTITIES, hoursAfter(4, 1))).overdue).toBe(true);
      const overdueAt = async (now: Date, overdue: 'true' | 'false') =>
        (await listExceptions(trx, listExceptionsQuery.parse({ documentId: doc.invoiceId, overdue }), ALL_ENTITIES, now)).data.map((e) => e.category).sort();
      expect(await overdueAt(hoursAfter(25), 'true')).toEqual(['approval_delay', 'duplicate', 'master_data', 'posting_failure', 'tax']);
      expect(await overdueAt(hoursAfter(25), 'false')).toEqual(['anomaly', 'entitlement', 'match_variance', 'pricing']);
      await resolveException(trx, CLERK, posting.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES, hoursAfter(30));
      expect((await getException(trx, posting.id, ALL_ENTITIES, hoursAfter(100))).overdue).toBe(false);
      expect(await overdueAt(hoursAfter(25), 'true')).not.toContain('posting_failure');
    });
  });

  it('lists with filters and cursor pages, only inside the entity scope', async () => {
    await withRollback(t.db, async (trx) => {
      const a = await invoiceIn(trx);
      const b = await invoiceIn(trx);
      const raised = [
        await raise(trx, poMissing(a.invoiceId)),
        await raise(trx, poMissing(a.invoiceId, { ruleId: 'builtin.tax_id_missing', category: 'tax', assigneeTeam: 'tax' })),
        await raise(trx, poMissing(b.invoiceId)),
      ];
      const list = (query: Record<string, string>, scope: EntityScope = ALL_ENTITIES) =>
        listExceptions(trx, listExceptionsQuery.parse({ ...query }), scope).then((p) => ({ ids: p.data.map((e) => e.id), nextCursor: p.nextCursor }));

      const page1 = await list({ entityId: a.entityId, limit: '1' });
      expect(page1.ids).toEqual([raised[0]!.id]);
      const page2 = await list({ entityId: a.entityId, limit: '1', cursor: page1.nextCursor! });
      expect(page2).toEqual({ ids: [raised[1]!.id], nextCursor: null });
      expect((await list({ documentId: a.invoiceId, category: 'tax' })).ids).toEqual([raised[1]!.id]);
      expect((await list({ documentId: a.invoiceId, assigneeTeam: 'billing', status: 'open' })).ids).toEqual([raised[0]!.id]);
      expect((await list({ documentId: a.invoiceId, status: 'resolved' })).ids).toEqual([]);
      expect((await list({ documentType: 'invoice', sourceSystem: 'invoiceops.rules' }, only(b.entityId))).ids).toEqual([raised[2]!.id]);
      expect((await list({}, only())).ids).toEqual([]);
      const clerk = await userWith(trx, 'ar_clerk');
      await assignException(trx, CLERK, raised[2]!.id, { userId: clerk }, ALL_ENTITIES);
      expect((await list({ assigneeUserId: clerk })).ids).toEqual([raised[2]!.id]);
    });
  });

  it('assigns to a user who may work exceptions, keeps the team, and audits each change', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const exception = await raise(trx, poMissing(doc.invoiceId));
      const clerk = await userWith(trx, 'ar_clerk', doc.entityId);
      const assigned = await assignException(trx, CLERK, exception.id, { userId: clerk }, only(doc.entityId));
      expect(assigned).toMatchObject({ assigneeUserId: clerk, assigneeTeam: 'billing', version: 2 });
      const same = await assignException(trx, CLERK, exception.id, { userId: clerk, team: 'billing' }, ALL_ENTITIES);
      expect(same.version).toBe(2);
      const moved = await assignException(trx, CLERK, exception.id, { userId: null, team: 'tax' }, ALL_ENTITIES);
      expect(moved).toMatchObject({ assigneeUserId: null, assigneeTeam: 'tax', version: 3 });
      const audit = await listAuditForObject(trx, 'exception', exception.id);
      expect(audit.map((a) => a.action)).toEqual(['exception.raised', 'exception.assigned', 'exception.assigned']);
      expect(audit[2]!.diff).toMatchObject({ before: { assigneeUserId: clerk, assigneeTeam: 'billing' }, after: { assigneeUserId: null, assigneeTeam: 'tax' } });
    });
  });

  it('refuses an assignee who cannot work exceptions of the entity', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const other = await invoiceIn(trx);
      const exception = await raise(trx, poMissing(doc.invoiceId));
      const cases = [
        ['auditor', await userWith(trx, 'auditor')],
        ['clerk of another entity', await userWith(trx, 'ar_clerk', other.entityId)],
        ['unknown user', 'usr_00000000000000000000000000'],
      ] as const;
      for (const [name, userId] of cases) {
        const error = await appErrorOf(assignException(trx, CLERK, exception.id, { userId }, ALL_ENTITIES));
        expect([name, error.code, error.issues[0]?.path]).toEqual([name, 'validation_failed', '/userId']);
      }
      expect((await getException(trx, exception.id, ALL_ENTITIES)).assigneeUserId).toBeNull();
    });
  });

  it('keeps comments in order on open and resolved exceptions, each audited', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const exception = await raise(trx, poMissing(doc.invoiceId));
      await commentOnException(trx, CLERK, exception.id, { body: 'Asked the customer for the PO.' }, ALL_ENTITIES);
      await resolveException(trx, CLERK, exception.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES);
      await commentOnException(trx, CONTROLLER, exception.id, { body: 'PO 4711 received by mail.' }, ALL_ENTITIES);
      const read = await getException(trx, exception.id, ALL_ENTITIES);
      expect(read.comments.map((c) => [c.author, c.body])).toEqual([
        [CLERK.actor, 'Asked the customer for the PO.'],
        [CONTROLLER.actor, 'PO 4711 received by mail.'],
      ]);
      expect((await auditOf(trx, exception.id)).map(([action]) => action)).toEqual(['exception.raised', 'exception.commented', 'exception.resolved', 'exception.commented']);
      expect((await appErrorOf(commentOnException(trx, CLERK, exception.id, { body: '   ' }, ALL_ENTITIES))).issues[0]?.path).toBe('/body');
    });
  });

  it('resolves as corrected, voided or credited only when that is true of the document', async () => {
    await withRollback(t.db, async (trx) => {
      const live = await invoiceIn(trx);
      const voided = await invoiceIn(trx, 'void');
      const corrected = await raise(trx, poMissing(live.invoiceId));
      const resolved = await resolveException(trx, CLERK, corrected.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES, hoursAfter(2));
      expect(resolved).toMatchObject({ status: 'resolved', resolution: 'corrected_revalidated', resolvedBy: CLERK.actor, resolvedAt: hoursAfter(2).toISOString(), resolutionReason: null, version: 2 });

      const onLive = await raise(trx, poMissing(live.invoiceId, { ruleId: 'builtin.price_mismatch', category: 'pricing' }));
      expect((await appErrorOf(resolveException(trx, CLERK, onLive.id, { resolution: 'voided' }, CLERK_SCOPES))).code).toBe('illegal_transition');
      expect((await appErrorOf(resolveException(trx, CLERK, onLive.id, { resolution: 'credited' }, CLERK_SCOPES))).code).toBe('illegal_transition');
      const memo = await createFinalizedInvoice(trx, { entityId: live.entityId, customerId: live.customerId, total: '1190.00', issueDate: '2026-03-05', dueDate: '2026-03-05', kind: 'credit_memo' });
      await trx.updateTable('invoices').set({ creditedInvoiceId: live.invoiceId }).where('id', '=', memo.id).execute();
      expect(await resolveException(trx, CLERK, onLive.id, { resolution: 'credited', reason: 'credited in full' }, CLERK_SCOPES)).toMatchObject({ resolution: 'credited', resolutionReason: 'credited in full' });

      const onVoid = await raise(trx, poMissing(voided.invoiceId));
      expect((await resolveException(trx, CLERK, onVoid.id, { resolution: 'voided' }, CLERK_SCOPES)).resolution).toBe('voided');
      expect((await appErrorOf(resolveException(trx, CLERK, onVoid.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES))).code).toBe('illegal_transition');
      expect((await appErrorOf(assignException(trx, CLERK, onVoid.id, { team: 'tax' }, ALL_ENTITIES))).code).toBe('illegal_transition');
      expect(await auditOf(trx, onVoid.id)).toEqual([['exception.raised', RULE.actor, null], ['exception.resolved', CLERK.actor, null]]);
    });
  });

  it('lets only an override holder override, and only with a reason', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const other = await invoiceIn(trx);
      const exception = await raise(trx, poMissing(doc.invoiceId));
      const clerkTry = await appErrorOf(resolveException(trx, CLERK, exception.id, { resolution: 'overridden', reason: 'trust me' }, CLERK_SCOPES));
      expect(clerkTry.code).toBe('forbidden');
      expect(clerkTry.message).toMatch(/exceptions:override/);
      const elsewhere = await appErrorOf(resolveException(trx, CONTROLLER, exception.id, { resolution: 'overridden', reason: 'ok' }, { manage: ALL_ENTITIES, override: only(other.entityId) }));
      expect(elsewhere.code).toBe('forbidden');
      for (const reason of [undefined, '', '   ']) {
        const error = await appErrorOf(resolveException(trx, CONTROLLER, exception.id, { resolution: 'overridden', ...(reason === undefined ? {} : { reason }) }, CONTROLLER_SCOPES));
        expect([error.code, error.issues[0]?.path]).toEqual(['validation_failed', '/reason']);
      }
      expect((await getException(trx, exception.id, ALL_ENTITIES)).status).toBe('open');

      const overridden = await resolveException(trx, CONTROLLER, exception.id, { resolution: 'overridden', reason: ' PO waived by the customer contract, clause 7 ' }, { manage: ALL_ENTITIES, override: only(doc.entityId) });
      expect(overridden).toMatchObject({ status: 'resolved', resolution: 'overridden', resolutionReason: 'PO waived by the customer contract, clause 7', resolvedBy: CONTROLLER.actor });
      expect(await auditOf(trx, exception.id)).toEqual([
        ['exception.raised', RULE.actor, null],
        ['exception.overridden', CONTROLLER.actor, 'PO waived by the customer contract, clause 7'],
      ]);
    });
  });

  it('judges each item of a bulk action on its own and reports one result per id', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const outside = await invoiceIn(trx);
      const open = await raise(trx, poMissing(doc.invoiceId));
      const done = await raise(trx, poMissing(doc.invoiceId, { ruleId: 'builtin.tax_id_missing', category: 'tax' }));
      await resolveException(trx, CLERK, done.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES);
      const foreign = await raise(trx, poMissing(outside.invoiceId));
      const missing = 'exc_00000000000000000000000000';
      const scopes = { manage: only(doc.entityId), override: only() };

      const result = await applyBulkExceptionAction(trx, CLERK, { action: 'resolve', ids: [done.id, open.id, foreign.id, missing], resolution: { resolution: 'corrected_revalidated' } }, scopes);
      expect(result.results.map((r) => [r.id, r.ok, r.error?.code ?? r.exception?.status])).toEqual([
        [done.id, false, 'illegal_transition'],
        [open.id, true, 'resolved'],
        [foreign.id, false, 'forbidden'],
        [missing, false, 'not_found'],
      ]);
      expect([result.succeeded, result.failed]).toEqual([1, 3]);
      expect((await getException(trx, foreign.id, ALL_ENTITIES)).status).toBe('open');
      expect((await auditOf(trx, open.id)).map(([action]) => action)).toEqual(['exception.raised', 'exception.resolved']);
      expect(await auditOf(trx, foreign.id)).toHaveLength(1);

      // An override in bulk needs the permission for each item; a clerk gets one refusal per item.
      const another = await raise(trx, poMissing(doc.invoiceId, { ruleId: 'builtin.price_mismatch', category: 'pricing' }));
      const overrides = await applyBulkExceptionAction(trx, CLERK, { action: 'resolve', ids: [another.id, foreign.id], resolution: { resolution: 'overridden', reason: 'fine' } }, { manage: ALL_ENTITIES, override: only(outside.entityId) });
      expect(overrides.results.map((r) => [r.ok, r.error?.code ?? r.exception?.resolution])).toEqual([[false, 'forbidden'], [true, 'overridden']]);

      const clerk = await userWith(trx, 'ar_clerk');
      const assigned = await applyBulkExceptionAction(trx, CLERK, { action: 'assign', ids: [another.id, done.id], assignment: { userId: clerk } }, CONTROLLER_SCOPES);
      expect(assigned.results.map((r) => [r.ok, r.error?.code ?? r.exception?.assigneeUserId])).toEqual([[true, clerk], [false, 'illegal_transition']]);
      const badUser = await applyBulkExceptionAction(trx, CLERK, { action: 'assign', ids: [another.id], assignment: { userId: 'usr_00000000000000000000000000' } }, CONTROLLER_SCOPES);
      expect(badUser.results[0]!.error).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: '/userId' })] });
    });
  });

  it('refuses every action outside the caller\'s entity scope', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const other = await invoiceIn(trx);
      const exception = await raise(trx, poMissing(doc.invoiceId));
      const elsewhere = only(other.entityId);
      const attempts = [
        () => getException(trx, exception.id, elsewhere),
        () => assignException(trx, CLERK, exception.id, { team: 'tax' }, elsewhere),
        () => commentOnException(trx, CLERK, exception.id, { body: 'hello' }, elsewhere),
        () => resolveException(trx, CLERK, exception.id, { resolution: 'corrected_revalidated' }, { manage: elsewhere, override: elsewhere }),
        () => raiseException(trx, RULE, poMissing(doc.invoiceId, { ruleId: 'custom.other' }), elsewhere),
      ];
      const refusals = [];
      for (const attempt of attempts) refusals.push((await appErrorOf(attempt())).code);
      expect(refusals).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
      expect(await auditOf(trx, exception.id)).toHaveLength(1);
    });
  });

  it('refuses bad raise input with the field named', async () => {
    await withRollback(t.db, async (trx) => {
      const doc = await invoiceIn(trx);
      const pathOf = async (input: RaiseExceptionInput) => {
        const error = await appErrorOf(raiseException(trx, RULE, input, ALL_ENTITIES));
        return [error.code, error.issues[0]?.path ?? null];
      };
      expect(await pathOf(poMissing(doc.invoiceId, { documentType: 'supplier_bill' }))).toEqual(['validation_failed', '/documentType']);
      expect(await pathOf(poMissing(doc.invoiceId, { documentType: 'credit_memo' }))).toEqual(['not_found', null]);
      expect(await pathOf(poMissing('inv_00000000000000000000000000'))).toEqual(['not_found', null]);
      expect(await pathOf(poMissing(doc.invoiceId, { ruleId: null }))).toEqual(['validation_failed', '/ruleVersion']);
      expect(await pathOf(poMissing(doc.invoiceId, { category: 'weather' as 'tax' }))).toEqual(['validation_failed', '/category']);
      expect(await pathOf(poMissing(doc.invoiceId, { title: ' ' }))).toEqual(['validation_failed', '/title']);
    });
  });

  it('never lets an exception disappear: no delete, and a resolution is final', async () => {
    const attempt = (change: (trx: Db, id: string) => Promise<unknown>) =>
      withRollback(t.db, async (trx) => {
        const doc = await invoiceIn(trx);
        const exception = await raise(trx, poMissing(doc.invoiceId));
        await resolveException(trx, CLERK, exception.id, { resolution: 'corrected_revalidated' }, CLERK_SCOPES);
        await change(trx, exception.id);
      });
    await expect(attempt((trx, id) => trx.deleteFrom('exceptions').where('id', '=', id).execute())).rejects.toThrow(/refused/);
    await expect(attempt((trx, id) => sql`UPDATE exceptions SET status = 'open', resolution = NULL, resolved_at = NULL, resolved_by = NULL WHERE id = ${id}`.execute(trx))).rejects.toThrow(/refused/);
    await expect(attempt(async (trx, id) => {
      await commentOnException(trx, CLERK, id, { body: 'to be erased' }, ALL_ENTITIES);
      await trx.deleteFrom('exceptionComments').where('exceptionId', '=', id).execute();
    })).rejects.toThrow(/refused/);
    await expect(attempt((trx, id) => trx.updateTable('exceptions').set({ title: 'renamed' }).where('id', '=', id).execute())).rejects.toThrow(/refused/);
  });
});
