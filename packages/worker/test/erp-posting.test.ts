import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  POST_DOCUMENT_JOB, SYSTEM_CONTEXT, erpExternalId, generateMasterKeyText, getConnectorStatuses, getInvoice, listDeadLetters, parseMasterKey, replayDeadLetters, type Db,
} from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { SANDBOX_VENDORS, connectSandboxErp, startSandbox, testDatabaseKinds, useTestDatabase, type Sandbox, type SandboxVendor } from '@invoiceops/testing';
import { JOB_DEFINITIONS, startWorker } from '../src/index.ts';
import { attemptsOf, dueNow, issueCreditMemo, issueInvoices, notYet, openExceptionsOf, postingJob, storedFor } from './erp-sandbox-fixtures.ts';

/** Long enough that a loaded machine cannot let the cool-down pass between two of the test's steps. */
const BREAKER_COOLDOWN_MS = 1_500;

const logger = pino({ level: 'silent' });
// The worker reads connection secrets with the master key of its environment: the same key the test stores them with.
const MASTER_KEY_TEXT = generateMasterKeyText();
const masterKey = parseMasterKey(MASTER_KEY_TEXT, 'the test master key');
// Only posting jobs run: the invoice emails and reminders queued beside them are not what these tests are about.
const POSTING_ONLY = JOB_DEFINITIONS.filter((d) => d.type === POST_DOCUMENT_JOB);
/** The fault cases run on every vendor: each has its own way to post exactly once. */
const FAULT_VENDORS: readonly SandboxVendor[] = SANDBOX_VENDORS;
/** How each vendor names the customer field it refuses "9999" for. */
const CUSTOMER_FIELD: Record<SandboxVendor, RegExp> = {
  netsuite: /field: entity/,
  xero: /Contact with ContactID '9999'/,
  business_central: /Customer No\..*9999|9999.*Customer/,
  sap_s4hana: /Customer 9999/,
  oracle_fusion: /customer account number 9999/,
};
/** Generous limits: a test posts a handful of documents and must not wait for rate tokens. */
const FAST = { maxConcurrency: 4, maxPerMinute: 60_000, timeoutMs: 5_000 } as const;

beforeAll(() => {
  vi.stubEnv('INVOICEOPS_MASTER_KEY', MASTER_KEY_TEXT);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(testDatabaseKinds())('posting to ERP sandboxes through the worker on %s', (kind) => {
  const t = useTestDatabase(kind);
  const worker = () => startWorker({ db: t.db, logger, embedded: kind === 'pglite', definitions: POSTING_ONLY }, false);

  /** Ticks until the documents' posting jobs are done (made due at once instead of waiting for backoffs). */
  async function drain(db: Db, documentIds: readonly string[], rounds = 6): Promise<void> {
    const w = worker();
    for (let round = 0; round < rounds; round += 1) {
      await dueNow(db, documentIds);
      await w.tick();
      const jobs = await Promise.all(documentIds.map((id) => postingJob(db, id)));
      if (jobs.every((j) => j.state !== 'queued' && j.state !== 'running')) return;
    }
  }

  /**
   * A vendor's sandbox for the fault tests, started once per describe: `sandbox()` is it;
   * after each test its faults are cleared and leftover posting jobs parked, so a test that
   * failed half-way leaves nothing for the next one's worker to run.
   */
  function faultSandbox(vendor: SandboxVendor) {
    let running: Sandbox;
    beforeAll(async () => {
      running = await startSandbox(vendor);
    });
    afterEach(async () => {
      running.simulator.setFaults({});
      await t.db.updateTable('jobs').set({ state: 'succeeded', lastError: 'parked by the test' }).where('type', '=', POST_DOCUMENT_JOB).where('state', 'in', ['queued', 'running']).execute();
    });
    afterAll(() => running.close());
    return {
      sandbox: () => running,
      connect: (entityId: string, name: string, options: Omit<Parameters<typeof connectSandboxErp>[2], 'masterKey'> = {}) =>
        connectSandboxErp(t.db, running, { ...FAST, ...options, connectionName: `${vendor}-${name}`, entityIds: [entityId], masterKey }),
    };
  }

  describe.each(SANDBOX_VENDORS)('%s', (vendor) => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox(vendor);
    });
    afterAll(() => sandbox.close());

    it('posts an issued invoice and its credit memo exactly once each, stores the ERP ids and logs the attempts with their business context', async () => {
      const { f, invoices: [invoice] } = await issueInvoices(t.db, ['2026-01']);
      const memo = await issueCreditMemo(t.db, invoice!);
      const { connection } = await connectSandboxErp(t.db, sandbox, { ...FAST, connectionName: `${vendor.replaceAll('_', '-')}-main`, entityIds: [f.entity.id as string], masterKey });

      await worker().tick();

      for (const document of [invoice!, memo]) {
        const posted = await getInvoice(t.db, document.id);
        const stored = storedFor(sandbox, document);
        expect(stored, `${document.kind} ${document.number} in the ${vendor} sandbox`).toHaveLength(1);
        expect([posted.lifecycle, posted.erpDocumentId]).toEqual(['posted', stored[0]!.erpId]);
        const job = await postingJob(t.db, document.id);
        expect([job.state, job.attempts]).toEqual(['succeeded', 1]);
        expect(await attemptsOf(t.db, document.id)).toEqual([expect.objectContaining({
          connector: connection.name,
          operation: 'post',
          documentType: document.kind,
          documentNumber: document.number,
          entityId: f.entity.id,
          partyId: f.customer.id,
          amount: document.total,
          currency: 'EUR',
          externalId: erpExternalId(document.kind, document.id),
          attempt: 1,
          outcome: 'posted',
          erpDocumentId: stored[0]!.erpId,
          jobId: job.id,
          errorCode: null,
        })]);
      }
      expect(memo.total).toBe('35.70');
    });
  });

  // The connectors that create without looking up first unless told an earlier attempt may have landed.
  describe.each(['netsuite', 'xero'] as const)('look-ups before a retry on %s', (vendor) => {
    const { sandbox, connect } = faultSandbox(vendor);

    it('retries a posting the ERP turned away with its limit error without looking it up first, and one after a server error with a look-up', async () => {
      const { f, invoices: [limited, failed] } = await issueInvoices(t.db, ['2026-01', '2026-02']);
      await connect(f.entity.id as string, 'turned-away');
      const vendorSim = sandbox().simulator.vendor;
      const handle = vendorSim.handle.bind(vendorSim);
      const reads: string[] = [];
      vendorSim.handle = (request) => {
        if (request.method === 'GET') reads.push(request.path);
        return handle(request);
      };
      try {
        sandbox().simulator.setFaults({ script: ['rateLimited', 'serverError'] });
        await worker().tick();
        for (const invoice of [limited!, failed!]) expect(await attemptsOf(t.db, invoice.id)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'retrying' })]);

        await drain(t.db, [limited!.id, failed!.id]);
        for (const invoice of [limited!, failed!]) {
          const stored = storedFor(sandbox(), invoice);
          expect(stored).toHaveLength(1);
          expect((await attemptsOf(t.db, invoice.id)).map((e) => [e.attempt, e.outcome])).toEqual([[1, 'retrying'], [2, 'posted']]);
        }
        // One look-up: the document answered with a 5xx (the ERP may have written it first); none for the 429.
        expect(reads).toHaveLength(1);
      } finally {
        vendorSim.handle = handle;
      }
    });

  });

  describe.each(FAULT_VENDORS)('faults on %s', (vendor) => {
    const { sandbox, connect } = faultSandbox(vendor);

    it('retries a posting whose answer was lost, looks it up first, and ends with one document in the ERP', async () => {
      const { f, invoices: [invoice] } = await issueInvoices(t.db, ['2026-01']);
      await connect(f.entity.id as string, 'lost');
      sandbox().simulator.setFaults({ script: ['lostResponse'] });

      await worker().tick();
      expect(await attemptsOf(t.db, invoice!.id)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'retrying', errorCode: 'connection_failed', erpDocumentId: null })]);
      expect(await postingJob(t.db, invoice!.id)).toMatchObject({ state: 'queued', attempts: 1 });
      expect((await getInvoice(t.db, invoice!.id)).lifecycle).toBe('posting');

      await drain(t.db, [invoice!.id]);
      const stored = storedFor(sandbox(), invoice!);
      expect(stored).toHaveLength(1);
      expect(await getInvoice(t.db, invoice!.id)).toMatchObject({ lifecycle: 'posted', erpDocumentId: stored[0]!.erpId });
      expect((await attemptsOf(t.db, invoice!.id)).map((e) => [e.attempt, e.outcome, e.erpDocumentId])).toEqual([[1, 'retrying', null], [2, 'already_posted', stored[0]!.erpId]]);
      expect(await postingJob(t.db, invoice!.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    });

    it('holds a document the ERP refuses for a field, with an exception naming it, and does not retry', async () => {
      const { f, invoices: [invoice] } = await issueInvoices(t.db, ['2026-01']);
      const customer = f.customer.id as string;
      await connect(f.entity.id as string, 'refusing', { mapping: (m) => ({ ...m, customers: { ...m.customers, [customer]: '9999' } }) });

      await worker().tick();
      const requests = sandbox().simulator.stats.requests;
      await drain(t.db, [invoice!.id]);
      expect(sandbox().simulator.stats.requests).toBe(requests);
      expect(storedFor(sandbox(), invoice!)).toEqual([]);
      expect(await getInvoice(t.db, invoice!.id)).toMatchObject({ lifecycle: 'on_hold', erpDocumentId: null });
      const [exception, ...others] = await openExceptionsOf(t.db, invoice!.id);
      expect(others).toEqual([]);
      expect(exception!.sourceSystem).toBe(`erp.${vendor}-refusing`);
      expect(exception!.title).toMatch(CUSTOMER_FIELD[vendor]);
      const [attempt, ...more] = await attemptsOf(t.db, invoice!.id);
      expect(more).toEqual([]);
      expect(attempt).toMatchObject({ attempt: 1, outcome: 'failed', errorCode: expect.any(String) });
      expect(await postingJob(t.db, invoice!.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    });

    it('opens the circuit after repeated server errors, defers the waiting jobs without using attempts, and drains them after the cool-down', async () => {
      const { f, invoices } = await issueInvoices(t.db, ['2026-01', '2026-02', '2026-03']);
      const [a, b, c] = invoices.map((i) => i.id) as [string, string, string];
      const { connection } = await connect(f.entity.id as string, 'breaker', { breakerThreshold: 2, breakerCooldownMs: BREAKER_COOLDOWN_MS });
      sandbox().simulator.setFaults({ script: ['serverError', 'serverError'] });
      const status = async () => (await getConnectorStatuses(t.db)).find((s) => s.connection === connection.name)!;

      // One document at a time: a fails, then b fails and the circuit opens.
      await notYet(t.db, [b, c]);
      await worker().tick();
      await notYet(t.db, [a]); // its backoff may be a few milliseconds: keep it out of b's turn
      await dueNow(t.db, [b]);
      await worker().tick();
      expect(await status()).toMatchObject({ health: 'circuit_open', circuit: 'open', consecutiveFailures: 2, queueDepth: 3, lastError: expect.stringMatching(/had a problem \(HTTP 50\d\)/) });
      expect((await Promise.all([a, b].map((id) => attemptsOf(t.db, id)))).map((events) => events.map((e) => e.outcome))).toEqual([['retrying'], ['retrying']]);

      // While it is open nothing reaches the ERP and the jobs wait without spending an attempt.
      const requests = sandbox().simulator.stats.requests;
      await dueNow(t.db, [a, b, c]);
      await worker().tick();
      expect(sandbox().simulator.stats.requests).toBe(requests);
      expect((await Promise.all([a, b, c].map((id) => postingJob(t.db, id)))).map((j) => [j.state, j.attempts])).toEqual([['queued', 1], ['queued', 1], ['queued', 0]]);
      expect((await postingJob(t.db, c)).lastError).toMatch(/circuit open/);

      await new Promise((resolve) => setTimeout(resolve, BREAKER_COOLDOWN_MS + 50));
      await drain(t.db, [a, b, c]);
      for (const invoice of invoices) {
        const stored = storedFor(sandbox(), invoice);
        expect(stored).toHaveLength(1);
        expect(await getInvoice(t.db, invoice.id)).toMatchObject({ lifecycle: 'posted', erpDocumentId: stored[0]!.erpId });
      }
      expect((await Promise.all([a, b, c].map((id) => postingJob(t.db, id)))).map((j) => [j.state, j.attempts])).toEqual([['succeeded', 2], ['succeeded', 2], ['succeeded', 1]]);
      expect(await status()).toMatchObject({ health: 'healthy', circuit: 'closed', consecutiveFailures: 0, queueDepth: 0 });
    });

    it('dead-letters a posting that keeps failing, holds the document saying it gave up, and a replay posts it once', async () => {
      const { f, invoices: [invoice] } = await issueInvoices(t.db, ['2026-01']);
      const { connection } = await connect(f.entity.id as string, 'dead');
      const job = await postingJob(t.db, invoice!.id);
      await t.db.updateTable('jobs').set({ maxAttempts: 2 }).where('id', '=', job.id).execute();
      sandbox().simulator.setFaults({ rates: { serverError: 1 } });

      await drain(t.db, [invoice!.id]);
      expect(await postingJob(t.db, invoice!.id)).toMatchObject({ state: 'dead', attempts: 2 });
      expect((await attemptsOf(t.db, invoice!.id)).map((e) => [e.attempt, e.outcome])).toEqual([[1, 'retrying'], [2, 'dead']]);
      expect((await getInvoice(t.db, invoice!.id)).lifecycle).toBe('on_hold');
      const [exception] = await openExceptionsOf(t.db, invoice!.id);
      expect(exception).toMatchObject({ category: 'posting_failure', sourceSystem: `erp.${connection.name}` });
      expect(exception!.title).toMatch(/gave up after 2 attempts/);
      const dead = await listDeadLetters(t.db, { type: POST_DOCUMENT_JOB, limit: 100 });
      expect(dead.find((d) => d.id === job.id)).toMatchObject({ attempts: 2, document: { id: invoice!.id, number: invoice!.number, lifecycle: 'on_hold' } });
      expect((await getConnectorStatuses(t.db)).find((s) => s.connection === connection.name)).toMatchObject({ deadLetters: 1, queueDepth: 0 });
      expect(storedFor(sandbox(), invoice!)).toEqual([]);

      sandbox().simulator.setFaults({});
      expect(await replayDeadLetters(t.db, SYSTEM_CONTEXT, { ids: [job.id] })).toEqual({ replayed: [job.id] });
      await drain(t.db, [invoice!.id]);
      const stored = storedFor(sandbox(), invoice!);
      expect(stored).toHaveLength(1);
      expect(await getInvoice(t.db, invoice!.id)).toMatchObject({ lifecycle: 'posted', erpDocumentId: stored[0]!.erpId });
      expect(await openExceptionsOf(t.db, invoice!.id)).toEqual([]);
      expect((await getConnectorStatuses(t.db)).find((s) => s.connection === connection.name)).toMatchObject({ deadLetters: 0 });
    });

    it('holds a document whose GL account has no mapping with a master-data exception listing it, before any call to the ERP', async () => {
      const { f, invoices: [invoice] } = await issueInvoices(t.db, ['2026-01']);
      const revenue = f.seatProduct.revenueAccountCode as string;
      const { connection } = await connect(f.entity.id as string, 'unmapped', {
        mapping: (m) => ({ ...m, accounts: Object.fromEntries(Object.entries(m.accounts).filter(([code]) => code !== revenue)) }),
      });
      const requests = sandbox().simulator.stats.requests;

      await worker().tick();
      expect(sandbox().simulator.stats.requests).toBe(requests);
      expect(await getInvoice(t.db, invoice!.id)).toMatchObject({ lifecycle: 'on_hold', erpDocumentId: null });
      const [exception] = await openExceptionsOf(t.db, invoice!.id);
      expect(exception).toMatchObject({ category: 'master_data', sourceSystem: `erp.${connection.name}` });
      expect(exception!.title).toContain(`GL account ${revenue} (`);
      expect(exception!.title).toContain(`has no ${ERP_CONNECTORS.get(vendor)!.displayName} account in the erp_mapping for connection ${connection.name}`);
      expect(await attemptsOf(t.db, invoice!.id)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed', errorCode: 'missing_mapping', exceptionCategory: 'master_data' })]);
      expect(await postingJob(t.db, invoice!.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    });
  });
});
