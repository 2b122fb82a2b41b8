import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_RULES,
  SYSTEM_CONTEXT,
  createReleaseDraft,
  createUser,
  diffReleases,
  discardReleaseDraft,
  getEffectiveRelease,
  getRelease,
  getReleaseSimulation,
  listAuditForObject,
  listReleaseSimulations,
  listReleases,
  loadReleaseActor,
  publishRelease,
  seedBuiltinRuleSet,
  simulateRelease,
  updateReleaseDraft,
  type Db,
  type ReleaseActor,
  type Role,
  type ValidationRule,
} from '@invoiceops/core';
import { appErrorOf, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, unique, useTestDatabase, withRollback } from '@invoiceops/testing';

const person = (name: string, role: Role = 'controller', entityId: string | null = null): ReleaseActor => ({
  actor: `user:usr_${name}`,
  userId: `usr_${name}`,
  grants: [{ role, entityId }],
});
const ANNA = person('anna');
const BORIS = person('boris');
const CARLA = person('carla');
const ADMIN = person('admin', 'admin');

const T0 = new Date('2026-03-02T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const rule = (id: string, changes: Partial<ValidationRule> = {}): ValidationRule => ({
  id,
  version: 1,
  description: `Test rule ${id}`,
  severity: 'block',
  category: 'anomaly',
  ownerQueue: 'billing',
  documentTypes: ['invoice', 'credit_memo'],
  condition: 'false',
  message: 'Total {{ document.total }} {{ document.currency }} is too high',
  ...changes,
});

/** Drafts `rules` as Anna and publishes them as Boris at `at`. */
async function release(db: Db, rules: ValidationRule[], at = T0) {
  const draft = await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules } }, at);
  return publishRelease(db, BORIS, 'rule_set', draft.version, { revision: draft.revision }, at);
}

const audit = async (db: Db, id: string) => (await listAuditForObject(db, 'control_release', id)).map((a) => [a.action, a.actor]);

describe.each(testDatabaseKinds())('control releases on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('drafts, edits and publishes a rule set by a second controller; the version is in force from then on', async () => {
    await withRollback(t.db, async (db) => {
      expect(await getEffectiveRelease(db, 'rule_set', T0)).toBeNull();
      const draft = await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [rule('custom.big')] }, notes: 'first rules' }, T0);
      expect(draft).toMatchObject({ kind: 'rule_set', version: 1, status: 'draft', state: 'draft', revision: 1, author: 'user:usr_anna', editors: [], notes: 'first rules' });

      const edited = await updateReleaseDraft(db, CARLA, 'rule_set', 1, { revision: 1, content: { rules: [rule('custom.big', { condition: 'document.totalMinor > 100000' })] } }, later(1));
      expect(edited).toMatchObject({ revision: 2, editors: ['user:usr_carla'] });

      const published = await publishRelease(db, BORIS, 'rule_set', 1, { revision: 2 }, later(2));
      expect(published).toMatchObject({ status: 'published', state: 'in_force', publishedBy: 'user:usr_boris', effectiveFrom: later(2).toISOString() });

      expect(await getEffectiveRelease(db, 'rule_set', later(1))).toBeNull();
      const inForce = await getEffectiveRelease(db, 'rule_set', later(3));
      expect(inForce).toMatchObject({ version: 1, id: published.id });
      expect((inForce!.content.rules as ValidationRule[])[0]!.condition).toBe('document.totalMinor > 100000');

      expect(await audit(db, published.id)).toEqual([
        ['control_release.draft_created', 'user:usr_anna'],
        ['control_release.draft_updated', 'user:usr_carla'],
        ['control_release.published', 'user:usr_boris'],
      ]);
      const [, updated, publishedAudit] = await listAuditForObject(db, 'control_release', published.id);
      expect(updated!.diff).toMatchObject({ changes: ['~ rule custom.big: condition "false" → "document.totalMinor > 100000"'] });
      expect(publishedAudit!.diff).toMatchObject({ supersedes: null, author: 'user:usr_anna', editors: ['user:usr_carla'] });
    });
  });

  it('refuses publishing with 403 and a reason to the author, an editor, and anyone without the controller role', async () => {
    await withRollback(t.db, async (db) => {
      await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [rule('custom.a')] } }, T0);
      await updateReleaseDraft(db, CARLA, 'rule_set', 1, { revision: 1, notes: 'tuned' }, T0);
      const refusal = async (who: ReleaseActor) => {
        const error = await appErrorOf(publishRelease(db, who, 'rule_set', 1, { revision: 2 }, T0));
        return [error.code, error.extensions.reason];
      };
      expect(await refusal(ANNA)).toEqual(['forbidden', 'four_eyes']);
      expect(await refusal({ ...ANNA, actor: 'apikey:key_of_anna' })).toEqual(['forbidden', 'four_eyes']);
      expect(await refusal(CARLA)).toEqual(['forbidden', 'four_eyes']);
      expect(await refusal(ADMIN)).toEqual(['forbidden', 'controller_role_required']);
      expect(await refusal(person('dieter', 'controller', 'ent_x'))).toEqual(['forbidden', 'controller_role_required']);
      expect((await getRelease(db, 'rule_set', 1)).status).toBe('draft');
      expect((await publishRelease(db, BORIS, 'rule_set', 1, { revision: 2 }, T0)).status).toBe('published');
    });
  });

  it('refuses a rule whose CEL does not type-check at save, naming rule, field, line, column and pointer', async () => {
    await withRollback(t.db, async (db) => {
      const error = await appErrorOf(createReleaseDraft(db, ANNA, 'rule_set', {
        content: { rules: [rule('custom.ok'), rule('custom.typo', { condition: 'document.totalMinor > 0 &&\n  document.poNumbr == ""' })] },
      }, T0));
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([{ path: '/content/rules/1/condition', code: 'cel_expression', message: expect.stringMatching(/^rule custom\.typo: condition at line 2, column \d+: .*poNumbr/) }]);
      expect(error.extensions.problems).toEqual([expect.objectContaining({ ruleId: 'custom.typo', field: 'condition', line: 2, pointer: '/content/rules/1/condition' })]);

      const duplicate = await appErrorOf(createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [rule('custom.a'), rule('custom.a')] } }, T0));
      expect(duplicate.issues.map((i) => [i.path, i.code])).toEqual([['/content/rules/1/id', 'duplicate_rule_id']]);
      expect(await listReleases(db, 'rule_set')).toEqual([]);

      await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [rule('custom.a')] } }, T0);
      const onEdit = await appErrorOf(updateReleaseDraft(db, ANNA, 'rule_set', 1, { revision: 1, content: { rules: [rule('custom.a', { message: 'Total {{ document.total' })] } }, T0));
      expect(onEdit.issues[0]).toMatchObject({ path: '/content/rules/0/message' });
      expect((await getRelease(db, 'rule_set', 1)).revision).toBe(1);
    });
  });

  it('keeps one open draft per kind, copies the latest published version, and keeps a discarded draft on record', async () => {
    await withRollback(t.db, async (db) => {
      await release(db, [rule('custom.a'), rule('custom.b')]);
      const copy = await createReleaseDraft(db, ANNA, 'rule_set', {}, later(1));
      expect(copy).toMatchObject({ version: 2, basedOnVersion: 1, content: { rules: [rule('custom.a'), rule('custom.b')] } });

      const second = await appErrorOf(createReleaseDraft(db, BORIS, 'rule_set', {}, later(1)));
      expect([second.code, second.message]).toEqual(['conflict', 'rule_set v2 is already an open draft (by user:usr_anna); edit, publish or discard it first']);

      const discarded = await discardReleaseDraft(db, BORIS, 'rule_set', 2, { reason: 'wrong approach' }, later(2));
      expect(discarded).toMatchObject({ status: 'discarded', state: 'discarded', discardedBy: 'user:usr_boris' });
      const again = await createReleaseDraft(db, ANNA, 'rule_set', { copyFromVersion: 1 }, later(3));
      expect(again.version).toBe(3);
      expect((await listReleases(db, 'rule_set')).map((r) => [r.version, r.state])).toEqual([[3, 'draft'], [2, 'discarded'], [1, 'in_force']]);
      expect((await appErrorOf(updateReleaseDraft(db, ANNA, 'rule_set', 2, { revision: 1, notes: 'x' }))).code).toBe('illegal_transition');
      expect((await appErrorOf(createReleaseDraft(db, person('x'), 'nope', {}))).code).toBe('not_found');
      expect((await appErrorOf(createReleaseDraft(db, person('clerk', 'ar_clerk'), 'rule_set', {}))).code).toBe('forbidden');
    });
  });

  it('refuses an edit or a publish based on a stale revision with 409', async () => {
    await withRollback(t.db, async (db) => {
      await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [] } }, T0);
      await updateReleaseDraft(db, ANNA, 'rule_set', 1, { revision: 1, content: { rules: [rule('custom.a')] } }, T0);
      const stale = await appErrorOf(updateReleaseDraft(db, CARLA, 'rule_set', 1, { revision: 1, notes: 'mine' }, T0));
      expect([stale.code, stale.extensions.currentRevision]).toEqual(['conflict', 2]);
      // Boris reviewed revision 1; Anna's later edit must not slip through under his name.
      expect((await appErrorOf(publishRelease(db, BORIS, 'rule_set', 1, { revision: 1 }, T0))).code).toBe('conflict');
    });
  });

  it('schedules a version in the future, supersedes the one in force then, and never takes effect in the past', async () => {
    await withRollback(t.db, async (db) => {
      const v1 = await release(db, [rule('custom.a')]);
      const draft = await createReleaseDraft(db, ANNA, 'rule_set', {}, later(10));
      const scheduled = await publishRelease(db, BORIS, 'rule_set', draft.version, { revision: 1, effectiveFrom: later(24 * 60).toISOString() }, later(10));
      expect(scheduled.state).toBe('scheduled');
      expect((await getEffectiveRelease(db, 'rule_set', later(60)))!.version).toBe(1);
      expect((await getEffectiveRelease(db, 'rule_set', later(24 * 60)))!.version).toBe(2);
      expect((await getRelease(db, 'rule_set', 1, later(24 * 60 + 1))).state).toBe('superseded');
      expect(v1.state).toBe('in_force');

      await createReleaseDraft(db, ANNA, 'rule_set', {}, later(20));
      const past = await appErrorOf(publishRelease(db, BORIS, 'rule_set', 3, { revision: 1, effectiveFrom: later(-60).toISOString() }, later(20)));
      expect(past.issues[0]).toMatchObject({ path: '/effectiveFrom', code: 'effective_from_past' });
      // Now is before v2 takes effect: v3 may not slip in ahead of it.
      const beforeScheduled = await appErrorOf(publishRelease(db, BORIS, 'rule_set', 3, { revision: 1 }, later(20)));
      expect(beforeScheduled.issues[0]).toMatchObject({ path: '/effectiveFrom', code: 'effective_from_before_current' });
      // A few seconds of clock skew count as now.
      const skewed = await publishRelease(db, BORIS, 'rule_set', 3, { revision: 1, effectiveFrom: later(24 * 60 - 0.05).toISOString() }, later(24 * 60));
      expect(skewed.effectiveFrom).toBe(later(24 * 60).toISOString());
    });
  });

  it('never changes a published version, even with SQL', async () => {
    await withRollback(t.db, async (db) => {
      const v1 = await release(db, [rule('custom.a')]);
      expect((await appErrorOf(updateReleaseDraft(db, ANNA, 'rule_set', 1, { revision: 1, notes: 'after the fact' }))).code).toBe('illegal_transition');
      expect((await appErrorOf(discardReleaseDraft(db, ANNA, 'rule_set', 1))).code).toBe('illegal_transition');
      await expect(sql`UPDATE control_releases SET body = '{"rules":[]}' WHERE id = ${v1.id}`.execute(db)).rejects.toThrow(/published and discarded versions are final/);
    });
    await withRollback(t.db, async (db) => {
      const v1 = await release(db, [rule('custom.a')]);
      await expect(sql`DELETE FROM control_releases WHERE id = ${v1.id}`.execute(db)).rejects.toThrow(/refused/);
    });
  });

  it('diffs two versions: rules added, removed and changed with old → new', async () => {
    await withRollback(t.db, async (db) => {
      await release(db, [rule('custom.a'), rule('custom.b'), rule('custom.c')]);
      await release(db, [rule('custom.a'), rule('custom.c', { severity: 'warn' }), rule('custom.d')], later(1));
      const diff = await diffReleases(db, 'rule_set', 1, 2);
      expect(diff.lines).toEqual([
        '+ rule custom.d (block, anomaly → billing): Test rule custom.d',
        '- rule custom.b (block, anomaly): Test rule custom.b',
        '~ rule custom.c: severity "block" → "warn"',
      ]);
      expect(diff.diff).toMatchObject({ type: 'rule_set', unchanged: 1, reordered: false });
      expect((await appErrorOf(diffReleases(db, 'rule_set', 1, 9))).code).toBe('not_found');
    });
  });

  it('seeds the built-in pack as version 1 once: by the system, or drafted and published by two controllers', async () => {
    await withRollback(t.db, async (db) => {
      const seeded = await seedBuiltinRuleSet(db, { now: T0 });
      expect(seeded).toMatchObject({ version: 1, status: 'published', author: 'system', publishedBy: 'system' });
      expect((seeded!.content.rules as ValidationRule[]).map((r) => r.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
      expect(await seedBuiltinRuleSet(db, { now: later(1) })).toBeUndefined();
      const [, published] = await listAuditForObject(db, 'control_release', seeded!.id);
      expect(published!.reason).toMatch(/shipped default/);
    });
    await withRollback(t.db, async (db) => {
      expect((await appErrorOf(seedBuiltinRuleSet(db, { author: ANNA, publisher: ANNA }))).extensions.reason).toBe('four_eyes');
    });
    await withRollback(t.db, async (db) => {
      // As the demo does it: two controllers from the users table.
      const controller = async () => (await createUser(db, SYSTEM_CONTEXT, {
        email: `${unique('ctl')}@test.invoiceops.dev`.toLowerCase(), name: 'Controller', kind: 'machine', grants: [{ role: 'controller', entityId: null }], approvalLimits: [],
      })).id;
      const [author, publisher] = [await loadReleaseActor(db, await controller()), await loadReleaseActor(db, await controller())];
      expect(author.grants).toEqual([{ role: 'controller', entityId: null }]);
      const demoStart = new Date('2025-03-01T00:00:00Z');
      const seeded = await seedBuiltinRuleSet(db, { author, publisher, effectiveFrom: demoStart, now: T0 });
      expect(seeded).toMatchObject({ author: author.actor, publishedBy: publisher.actor, effectiveFrom: demoStart.toISOString() });
      expect((await getEffectiveRelease(db, 'rule_set', new Date('2025-06-01T00:00:00Z')))!.version).toBe(1);
    });
  });

  it('publishes an approval policy only without gaps, listing each gap', async () => {
    await withRollback(t.db, async (db) => {
      await createLegalEntity(db);
      const approver = await createUser(db, SYSTEM_CONTEXT, {
        email: `${unique('appr')}@test.invoiceops.dev`.toLowerCase(),
        name: 'Approver',
        kind: 'machine',
        grants: [{ role: 'approver', entityId: null }],
        approvalLimits: [{ currency: 'EUR', amount: '50000.00' }],
      });
      const step = { name: 'Review', mode: 'any', slaHours: 24, approvers: [{ role: 'approver' }] };
      const receivables = ['invoice', 'credit_memo'];
      const small = { id: 'small', description: 'Up to 10,000', match: { documentTypes: receivables, maxAmount: '10000' }, steps: [] };
      const settings = { escalateTo: { role: 'approver' } };
      const draft = await createReleaseDraft(db, ANNA, 'approval_policy', { content: { routes: [small], settings } }, T0);
      expect(draft.content).toMatchObject({ settings: { approverMayPost: true, reminderHours: 24 } });
      const refused = await appErrorOf(publishRelease(db, BORIS, 'approval_policy', 1, { revision: 1 }, T0));
      expect(refused.code).toBe('validation_failed');
      expect(refused.issues.map((i) => [i.path, i.code, i.message.replace(/ent_\w+/, 'ENT').split(' (')[0]])).toEqual([
        ['/content/routes', 'policy_gap', 'invoices of entity ENT: amounts from 10000 upwards have no route'],
        ['/content/routes', 'policy_gap', 'credit memos of entity ENT: amounts from 10000 upwards have no route'],
      ]);
      expect((await getRelease(db, 'approval_policy', 1)).status).toBe('draft');

      const large = { id: 'large', description: 'From 10,000', match: { documentTypes: receivables, minAmount: '10000' }, steps: [step] };
      const whole = { routes: [small, large], settings };
      await updateReleaseDraft(db, ANNA, 'approval_policy', 1, { revision: 1, content: whole }, T0);
      const published = await publishRelease(db, BORIS, 'approval_policy', 1, { revision: 2 }, T0);
      expect(published.state).toBe('in_force');
      expect(approver.id).toBeTruthy();

      await createReleaseDraft(db, ANNA, 'approval_policy', {}, later(1));
      await updateReleaseDraft(db, ANNA, 'approval_policy', 2, { revision: 1, content: { ...whole, settings: { ...settings, reminderHours: 48 } } }, later(1));
      const diff = await diffReleases(db, 'approval_policy', 1, 2);
      expect(diff.lines).toEqual(['~ /settings/reminderHours: 24 → 48']);

      const bad = await appErrorOf(createReleaseDraft(db, ANNA, 'approval_policy', { content: { routes: [] } }, T0));
      expect(bad.issues[0]!.path).toBe('/content/routes');
    });
  });

  it('simulates a draft on recent documents: lists newly blocked and newly passing ones with the rules that made the difference', async () => {
    await withRollback(t.db, async (db) => {
      const now = new Date();
      const entity = await createLegalEntity(db);
      const customer = await createCustomer(db, entity.id);
      const day = now.toISOString().slice(0, 10);
      const invoice = (total: string) => createFinalizedInvoice(db, { entityId: entity.id, customerId: customer.id, total, issueDate: day, dueDate: day });
      const big = await invoice('5000.00');
      const small = await invoice('500.00');
      const huge = await invoice('20000.00');

      // In force: block above 10,000 EUR. Draft: block above 1,000 EUR, and a warning on round amounts.
      await release(db, [rule('custom.limit', { condition: 'document.totalMinor > 1000000' })], new Date(now.getTime() - 60_000));
      const draft = await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [
        rule('custom.limit', { condition: 'document.totalMinor > 100000' }),
      ] } }, now);

      const result = await simulateRelease(db, CARLA, 'rule_set', draft.version, { days: 30, limit: 1000 }, now);
      expect(result).toMatchObject({ kind: 'rule_set', version: 2, inForceVersion: 1, days: 30, truncated: false, skipped: [] });
      expect(result.counts).toEqual({ documents: 3, changed: 1, newlyBlocked: 1, newlyPassing: 0, routeChanged: 0, rulesChanged: 0, skipped: 0 });
      expect(result.changes).toEqual([expect.objectContaining({
        documentId: big.id,
        documentNumber: big.number,
        partyId: customer.id,
        total: '5000.00',
        currency: 'EUR',
        change: 'newly_blocked',
        before: expect.objectContaining({ outcome: 'straight_through' }),
        after: expect.objectContaining({ outcome: 'blocked', blockingRules: ['custom.limit'] }),
        rules: [expect.objectContaining({ ruleId: 'custom.limit', before: 'passed', after: 'failed', message: 'Total 5000.00 EUR is too high' })],
      })]);
      expect([small.id, huge.id]).not.toContain(result.changes[0]!.documentId);

      // Removing the rule lets the 20,000 invoice pass; a simulation changes no document or release, it is stored with its audit row.
      await updateReleaseDraft(db, ANNA, 'rule_set', 2, { revision: 1, content: { rules: [] } }, now);
      const removal = await simulateRelease(db, CARLA, 'rule_set', 2, { days: 30, limit: 1000 }, new Date(now.getTime() + 60_000));
      expect(removal.changes.map((c) => [c.documentId, c.change])).toEqual([[huge.id, 'newly_passing']]);
      expect((await getRelease(db, 'rule_set', 2)).revision).toBe(2);
      expect((await audit(db, draft.id)).filter(([action]) => action === 'control_release.simulated')).toHaveLength(2);

      // A policy draft that sends invoices from 1,000 EUR to an approver: those documents change route.
      const everything = { id: 'all', description: 'No approval', match: {}, steps: [] };
      const noEscalation = { escalateTo: null };
      const policy = await createReleaseDraft(db, ANNA, 'approval_policy', { content: { routes: [everything], settings: noEscalation } }, now);
      await publishRelease(db, BORIS, 'approval_policy', policy.version, { revision: 1 }, now);
      const review = { name: 'Finance review', mode: 'any', slaHours: 24, approvers: [{ role: 'approver' }] };
      const tiered = await createReleaseDraft(db, ANNA, 'approval_policy', { content: { settings: noEscalation, routes: [
        { id: 'large', description: 'From 1,000', match: { minAmount: '1000' }, steps: [review] },
        everything,
      ] } }, now);
      const routed = await simulateRelease(db, CARLA, 'approval_policy', tiered.version, { days: 30, limit: 1000 }, now);
      expect(routed.inForceVersion).toBe(1);
      expect(routed.changes.map((c) => [c.documentId, c.change, c.before.routeId, c.after.routeId, c.after.approvers])).toEqual([
        [big.id, 'route_changed', 'all', 'large', ['1. Finance review (any): role approver']],
        // Blocked by the rule set in force, but it would route to the approver once resolved.
        [huge.id, 'route_changed', 'all', 'large', ['1. Finance review (any): role approver']],
      ]);
      expect(routed.counts).toMatchObject({ documents: 3, routeChanged: 2 });

      // Documents created before the window are not simulated.
      const none = await simulateRelease(db, CARLA, 'rule_set', 2, { days: 1, limit: 1000 }, new Date(now.getTime() + 3 * 86_400_000));
      expect(none.counts.documents).toBe(0);
    });
  });

  it('stores every simulation: who ran which revision when, the window and the documents listed; the latest is read back as it was', async () => {
    await withRollback(t.db, async (db) => {
      const now = new Date();
      const entity = await createLegalEntity(db);
      const customer = await createCustomer(db, entity.id);
      const day = now.toISOString().slice(0, 10);
      const big = await createFinalizedInvoice(db, { entityId: entity.id, customerId: customer.id, total: '5000.00', issueDate: day, dueDate: day });
      await release(db, [], new Date(now.getTime() - 60_000));
      const draft = await createReleaseDraft(db, ANNA, 'rule_set', { content: { rules: [rule('custom.limit', { condition: 'document.totalMinor > 100000' })] } }, now);
      await expect(getReleaseSimulation(db, CARLA, 'rule_set', draft.version, 'latest')).rejects.toMatchObject({ code: 'not_found', message: `rule_set v${draft.version} has not been simulated yet` });
      expect(await listReleaseSimulations(db, CARLA, 'rule_set', draft.version)).toEqual([]);

      const first = await simulateRelease(db, CARLA, 'rule_set', draft.version, { days: 7, limit: 1000 }, now);
      expect(first).toMatchObject({
        id: expect.stringMatching(/^sim_/), kind: 'rule_set', version: draft.version, revision: 1, inForceVersion: 1, days: 7, limit: 1000,
        simulatedBy: CARLA.actor, simulatedAt: now.toISOString(), asOf: now.toISOString(), from: new Date(now.getTime() - 7 * 86_400_000).toISOString(),
      });
      expect(first.changes.map((c) => [c.documentId, c.change])).toEqual([[big.id, 'newly_blocked']]);
      expect(await getReleaseSimulation(db, BORIS, 'rule_set', draft.version, 'latest')).toEqual(first);

      // An edit makes a new revision; the next run records it, and both runs stay on record, newest first.
      await updateReleaseDraft(db, ANNA, 'rule_set', draft.version, { revision: 1, content: { rules: [] } }, now);
      const second = await simulateRelease(db, ADMIN, 'rule_set', draft.version, { days: 30, limit: 10 }, new Date(now.getTime() + 60_000));
      expect(second).toMatchObject({ revision: 2, simulatedBy: ADMIN.actor, limit: 10, counts: { changed: 0 }, changes: [] });
      expect((await getReleaseSimulation(db, BORIS, 'rule_set', draft.version, 'latest')).id).toBe(second.id);
      expect(await getReleaseSimulation(db, BORIS, 'rule_set', draft.version, first.id)).toEqual(first);
      const listed = await listReleaseSimulations(db, BORIS, 'rule_set', draft.version);
      expect(listed.map((l) => [l.id, l.revision, l.simulatedBy, l.counts.changed])).toEqual([[second.id, 2, ADMIN.actor, 0], [first.id, 1, CARLA.actor, 1]]);
      expect(listed[0]).not.toHaveProperty('changes');
      const audited = (await listAuditForObject(db, 'control_release', draft.id)).filter((a) => a.action === 'control_release.simulated');
      expect(audited.map((a) => (a.diff as { simulationId: string }).simulationId)).toEqual([first.id, second.id]);

      // Stored runs are a record: another version's id is not found, readers need controls:write for all entities, SQL cannot change one.
      await expect(getReleaseSimulation(db, BORIS, 'rule_set', 1, first.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(listReleaseSimulations(db, person('dora', 'controller', entity.id), 'rule_set', draft.version)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getReleaseSimulation(db, person('eve', 'auditor'), 'rule_set', draft.version, 'latest')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(sql`UPDATE release_simulations SET truncated = true WHERE id = ${first.id}`.execute(db)).rejects.toThrow(/release_simulations refused/);
    });
  });
});
