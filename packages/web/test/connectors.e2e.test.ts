import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { POST_DOCUMENT_JOB, generateMasterKeyText, parseMasterKey } from '@invoiceops/core';
import { connectSandboxErp, openTestDatabase, startSandbox, type Sandbox } from '@invoiceops/testing';
import { JOB_DEFINITIONS, startWorker, type RunningWorker } from '@invoiceops/worker';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

// The worker reads the connection's credentials with the master key of its environment: the one they are stored with.
const MASTER_KEY_TEXT = generateMasterKeyText();
const masterKey = parseMasterKey(MASTER_KEY_TEXT, 'the test master key');

describe.skipIf(!hasChromium)('web app: ERP connector health, dead letters and replay (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    vi.stubEnv('INVOICEOPS_MASTER_KEY', MASTER_KEY_TEXT);
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite'), customers: 80 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    vi.unstubAllEnvs();
  });

  it('without an ERP connection, a controller is told documents post to the built-in ledger and how to connect one', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    const health = page.getByRole('region', { name: 'Connector health' });
    await expect.poll(() => health.locator('.state.empty').textContent()).toMatch(/^No ERP connection is configured, so approved documents post to the built-in ledger\..*docs\/erp-connectors\.md.*invoiceops sandbox erp netsuite/);
    await page.getByRole('region', { name: 'Dead letters' }).getByText('No dead letters.', { exact: false }).waitFor();
    await page.getByRole('region', { name: 'Webhooks' }).getByText('No webhook subscriptions', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  describe('with a NetSuite sandbox connected and a posting that gave up', () => {
    let sandbox: Sandbox;
    let worker: RunningWorker;
    let doc: { id: string; number: string | null; entityId: string };
    const postingJob = () => server.handle.db.selectFrom('jobs').select(['id', 'state', 'attempts']).where('dedupeKey', '=', `${POST_DOCUMENT_JOB}:${doc.id}`).executeTakeFirstOrThrow();

    beforeAll(async () => {
      const db = server.handle.db;
      doc = await db.selectFrom('invoices').select(['id', 'number', 'entityId']).where('lifecycle', '=', 'approved').orderBy('id').limit(1).executeTakeFirstOrThrow();
      // Only this document's posting runs: every other job the demo queued (postings, emails) waits for a day.
      await db.updateTable('jobs').set({ runAt: new Date(Date.now() + 86_400_000) }).where('state', '=', 'queued').where('dedupeKey', '<>', `${POST_DOCUMENT_JOB}:${doc.id}`).execute();
      await db.updateTable('jobs').set({ maxAttempts: 1, runAt: new Date(Date.now() - 1_000) }).where('dedupeKey', '=', `${POST_DOCUMENT_JOB}:${doc.id}`).execute();

      // The ERP answers 503 to every posting; the one attempt allowed fails and the job is dead-lettered.
      sandbox = await startSandbox('netsuite', { faults: { rates: { serverError: 1 } } });
      await connectSandboxErp(db, sandbox, { masterKey, entityIds: [doc.entityId], maxConcurrency: 4, maxPerMinute: 60_000, timeoutMs: 5_000 });
      // A worker of posting jobs only (the demo server's would also send the demo's emails), polling often.
      worker = startWorker({ db, logger: pino({ level: 'silent' }), embedded: true, schedule: false, pollIntervalMs: 100, definitions: JOB_DEFINITIONS.filter((d) => d.type === POST_DOCUMENT_JOB) });
      const until = Date.now() + 15_000;
      while ((await postingJob()).state !== 'dead') {
        if (Date.now() > until) throw new Error(`the posting job did not die: ${JSON.stringify(await postingJob())}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    afterAll(async () => {
      await worker?.stop();
      await sandbox?.close();
    });

    it('an approver sees the connection and the dead letter, but no way to replay it', async () => {
      const { page, context, errors } = await openPage(browser, server.url);
      await signIn(page, demoEmail('approver'), DEMO_PASSWORD);
      await page.goto('/integrations');
      const card = page.locator('li.connector', { hasText: 'netsuite-sandbox' });
      await expect.poll(() => card.locator('h3').textContent()).toBe('netsuite-sandbox Oracle NetSuite degraded');
      const deadLetters = page.getByRole('region', { name: 'Dead letters' });
      const row = deadLetters.locator('tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.getByRole('link').textContent()).toBe(doc.number);
      expect(await deadLetters.getByRole('button', { name: /^Replay/ }).count()).toBe(0);
      expect(await deadLetters.getByRole('checkbox').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a controller sees the health in words and the dead letter, clears the fault, replays it, and the document is posted', async () => {
      const { page, context, errors } = await openPage(browser, server.url);
      await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
      await page.goto('/integrations');

      const card = page.locator('li.connector', { hasText: 'netsuite-sandbox' });
      await expect.poll(() => card.locator('h3').textContent()).toBe('netsuite-sandbox Oracle NetSuite degraded');
      const facts = () => card.locator('dl').innerText();
      await expect.poll(facts).toMatch(/Circuit\s+closed: calls go through/);
      expect(await facts()).toMatch(/Consecutive failures\s+1 \(the circuit opens at 5\)/);
      expect(await facts()).toMatch(/Last error\s+.*HTTP 50\d/);
      expect(await facts()).toMatch(/Mapping\s+ERP mapping v1 in force: \d+ entit(y|ies), \d+ accounts, \d+ tax codes/);

      const deadLetters = page.getByRole('region', { name: 'Dead letters' });
      const row = deadLetters.locator('tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toMatch(new RegExp(`Posting to the ERP[\\s\\S]*${doc.number}[\\s\\S]*on hold[\\s\\S]*\\b1\\b[\\s\\S]*HTTP 50\\d`));
      await expect.poll(() => deadLetters.getByRole('button', { name: 'Replay selected' }).isDisabled()).toBe(true);
      await row.getByRole('checkbox', { name: `Select Posting to the ERP of ${doc.number}` }).check();
      expect(await deadLetters.getByRole('button', { name: 'Replay selected (1)' }).isEnabled()).toBe(true);

      sandbox.simulator.setFaults({});
      await row.getByRole('button', { name: `Replay Posting to the ERP of ${doc.number}` }).click();
      await expect.poll(() => deadLetters.getByRole('status').textContent()).toBe(`Replayed 1 job — Posting to the ERP of ${doc.number}. Queued again with fresh attempts: a worker runs it next.`);
      await deadLetters.getByText('No dead letters.', { exact: false }).waitFor();

      // The worker posts it: the invoice page says so, with both attempts.
      await expect.poll(async () => (await postingJob()).state, { timeout: 15_000 }).toBe('succeeded');
      await page.getByRole('region', { name: 'Connector health' }).getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => card.locator('h3 .badge').textContent()).toBe('healthy');
      await page.goto(`/invoices/${doc.id}`);
      await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('posted');
      const attempts = page.getByRole('region', { name: 'ERP posting' }).locator('tbody tr');
      await expect.poll(() => attempts.allTextContents()).toEqual([expect.stringMatching(/netsuite-sandbox.*1dead.*gave up after 1 attempt/), expect.stringMatching(/netsuite-sandbox.*\dposted/)]);
      expect(sandbox.simulator.vendor.records()).toHaveLength(1);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a controller reads the ERP mapping in force, and a draft whose template is not JSONata is refused in words', async () => {
      const { page, context, errors } = await openPage(browser, server.url);
      await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
      await page.goto('/rules');
      await page.getByRole('navigation', { name: 'Release kinds' }).getByRole('link', { name: 'ERP mappings' }).click();
      const first = page.locator('table.data tbody tr').first();
      await expect.poll(() => first.textContent()).toMatch(/^v1in force/);
      await first.getByRole('link', { name: 'v1' }).click();
      const connection = page.getByRole('region', { name: 'Connection netsuite-sandbox' });
      await expect.poll(() => connection.locator('caption').allTextContents()).toEqual([
        expect.stringMatching(/^Entities \([1-9]\d*\)$/), expect.stringMatching(/^Accounts \([1-9]\d*\)$/), expect.stringMatching(/^Tax codes \([1-9]\d*\)$/), expect.stringMatching(/^Dimensions \(\d+\)$/),
        expect.stringMatching(/^Products \(\d+\)$/), expect.stringMatching(/^Customers \(\d+\)$/),
      ]);
      expect(await page.getByRole('heading', { name: 'Simulation' }).count()).toBe(0);

      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Rules and policies' }).click();
      await page.getByRole('button', { name: 'New draft from v1 (in force)' }).click();
      await page.getByRole('heading', { name: /ERP mapping v2\s*draft/ }).waitFor();
      const editor = page.getByLabel('Content (JSON)');
      const content = JSON.parse(await editor.inputValue()) as { connections: Record<string, { templates: { invoice: string } }> };
      content.connections['netsuite-sandbox']!.templates.invoice = '{ "externalId": }';
      await editor.fill(JSON.stringify(content, null, 2));
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect.poll(() => page.locator('.editor-feedback [role="alert"]').textContent()).toMatch(
        /^Not saved\. \/content\/connections\/netsuite-sandbox\/templates\/invoice: the invoice template of connection netsuite-sandbox is not valid JSONata: S0\d+ at position \d+: /,
      );
      expect(await editor.getAttribute('aria-invalid')).toBe('true');
      // The refused save is the browser's one logged 422.
      expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
      await context.close();
    });
  });
});
