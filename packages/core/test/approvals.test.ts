import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES, SYSTEM_CONTEXT, APPROVAL_REMINDER_JOB, approvalPolicySchema, approveStep, assertMayPost, buildApprovalReminder, createApprovalDelegation,
  ID_PREFIX, getApprovalRequest, newId, parseMoney, listApprovals, listExceptions, listExceptionsQuery, openApprovalRequests, processApprovalDeadlines, rejectRequest,
  reportConflictingRoles, revokeApprovalDelegation, routeDocument, setApprovalLimit, updateApprovalLimit,
  type ApprovalPolicyInput, type Db, type Role, type RoutingFacts,
} from '@invoiceops/core';
import { appErrorOf, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, unique, useTestDatabase, withRollback } from '@invoiceops/testing';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const ctxOf = (userId: string) => ({ actor: `user:${userId}` });

/** A human user with role grants and a user-level EUR limit, written directly (no password hashing: tests stay fast). */
async function user(db: Db, grants: { role: Role; entityId?: string | null }[], limitEur?: string): Promise<string> {
  const id = newId(ID_PREFIX.user);
  await db.insertInto('users').values({ id, email: `${unique('a')}@test.invoiceops.dev`.toLowerCase(), name: 'Test user', passwordHash: null, kind: 'human' }).execute();
  if (grants.length > 0) await db.insertInto('roleGrants').values(grants.map((g) => ({ id: newId(ID_PREFIX.roleGrant), userId: id, role: g.role, entityId: g.entityId ?? null }))).execute();
  if (limitEur) await db.insertInto('approvalLimits').values({ userId: id, currency: 'EUR', amountMinor: parseMoney(limitEur, 'EUR').amount }).execute();
  return id;
}

/** An entity with a clerk (creator), approvers, a cost-center owner, a controller and a CFO, and the policy routing its documents. */
async function world(db: Db) {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id);
  const clerk = await user(db, [{ role: 'ar_clerk' }, { role: 'approver' }], '1000000.00');
  const approver = await user(db, [{ role: 'approver', entityId: entity.id }], '20000.00');
  const smallApprover = await user(db, [{ role: 'approver', entityId: entity.id }], '2000.00');
  const owner = await user(db, [], '100000.00');
  const controller = await user(db, [{ role: 'controller' }], '1000000.00');
  const controller2 = await user(db, [{ role: 'controller' }], '1000000.00');
  const cfo = await user(db, [], '1000000.00');
  const deputy = await user(db, [], '1000000.00');
  const policyInput: ApprovalPolicyInput = {
    routes: [
      { id: 'small', description: 'below 1,000', match: { maxAmount: '1000' }, steps: [] },
      { id: 'mid', description: '1,000 to 10,000', match: { minAmount: '1000', maxAmount: '10000' }, steps: [{ name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] },
      { id: 'large', description: '10,000 and more', match: { minAmount: '10000' }, steps: [
        { parallel: [
          { name: 'Cost center owner', mode: 'any', approvers: [{ owner: 'cost_center' }], slaHours: 24 },
          { name: 'Controller', mode: 'any', approvers: [{ role: 'controller' }], slaHours: 24 },
        ] },
        { name: 'CFO', mode: 'all', approvers: [{ user: cfo }], slaHours: 48 },
      ] },
    ],
    owners: { costCenter: { CC1: owner } },
    settings: { approverMayPost: false, reminderHours: 8, escalateTo: { user: controller2 } },
  };
  const policy = approvalPolicySchema.parse(policyInput);

  /** A document of `total` EUR created by the clerk, pending approval, with its request opened. */
  async function submit(total: string, over: Partial<RoutingFacts> = {}, now = T0) {
    const invoice = await createFinalizedInvoice(db, { entityId: entity.id, customerId: customer.id, total, issueDate: '2026-03-01', dueDate: '2026-03-31' });
    await sql`UPDATE invoices SET lifecycle = 'pending_approval' WHERE id = ${invoice.id}`.execute(db);
    const facts: RoutingFacts = {
      documentType: 'invoice', documentId: invoice.id, entityId: entity.id, functionalAmountMinor: BigInt(total.replace('.', '')), functionalCurrency: 'EUR',
      department: null, costCenter: 'CC1', segment: null, createdBy: `user:${clerk}`, contentHash: 'h1', ...over,
    };
    const route = routeDocument(policy, facts);
    const [opened] = await openApprovalRequests(db, SYSTEM_CONTEXT, [{ facts, route, policyVersion: 3 }], now);
    return { invoiceId: invoice.id, requestId: opened!.requestId, facts, route };
  }
  return { entity, clerk, approver, smallApprover, owner, controller, controller2, cfo, deputy, policy, submit };
}

const approve = (db: Db, userId: string, requestId: string, now = at(1), stepId?: string) => approveStep(db, ctxOf(userId), requestId, { userId, stepId }, ALL_ENTITIES, now);
const lifecycleOf = async (db: Db, id: string) => (await db.selectFrom('invoices').select('lifecycle').where('id', '=', id).executeTakeFirstOrThrow()).lifecycle;

describe.each(testDatabaseKinds())('approvals on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('runs parallel steps, then the next stage, then approves the document and records every decision', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const doc = await w.submit('50000.00');
      let request = await getApprovalRequest(db, doc.requestId, ALL_ENTITIES, T0);
      expect(request).toMatchObject({ routeId: 'large', amount: '50000.00', currency: 'EUR', status: 'pending', policyVersion: 3, submission: 1 });
      expect(request.steps.map((s) => [s.name, s.status, s.dueAt])).toEqual([
        ['Cost center owner', 'pending', at(24).toISOString()], ['Controller', 'pending', at(24).toISOString()], ['CFO', 'waiting', null],
      ]);

      request = await approve(db, w.owner, doc.requestId, at(1));
      expect(request.steps.map((s) => s.status)).toEqual(['approved', 'pending', 'waiting']);
      request = await approve(db, w.controller, doc.requestId, at(2));
      // The second stage opens when the first is done: the CFO step is due 48 hours later.
      expect(request.steps.map((s) => [s.status, s.completedAt, s.dueAt])).toEqual([
        ['approved', at(1).toISOString(), at(24).toISOString()], ['approved', at(2).toISOString(), at(24).toISOString()], ['pending', null, at(50).toISOString()],
      ]);
      expect(await lifecycleOf(db, doc.invoiceId)).toBe('pending_approval');
      request = await approve(db, w.cfo, doc.requestId, at(3));
      expect(request).toMatchObject({ status: 'approved', decidedAt: at(3).toISOString(), decidedBy: `user:${w.cfo}` });
      expect(request.actions!.map((a) => [a.action, a.actorUserId])).toEqual([['approve', w.owner], ['approve', w.controller], ['approve', w.cfo]]);
      expect(await lifecycleOf(db, doc.invoiceId)).toBe('approved');
      const decisions = await db.selectFrom('controlDecisions').select(['kind', 'outcome', 'actor', 'policyVersion']).where('documentId', '=', doc.invoiceId).orderBy('decidedAt').orderBy('id').execute();
      expect(decisions).toEqual([
        { kind: 'approval', outcome: 'step_approved', actor: `user:${w.owner}`, policyVersion: 3 },
        { kind: 'approval', outcome: 'step_approved', actor: `user:${w.controller}`, policyVersion: 3 },
        { kind: 'approval', outcome: 'approved', actor: `user:${w.cfo}`, policyVersion: 3 },
      ]);
    });
  });

  it('refuses segregation-of-duties violations with 403 and a reason naming the rule', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const mid = await w.submit('5000.00');
      const creator = await appErrorOf(approve(db, w.clerk, mid.requestId));
      expect(creator).toMatchObject({ code: 'forbidden', extensions: { rule: 'creator' } });
      expect(creator.message).toContain('its creator may not approve it');
      const overLimit = await appErrorOf(approve(db, w.smallApprover, mid.requestId));
      expect(overLimit).toMatchObject({ code: 'forbidden', extensions: { rule: 'limit' }, message: `invoice ${mid.invoiceId} is 5000.00 EUR, above your approval limit of 2000.00 EUR` });
      const stranger = await appErrorOf(approve(db, w.cfo, mid.requestId));
      expect(stranger).toMatchObject({ code: 'forbidden', extensions: { rule: 'not_candidate' } });
      expect(stranger.message).toContain(`it needs a holder of role approver for entity ${w.entity.id}`);

      const large = await w.submit('50000.00');
      await approve(db, w.controller, large.requestId);
      // The controller is no cost-center owner; and one person approves one step of a request.
      expect(await appErrorOf(approve(db, w.controller, large.requestId))).toMatchObject({ code: 'forbidden', extensions: { rule: 'four_eyes' } });
      expect((await getApprovalRequest(db, large.requestId, ALL_ENTITIES)).actions).toHaveLength(1);
    });
  });

  it('lets a delegate act for a candidate within the delegation window, still subject to SoD and limits', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const doc = await w.submit('50000.00');
      await approve(db, w.owner, doc.requestId);
      await approve(db, w.controller, doc.requestId);
      const delegation = await createApprovalDelegation(db, ctxOf(w.cfo), { toUserId: w.deputy, startsAt: at(10).toISOString(), endsAt: at(20).toISOString(), reason: 'holiday' }, { userId: w.cfo, mayManage: false }, T0);
      expect(await appErrorOf(approve(db, w.deputy, doc.requestId, at(5)))).toMatchObject({ extensions: { rule: 'not_candidate' } });
      expect(await appErrorOf(approve(db, w.deputy, doc.requestId, at(20)))).toMatchObject({ extensions: { rule: 'not_candidate' } });
      // In the window the deputy sees the CFO's step in their queue and may approve it.
      expect((await listApprovals(db, { mine: true, limit: 50 }, { userId: w.deputy, scope: ALL_ENTITIES }, at(12))).data.map((r) => r.id)).toEqual([doc.requestId]);
      expect((await listApprovals(db, { mine: true, limit: 50 }, { userId: w.deputy, scope: ALL_ENTITIES }, at(21))).data).toEqual([]);
      const done = await approve(db, w.deputy, doc.requestId, at(12));
      expect(done.status).toBe('approved');
      expect(done.actions!.at(-1)).toMatchObject({ actorUserId: w.deputy, onBehalfOfUserId: w.cfo });

      // A delegation to the creator does not let the creator approve; a revoked one ends at once.
      const other = await w.submit('5000.00');
      await createApprovalDelegation(db, SYSTEM_CONTEXT, { fromUserId: w.approver, toUserId: w.clerk, startsAt: T0.toISOString(), endsAt: at(48).toISOString(), reason: 'cover' }, { userId: w.controller, mayManage: true }, T0);
      expect(await appErrorOf(approve(db, w.clerk, other.requestId))).toMatchObject({ extensions: { rule: 'creator' } });
      await revokeApprovalDelegation(db, ctxOf(w.cfo), delegation.id, { userId: w.cfo, mayManage: false }, at(13));
      expect(await appErrorOf(createApprovalDelegation(db, ctxOf(w.deputy), { fromUserId: w.cfo, toUserId: w.deputy, startsAt: T0.toISOString(), endsAt: at(1).toISOString(), reason: 'x' }, { userId: w.deputy, mayManage: false }))).toMatchObject({ code: 'forbidden' });
    });
  });

  it('returns a rejected document to draft with the reason, and a resubmission keeps approved steps only when unchanged', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const doc = await w.submit('50000.00');
      await approve(db, w.owner, doc.requestId);
      expect(await appErrorOf(rejectRequest(db, ctxOf(w.controller), doc.requestId, { userId: w.controller, comment: '  ' }, ALL_ENTITIES, at(2)))).toMatchObject({ code: 'validation_failed' });
      const rejected = await rejectRequest(db, ctxOf(w.controller), doc.requestId, { userId: w.controller, comment: 'wrong cost center' }, ALL_ENTITIES, at(2));
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'wrong cost center' });
      expect(rejected.steps.map((s) => s.status)).toEqual(['approved', 'rejected', 'cancelled']);
      expect(await lifecycleOf(db, doc.invoiceId)).toBe('draft');
      const transition = await db.selectFrom('documentTransitions').select(['toState', 'reason']).where('documentId', '=', doc.invoiceId).orderBy('at', 'desc').executeTakeFirstOrThrow();
      expect(transition).toEqual({ toState: 'draft', reason: 'rejected: wrong cost center' });

      const reopen = async (contentHash: string, now: Date) => {
        await sql`UPDATE invoices SET lifecycle = 'pending_approval' WHERE id = ${doc.invoiceId}`.execute(db);
        const [opened] = await openApprovalRequests(db, SYSTEM_CONTEXT, [{ facts: { ...doc.facts, contentHash }, route: doc.route, policyVersion: 3 }], now);
        return getApprovalRequest(db, opened!.requestId, ALL_ENTITIES, now);
      };
      const same = await reopen('h1', at(3));
      expect(same).toMatchObject({ submission: 2, previousRequestId: doc.requestId });
      expect(same.steps.map((s) => [s.status, s.carriedOver])).toEqual([['approved', true], ['pending', false], ['waiting', false]]);
      await rejectRequest(db, ctxOf(w.controller), same.id, { userId: w.controller, comment: 'amount wrong' }, ALL_ENTITIES, at(4));
      const changed = await reopen('h2', at(5));
      expect(changed.submission).toBe(3);
      expect(changed.steps.map((s) => s.status)).toEqual(['pending', 'pending', 'waiting']);
    });
  });

  it('reminds before the due time and escalates after it, once, raising an approval_delay exception', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const doc = await w.submit('5000.00');
      expect(await processApprovalDeadlines(db, SYSTEM_CONTEXT, at(10))).toEqual({ reminded: [], escalated: [] });
      const first = await processApprovalDeadlines(db, SYSTEM_CONTEXT, at(17));
      expect(first.reminded).toHaveLength(1);
      expect(await processApprovalDeadlines(db, SYSTEM_CONTEXT, at(18))).toEqual({ reminded: [], escalated: [] });
      const job = await db.selectFrom('jobs').select(['type', 'payload']).where('dedupeKey', '=', `${APPROVAL_REMINDER_JOB}:${first.reminded[0]}`).executeTakeFirstOrThrow();
      expect(job.type).toBe(APPROVAL_REMINDER_JOB);
      const email = await buildApprovalReminder(db, first.reminded[0]!, at(17));
      const approverEmail = (await db.selectFrom('users').select('email').where('id', '=', w.approver).executeTakeFirstOrThrow()).email;
      const clerkEmail = (await db.selectFrom('users').select('email').where('id', '=', w.clerk).executeTakeFirstOrThrow()).email;
      expect(email!.to).toContain(approverEmail);
      expect(email!.to).not.toContain(clerkEmail);
      expect(email!.subject).toBe(`Approval needed: invoice ${doc.invoiceId} (due ${at(24).toISOString()})`);

      expect((await listApprovals(db, { overdue: true, limit: 50, documentId: doc.invoiceId }, { userId: w.cfo, scope: ALL_ENTITIES }, at(25))).data).toHaveLength(1);
      const escalated = await processApprovalDeadlines(db, SYSTEM_CONTEXT, at(25));
      expect(escalated.escalated).toHaveLength(1);
      expect((await processApprovalDeadlines(db, SYSTEM_CONTEXT, at(26))).escalated).toEqual([]);
      const request = await getApprovalRequest(db, doc.requestId, ALL_ENTITIES, at(25));
      expect(request.steps[0]).toMatchObject({ escalatedAt: at(25).toISOString(), overdue: true });
      expect(request.steps[0]!.candidates.at(-1)).toEqual({ kind: 'user', userId: w.controller2, via: 'escalation' });
      const exceptions = await listExceptions(db, listExceptionsQuery.parse({ documentId: doc.invoiceId }), ALL_ENTITIES, at(25));
      expect(exceptions.data.map((e) => [e.category, e.severity, e.sourceSystem])).toEqual([['approval_delay', 'warn', 'invoiceops.approvals']]);
      // The escalation target now may approve the step.
      expect((await approve(db, w.controller2, doc.requestId, at(26))).status).toBe('approved');
    });
  });

  it('keeps an approver from posting what they approved when the policy says so', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const doc = await w.submit('5000.00');
      await approve(db, w.approver, doc.requestId);
      const refused = await appErrorOf(assertMayPost(db, w.approver, { documentType: 'invoice', documentId: doc.invoiceId }));
      expect(refused).toMatchObject({ code: 'forbidden', extensions: { rule: 'approver_may_not_post' } });
      await expect(assertMayPost(db, w.controller, { documentType: 'invoice', documentId: doc.invoiceId })).resolves.toBeUndefined();
    });
  });

  it('applies an entity limit before the user-level limit, and reports conflicting roles', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const limit = await setApprovalLimit(db, SYSTEM_CONTEXT, { userId: w.approver, entityId: w.entity.id, currency: 'EUR', amount: '4000.00' }, ALL_ENTITIES, T0);
      expect(await appErrorOf(setApprovalLimit(db, SYSTEM_CONTEXT, { userId: w.approver, entityId: w.entity.id, currency: 'USD', amount: '1' }, ALL_ENTITIES))).toMatchObject({ code: 'validation_failed' });
      const doc = await w.submit('5000.00');
      expect(await appErrorOf(approve(db, w.approver, doc.requestId))).toMatchObject({ extensions: { rule: 'limit' } });
      await updateApprovalLimit(db, SYSTEM_CONTEXT, limit.id, { amount: '5000.00', version: 1 }, ALL_ENTITIES, at(1));
      expect((await approve(db, w.approver, doc.requestId, at(2))).status).toBe('approved');

      const conflicts = await reportConflictingRoles(db);
      expect(conflicts.filter((c) => c.userId === w.clerk)).toEqual([
        expect.objectContaining({ roles: ['ar_clerk', 'approver'], reason: 'creates invoices and approves them', entityIds: null }),
      ]);
    });
  });

  it('opens hundreds of requests in one call', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const base = await w.submit('5000.00');
      const customer = await createCustomer(db, w.entity.id);
      const items = [];
      for (let i = 0; i < 200; i += 1) {
        const invoice = await createFinalizedInvoice(db, { entityId: w.entity.id, customerId: customer.id, total: '5000.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
        items.push({ facts: { ...base.facts, documentId: invoice.id }, route: base.route, policyVersion: 3 });
      }
      const started = Date.now();
      const opened = await openApprovalRequests(db, SYSTEM_CONTEXT, items, T0);
      expect(opened).toHaveLength(200);
      expect(Date.now() - started).toBeLessThan(5_000);
      const queue = await listApprovals(db, { mine: true, limit: 500 }, { userId: w.approver, scope: ALL_ENTITIES }, T0);
      expect(queue.data).toHaveLength(201);
    });
  });
});
