import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PostingRefused, SYSTEM_CONTEXT, builtinLedger, postDocument, type PostingConnector } from '@invoiceops/core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium)('web app: integrations (posting, event log, trial balance) and the audit log (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  /** The approved invoices of one entity, posted to the built-in ledger as a worker would. */
  let posted: { id: string; number: string | null; entityId: string }[];
  /** One more, refused by an ERP: on hold with a posting failure until it is retried. */
  let refused: { id: string; number: string | null };
  const refusingErp: PostingConnector = {
    name: 'netsuite',
    post: () => Promise.reject(new PostingRefused('the ERP has no account 4000 in subsidiary 3', 'INVALID_ACCOUNT', 'posting_failure', 400)),
  };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
    const db = server.handle.db;
    const { entityId } = await db.selectFrom('invoices').select('entityId').where('lifecycle', '=', 'approved').groupBy('entityId').orderBy(({ fn }) => fn.countAll(), 'desc').executeTakeFirstOrThrow();
    const approved = await db.selectFrom('invoices').select(['id', 'number', 'entityId']).where('lifecycle', '=', 'approved').where('entityId', '=', entityId).orderBy('id').limit(5).execute();
    posted = approved.slice(0, 4);
    refused = approved[4]!;
    for (const doc of posted) expect((await postDocument(db, SYSTEM_CONTEXT, doc.id, builtinLedger)).outcome).toBe('posted');
    expect((await postDocument(db, SYSTEM_CONTEXT, refused.id, refusingErp)).outcome).toBe('failed');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a posted invoice shows its posting attempt and the ERP document id', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    const doc = posted[0]!;
    await page.goto(`/invoices/${doc.id}`);
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('posted');
    const erp = page.getByRole('region', { name: 'ERP posting' });
    const { erpDocumentId } = await server.handle.db.selectFrom('invoices').select('erpDocumentId').where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(erpDocumentId).toBeTruthy();
    await expect.poll(() => erp.locator('dl.facts').textContent()).toBe(`ERP document${erpDocumentId}Connectorbuiltin_ledgerAttempts1`);
    const attempt = erp.locator('tbody tr');
    expect(await attempt.count()).toBe(1);
    expect(await attempt.textContent()).toMatch(new RegExp(`builtin_ledger.*1posted${erpDocumentId}external id invoiceops:invoice:${doc.id}`));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the integrations page lists every attempt with filters, and the trial balance balances', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    const log = page.getByRole('region', { name: 'Integration event log' });
    await expect.poll(() => log.locator('tbody tr').count()).toBe(posted.length + 1);
    expect(await log.locator('tbody tr').first().textContent()).toContain(posted[0]!.number!);

    await log.getByLabel('Outcome').selectOption('failed');
    await expect.poll(() => log.locator('tbody tr').count()).toBe(1);
    expect(await log.locator('tbody tr').textContent()).toMatch(/netsuite.*failed.*INVALID_ACCOUNT: the ERP has no account 4000 in subsidiary 3 \(HTTP 400\)/);
    await log.getByLabel('Connector').fill('builtin_ledger');
    await log.getByText('No posting attempts match.', { exact: false }).waitFor();
    await log.getByLabel('Connector').fill('');
    await log.getByLabel('Outcome').selectOption('posted');
    await log.getByLabel('Document id').fill(posted[1]!.id);
    await expect.poll(() => log.locator('tbody tr').count()).toBe(1);

    const ledger = page.getByRole('region', { name: 'Built-in ledger: trial balance' });
    await ledger.getByLabel('Entity').selectOption(posted[0]!.entityId);
    await expect.poll(() => ledger.getByRole('status').textContent()).toBe('Balanced: per currency, debits equal credits.');
    expect(await ledger.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const csv = await page.request.get((await ledger.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(posted[0]!.number!);
    const journal = await page.request.get((await ledger.getByRole('link', { name: 'Download hledger journal' }).getAttribute('href'))!);
    expect(journal.status()).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a controller retries a failed posting: it posts, and the document leaves the held list', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.goto('/integrations');
    const held = page.locator('li.exception', { hasText: refused.number! });
    await expect.poll(() => held.locator('strong').textContent()).toMatch(/failed/i);
    await held.getByRole('button', { name: 'Retry posting' }).click();
    const posting = page.getByRole('region', { name: 'Posting' });
    await expect.poll(() => posting.getByRole('status').textContent()).toMatch(new RegExp(`^Posting ${refused.number}.* — Posted: ERP document jnl_\\w+ \\(posted\\)\\.$`));
    await page.getByText('No posting has failed. Nothing is on hold for the ERP.').waitFor();
    const after = await server.handle.db.selectFrom('invoices').select(['lifecycle', 'erpDocumentId']).where('id', '=', refused.id).executeTakeFirstOrThrow();
    expect(after.lifecycle).toBe('posted');

    await page.goto(`/invoices/${refused.id}`);
    const attempts = page.getByRole('region', { name: 'ERP posting' }).locator('tbody tr');
    await expect.poll(() => attempts.allTextContents()).toEqual([expect.stringMatching(/netsuite.*1failed/), expect.stringMatching(new RegExp(`builtin_ledger.*1posted${after.erpDocumentId}`))]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an AR clerk sees the event log but neither the ledger nor the audit log', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk'), DEMO_PASSWORD);
    await page.goto('/integrations');
    await page.getByRole('heading', { name: 'Integration event log' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Built-in ledger: trial balance' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an auditor verifies the audit chain and reads an invoice's history, narrowed to a period", async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('auditor'), DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify the chain now' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Chain verification' }).getByRole('status').textContent()).toMatch(/^Intact: [\d,]+ rows checked, every hash matches/);

    await page.getByLabel('Object type').selectOption('invoice');
    await page.getByLabel('Object id').fill(posted[0]!.id);
    await page.getByRole('button', { name: 'Show history' }).click();
    await expect.poll(() => page.url()).toContain(`id=${posted[0]!.id}`);
    const rows = page.locator('section[aria-labelledby="browse-title"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2000-01-01');
    await page.getByText('No rows in this period.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
