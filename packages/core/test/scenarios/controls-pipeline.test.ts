import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  ID_PREFIX,
  SYSTEM_CONTEXT,
  approveStep,
  createReleaseDraft,
  customerResource,
  finalizeInvoice,
  getDocumentTrace,
  getInvoice,
  listApprovals,
  listExceptions,
  listApprovalsQuery,
  listExceptionsQuery,
  loadReleaseActor,
  newId,
  parseMoney,
  publishRelease,
  recordPayment,
  recordPaymentSchema,
  refundPayment,
  rejectRequest,
  resolveException,
  seedBuiltinRuleSet,
  submitDocument,
  revalidateHeldDocuments,
  submitDocuments,
  voidInvoice,
  type ApprovalPolicyInput,
  type Db,
  type Invoice,
  type Role,
} from '@invoiceops/core';
import {
  appErrorOf,
  createBillingFixture,
  createCustomer,
  createExternalId,
  createTestContract,
  invoicesFor,
  runBillAt,
  testDatabaseKinds,
  unique,
  updateThrough,
  useTestDatabase,
  withRollback,
  type BillingFixture,
} from '@invoiceops/testing';

/** The run's clock: 2 February 2026, so January's periods have closed everywhere. */
const RUN_AT = new Date('2026-02-02T08:00:00Z');

/** A human user with grants and a EUR approval limit, written directly (no password hashing). */
async function user(db: Db, roles: Role[], limitEur?: string): Promise<string> {
  const id = newId(ID_PREFIX.user);
  await db.insertInto('users').values({ id, email: `${unique('u')}@test.invoiceops.dev`.toLowerCase(), name: 'Test user', passwordHash: null, kind: 'human' }).execute();
  if (roles.length > 0) await db.insertInto('roleGrants').values(roles.map((role) => ({ id: newId(ID_PREFIX.roleGrant), userId: id, role, entityId: null }))).execute();
  if (limitEur) await db.insertInto('approvalLimits').values({ userId: id, currency: 'EUR', amountMinor: parseMoney(limitEur, 'EUR').amount }).execute();
  return id;
}

/** Maps a customer or product in the ERP, as the integration does once it has created it there. */
const mapInErp = (db: Db, objectType: 'customer' | 'product', objectId: string) => createExternalId(db, objectType, objectId, { system: 'erp', externalId: unique('NS-') });

/**
 * A German entity with four customers, each with a contract, all mapped in the ERP:
 * - `clean`: a French business with a valid VAT id, 300.00 a month → straight through;
 * - `noVatId`: a Spanish business without a VAT id (required for an intra-EU supply);
 * - `noPo`: requires a PO since after its contract was signed without one;
 * - `large`: 25,000.00 a month → needs approval under the policy.
 * The built-in rule pack and an approval policy (20,000 and more: an approver) are in force.
 */
async function world(db: Db, options: { cleanNeedsPo?: boolean } = {}) {
  const f = await createBillingFixture(db);
  await mapInErp(db, 'product', f.seatProduct.id);
  await mapInErp(db, 'product', f.usageProduct.id);
  const customer = async (overrides: Record<string, unknown>) => {
    const c = await createCustomer(db, f.entity.id, overrides);
    await mapInErp(db, 'customer', c.id);
    return c;
  };
  const clean = f.customer;
  await mapInErp(db, 'customer', clean.id);
  const noVatId = await customer({ name: 'Larch Distribution SA', taxId: null, billingAddress: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' }, timeZone: 'Europe/Madrid' });
  const noPo = await customer({ name: 'Marble Insurance SAS' });
  const large = await customer({ name: 'Polaris Biosciences SAS' });
  const seats = (customerId: string, unitPrice: string, extra: Record<string, unknown> = {}) => createTestContract(db, withCustomer(f, customerId), {
    startDate: '2026-01-01',
    lines: [{ key: 'seats', productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice } }, quantity: '10' }],
    ...extra,
  });
  await seats(clean.id, '30.00');
  await seats(noVatId.id, '30.00');
  await seats(noPo.id, '30.00');
  await seats(large.id, '2500.00');
  // The customer's procurement started requiring POs after the contract was signed without one.
  await updateThrough(db, customerResource, noPo.id, { poRequired: true });
  if (options.cleanNeedsPo) await updateThrough(db, customerResource, clean.id, { poRequired: true });

  const controller = await user(db, ['controller'], '1000000.00');
  const controller2 = await user(db, ['controller'], '1000000.00');
  const approver = await user(db, ['approver'], '50000.00');
  await seedBuiltinRuleSet(db, { author: await loadReleaseActor(db, controller), publisher: await loadReleaseActor(db, controller2), effectiveFrom: new Date('2026-01-01T00:00:00Z'), now: new Date('2026-01-01T00:00:00Z') });
  const policy: ApprovalPolicyInput = {
    routes: [
      { id: 'standard', description: 'below 20,000: straight through', match: { maxAmount: '20000.00' }, steps: [] },
      { id: 'large', description: '20,000 and more: an approver', match: { minAmount: '20000.00' }, steps: [{ name: 'Finance approval', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] },
    ],
    settings: { approverMayPost: false, reminderHours: 8, escalateTo: { role: 'controller' } },
  };
  const draft = await createReleaseDraft(db, await loadReleaseActor(db, controller), 'approval_policy', { content: policy }, new Date('2026-01-01T00:00:00Z'));
  await publishRelease(db, await loadReleaseActor(db, controller2), 'approval_policy', draft.version, { revision: draft.revision }, new Date('2026-01-01T00:00:00Z'));

  const run = await runBillAt(db, { period: '2026-01', entityId: f.entity.id, finalize: true }, RUN_AT);
  expect(run.errors).toEqual([]);
  const invoiceOf = async (customerId: string): Promise<Invoice> => {
    const [invoice] = await invoicesFor(db, customerId, '2026-01');
    if (!invoice) throw new Error(`no invoice for ${customerId}`);
    return invoice;
  };
  return { f, clean, noVatId, noPo, large, approver, controller, invoiceOf };
}

function withCustomer(f: BillingFixture, customerId: string): BillingFixture {
  return { ...f, customer: { ...f.customer, id: customerId } };
}

async function openExceptionsOf(db: Db, documentId: string) {
  const page = await listExceptions(db, listExceptionsQuery.parse({ documentId, status: 'open', limit: 50 }), ALL_ENTITIES, RUN_AT);
  return page.data;
}

describe.each(testDatabaseKinds())('controls pipeline on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('runs a finalizing bill run through the controls: clean invoices straight through, bad master data held by category, large ones to approval', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);

      const clean = await w.invoiceOf(w.clean.id);
      expect([clean.lifecycle, clean.status]).toEqual(['approved', 'finalized']);
      expect(clean.number).toMatch(/\d+$/);
      const cleanTrace = await getDocumentTrace(db, clean.id, ALL_ENTITIES);
      expect(cleanTrace.decisions.map((d) => [d.kind, d.outcome, d.policyVersion])).toEqual([
        ['validation', 'passed', 1],
        ['straight_through', 'straight_through', 1],
      ]);
      // The straight-through decision is the routing verdict: what the policy saw and why no human was needed.
      const verdict = cleanTrace.decisions[1]!;
      expect(verdict.policyKind).toBe('approval_policy');
      expect(verdict.inputs).toMatchObject({ ruleSetVersion: 1, functionalCurrency: expect.stringMatching(/^[A-Z]{3}$/), createdBy: expect.any(String) });
      expect(verdict.inputs).not.toHaveProperty('documentId');
      expect(verdict.result).toMatchObject({ outcome: 'straight_through', required: false });
      expect(cleanTrace.why.at(-1)).toMatch(/^straight through under approval policy v1: /);
      expect(cleanTrace.transitions.map((x) => `${x.from}→${x.to}`)).toEqual(['draft→validated', 'validated→approved']);
      expect(await openExceptionsOf(db, clean.id)).toEqual([]);

      const noVat = await w.invoiceOf(w.noVatId.id);
      expect([noVat.lifecycle, noVat.status, noVat.number]).toEqual(['on_hold', 'draft', null]);
      expect((await openExceptionsOf(db, noVat.id)).map((e) => [e.category, e.ruleId, e.severity])).toEqual([['master_data', 'builtin.tax_id_missing_or_invalid', 'block']]);

      const noPo = await w.invoiceOf(w.noPo.id);
      expect(noPo.lifecycle).toBe('on_hold');
      expect((await openExceptionsOf(db, noPo.id)).map((e) => [e.category, e.ruleId])).toEqual([['po_reference', 'builtin.po_missing']]);
      const why = (await getDocumentTrace(db, noPo.id, ALL_ENTITIES)).why;
      expect(why[0]).toMatch(/^blocked by builtin\.po_missing \(rule set v1\): /);

      const large = await w.invoiceOf(w.large.id);
      expect([large.lifecycle, large.status]).toEqual(['pending_approval', 'draft']);
      const largeTrace = await getDocumentTrace(db, large.id, ALL_ENTITIES);
      expect(largeTrace.why.at(-1)).toMatch(/^routed by route large of approval policy v1 to Finance approval \(any of any approver\)/);
      const queue = await listApprovals(db, listApprovalsQuery.parse({ status: 'pending' }), { userId: w.approver, scope: ALL_ENTITIES }, RUN_AT);
      expect(queue.data.map((r) => r.documentId)).toContain(large.id);
    });
  });

  it('finishes a finalizing run in which no invoice goes straight through: every one held or sent for approval, none issued', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db, { cleanNeedsPo: true });
      const invoices = await Promise.all([w.clean, w.noVatId, w.noPo, w.large].map((c) => w.invoiceOf(c.id)));
      expect(invoices.map((i) => [i.lifecycle, i.status, i.number])).toEqual([
        ['on_hold', 'draft', null],
        ['on_hold', 'draft', null],
        ['on_hold', 'draft', null],
        ['pending_approval', 'draft', null],
      ]);
      expect((await openExceptionsOf(db, invoices[0]!.id)).map((e) => e.ruleId)).toEqual(['builtin.po_missing']);
    });
  });

  it('resolves each way: correct the data and re-validate, override with a reason, void; and approves a large invoice, which issues it', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);

      // Correct the customer's data, then re-validate: the exception is resolved for good, the invoice issued.
      const noVat = await w.invoiceOf(w.noVatId.id);
      expect((await appErrorOf(finalizeInvoice(db, SYSTEM_CONTEXT, noVat.id, ALL_ENTITIES, RUN_AT))).message).toMatch(/was not finalized: it is on hold \(builtin\.tax_id_missing_or_invalid: /);
      await updateThrough(db, customerResource, w.noVatId.id, { taxId: 'ESA12345674' });
      const revalidated = await submitDocument(db, SYSTEM_CONTEXT, noVat.id, ALL_ENTITIES, RUN_AT);
      expect([revalidated.outcome, revalidated.document.lifecycle, revalidated.document.status]).toEqual(['straight_through', 'approved', 'finalized']);
      const [fixed] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: noVat.id, limit: 10 }), ALL_ENTITIES, RUN_AT)).data;
      expect([fixed!.status, fixed!.resolution]).toEqual(['resolved', 'corrected_revalidated']);

      // Override with a reason: the rule still fails, but no longer blocks; the trace says so.
      const noPo = await w.invoiceOf(w.noPo.id);
      const [poException] = await openExceptionsOf(db, noPo.id);
      await resolveException(db, { actor: `user:${w.controller}` }, poException!.id, { resolution: 'overridden', reason: 'PO confirmed by email; the customer sends it with the payment' }, { manage: ALL_ENTITIES, override: ALL_ENTITIES }, RUN_AT);
      const overridden = await submitDocument(db, SYSTEM_CONTEXT, noPo.id, ALL_ENTITIES, RUN_AT);
      expect(overridden.document.lifecycle).toBe('approved');
      expect((await getDocumentTrace(db, noPo.id, ALL_ENTITIES)).why).toContain('builtin.po_missing failed but was overridden: ' + (poException!.title));

      // A document that is not a draft or on hold is not submitted again.
      expect((await appErrorOf(submitDocument(db, SYSTEM_CONTEXT, noPo.id, ALL_ENTITIES, RUN_AT))).code).toBe('illegal_transition');

      // Approve the large invoice: the approver's approval issues it; the decision trace records it.
      const large = await w.invoiceOf(w.large.id);
      const [request] = (await listApprovals(db, listApprovalsQuery.parse({ status: 'pending' }), { userId: w.approver, scope: ALL_ENTITIES }, RUN_AT)).data.filter((r) => r.documentId === large.id);
      await approveStep(db, { actor: `user:${w.approver}` }, request!.id, { userId: w.approver }, ALL_ENTITIES, RUN_AT);
      const approved = await getInvoice(db, large.id);
      expect([approved.lifecycle, approved.status]).toEqual(['approved', 'finalized']);
      expect((await getDocumentTrace(db, large.id, ALL_ENTITIES)).decisions.map((d) => d.kind)).toEqual(['validation', 'routing', 'approval']);
    });
  });

  it("re-validates every held document of a customer after its data is corrected, and says which moved on and which are still held", async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const noVat = await w.invoiceOf(w.noVatId.id);
      // Before the correction: re-validating holds it again, with the reason.
      const before = await revalidateHeldDocuments(db, SYSTEM_CONTEXT, w.noVatId.id, ALL_ENTITIES, RUN_AT);
      expect(before).toMatchObject({ documents: 1, released: 0, stillHeld: 1, more: false, results: [{ documentId: noVat.id, outcome: 'blocked', lifecycle: 'on_hold' }] });
      expect(before.results[0]!.reasons[0]).toMatch(/^builtin\.tax_id_missing_or_invalid: /);

      await updateThrough(db, customerResource, w.noVatId.id, { taxId: 'ESA12345674' });
      const after = await revalidateHeldDocuments(db, SYSTEM_CONTEXT, w.noVatId.id, ALL_ENTITIES, RUN_AT);
      expect(after).toMatchObject({ documents: 1, released: 1, stillHeld: 0, results: [{ documentId: noVat.id, outcome: 'straight_through', lifecycle: 'approved' }] });
      const [fixed] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: noVat.id, limit: 10 }), ALL_ENTITIES, RUN_AT)).data;
      expect([fixed!.status, fixed!.resolution]).toEqual(['resolved', 'corrected_revalidated']);
      // Nothing is held any more: a second call has nothing to do; a customer outside the caller's entities is refused.
      expect(await revalidateHeldDocuments(db, SYSTEM_CONTEXT, w.noVatId.id, ALL_ENTITIES, RUN_AT)).toMatchObject({ documents: 0, results: [] });
      expect((await appErrorOf(revalidateHeldDocuments(db, SYSTEM_CONTEXT, w.noVatId.id, { all: false, entityIds: [] }, RUN_AT))).code).toBe('forbidden');
      expect((await appErrorOf(revalidateHeldDocuments(db, SYSTEM_CONTEXT, 'cus_nobody', ALL_ENTITIES, RUN_AT))).code).toBe('not_found');
    });
  });

  it('holds only the documents whose FX rate is missing, with a master-data exception naming the pair and date, and lets them through once the rate is entered', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const noVat = await w.invoiceOf(w.noVatId.id);
      const noPo = await w.invoiceOf(w.noPo.id);
      await updateThrough(db, customerResource, w.noVatId.id, { taxId: 'ESA12345674' });
      // The entity now reports in CHF (it still takes EUR into a EUR account), and no EUR/CHF rate exists.
      await sql`UPDATE legal_entities SET functional_currency = 'CHF',
        bank_accounts = ${JSON.stringify([{ currency: 'EUR', bankName: 'Testbank', accountName: 'Invoiceops Test GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }])}::jsonb
        WHERE id = ${w.f.entity.id}`.execute(db);
      await db.deleteFrom('fxRates').execute();

      // One call, two documents: neither fails the other; each is held for what it lacks.
      const [unrated, blocked] = await submitDocuments(db, SYSTEM_CONTEXT, [noVat.id, noPo.id], { now: RUN_AT });
      expect([unrated!.outcome, unrated!.lifecycle]).toEqual(['unrouted', 'on_hold']);
      expect(unrated!.reasons[0]).toContain('no FX rate converts EUR into CHF on 2026-02-02');
      const fxException = (await openExceptionsOf(db, noVat.id)).map((e) => [e.category, e.ruleId, e.severity, e.title]);
      expect(fxException).toEqual([['master_data', null, 'block', expect.stringContaining('EUR into CHF on 2026-02-02') as unknown]]);
      expect((await getDocumentTrace(db, noVat.id, ALL_ENTITIES)).decisions.slice(-2).map((d) => [d.kind, d.outcome])).toEqual([['validation', 'passed'], ['routing', 'unrouted']]);
      expect([blocked!.outcome, blocked!.lifecycle]).toEqual(['blocked', 'on_hold']);
      expect((await openExceptionsOf(db, noPo.id)).map((e) => e.category).sort()).toEqual(['master_data', 'po_reference']);

      // The rate is entered: re-validating routes it (straight through) and resolves the exception.
      await db.insertInto('fxRates').values({ id: newId(ID_PREFIX.fxRate), baseCurrency: 'EUR', quoteCurrency: 'CHF', rate: '0.94', effectiveDate: '2026-01-30', source: 'manual' }).execute();
      const rated = await submitDocument(db, SYSTEM_CONTEXT, noVat.id, ALL_ENTITIES, RUN_AT);
      expect([rated.outcome, rated.document.lifecycle, rated.document.status]).toEqual(['straight_through', 'approved', 'finalized']);
      const [fixed] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: noVat.id, category: 'master_data', limit: 10 }), ALL_ENTITIES, RUN_AT)).data.filter((e) => e.ruleId === null);
      expect([fixed!.status, fixed!.resolution]).toEqual(['resolved', 'corrected_revalidated']);
    });
  });

  it('voids a held invoice with its exceptions resolved as voided, and returns a rejected one to draft with the reason', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const noVat = await w.invoiceOf(w.noVatId.id);
      await voidInvoice(db, SYSTEM_CONTEXT, noVat.id, 'customer left before go-live', ALL_ENTITIES);
      expect((await getInvoice(db, noVat.id)).lifecycle).toBe('void');
      const [voided] = (await listExceptions(db, listExceptionsQuery.parse({ documentId: noVat.id, limit: 10 }), ALL_ENTITIES, RUN_AT)).data;
      expect([voided!.status, voided!.resolution]).toEqual(['resolved', 'voided']);

      const large = await w.invoiceOf(w.large.id);
      const [request] = (await listApprovals(db, listApprovalsQuery.parse({ status: 'pending' }), { userId: w.approver, scope: ALL_ENTITIES }, RUN_AT)).data.filter((r) => r.documentId === large.id);
      await rejectRequest(db, { actor: `user:${w.approver}` }, request!.id, { userId: w.approver, comment: 'seat count is wrong, see CRM' }, ALL_ENTITIES, RUN_AT);
      const rejected = await getInvoice(db, large.id);
      expect([rejected.lifecycle, rejected.status]).toEqual(['draft', 'draft']);
      const trace = await getDocumentTrace(db, large.id, ALL_ENTITIES);
      expect(trace.transitions.at(-1)).toMatchObject({ from: 'pending_approval', to: 'draft', reason: 'rejected: seat count is wrong, see CRM' });
      // Voiding a document waiting for approval cancels the request.
      const again = await submitDocument(db, SYSTEM_CONTEXT, large.id, ALL_ENTITIES, RUN_AT);
      expect(again.document.lifecycle).toBe('pending_approval');
      await voidInvoice(db, SYSTEM_CONTEXT, large.id, 'replaced by a corrected invoice', ALL_ENTITIES);
      const pending = (await listApprovals(db, listApprovalsQuery.parse({ status: 'pending' }), { userId: w.approver, scope: ALL_ENTITIES }, RUN_AT)).data.filter((r) => r.documentId === large.id);
      expect(pending).toEqual([]);
    });
  });

  it('marks an issued invoice paid when payments cover it, and returns it to where it was when the payment is refunded', async () => {
    await withRollback(t.db, async (db) => {
      const w = await world(db);
      const clean = await w.invoiceOf(w.clean.id);
      const payment = await recordPayment(db, SYSTEM_CONTEXT, recordPaymentSchema.parse({
        customerId: w.clean.id, currency: clean.currency, amount: clean.total, receivedOn: '2026-02-10', method: 'bank_transfer', invoiceIds: [clean.id],
      }), ALL_ENTITIES);
      expect((await getInvoice(db, clean.id)).lifecycle).toBe('paid');
      await refundPayment(db, SYSTEM_CONTEXT, payment.id, { refundedOn: '2026-02-12' }, ALL_ENTITIES);
      expect((await getInvoice(db, clean.id)).lifecycle).toBe('approved');
      const trail = (await getDocumentTrace(db, clean.id, ALL_ENTITIES)).transitions.map((x) => `${x.from}→${x.to}`);
      expect(trail).toEqual(['draft→validated', 'validated→approved', 'approved→paid', 'paid→approved']);
    });
  });
});
