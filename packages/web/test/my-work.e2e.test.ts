import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium)('web app: my work — approvals and exceptions (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const lifecycleOf = async (id: string) =>
    (await server.handle.db.selectFrom('invoices').select('lifecycle').where('id', '=', id).executeTakeFirstOrThrow()).lifecycle;

  it('an approver approves a pending invoice from My work, and it becomes approved', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('cfo'), DEMO_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: /^My work/ }).getAttribute('href')).toBe('/work');
    await nav.getByRole('link', { name: /^My work/ }).click();
    const rows = page.locator('li.approval');
    await rows.first().waitFor();
    // The go-live month's approvals still waiting are days past their SLA; this month's are not yet.
    await expect.poll(() => rows.filter({ hasText: 'SLA: overdue' }).count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasNotText: 'SLA: overdue' }).count()).toBeGreaterThan(0);
    // A one-step route: the CFO's approval completes it (on the two-step route the CFO takes one step only).
    const row = rows.filter({ hasText: 'route invoices_medium' }).first();
    expect(await row.textContent()).toMatch(/SLA: (overdue, )?due/);
    const href = (await row.getByRole('link').first().getAttribute('href'))!;
    const invoiceId = href.split('/').pop()!;
    expect(await lifecycleOf(invoiceId)).toBe('pending_approval');

    // The evidence beside it: lines, rule results, the customer's history and who may decide.
    await row.getByText(/^Evidence:/).click();
    const evidence = row.locator('.evidence');
    await evidence.getByRole('region', { name: 'Rule results' }).getByText(/rules passed \(rule set v\d+\)/).waitFor();
    const document = await server.handle.db.selectFrom('invoiceLines').select((eb) => eb.fn.countAll<string>().as('n')).where('invoiceId', '=', invoiceId).executeTakeFirstOrThrow();
    expect(await evidence.getByRole('region', { name: 'Lines' }).locator('tr').count()).toBe(Number(document.n));
    expect(await evidence.getByRole('region', { name: 'Segregation of duties' }).textContent()).toMatch(/Created by .+; not you\. May decide the open step: /);
    await evidence.getByRole('region', { name: 'Customer history' }).getByRole('heading').waitFor();

    await row.getByLabel('Comment').fill('Checked against the contract.');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/approved\.$/));
    expect(await lifecycleOf(invoiceId)).toBe('approved');

    await page.goto(href);
    await page.getByRole('heading', { name: /Why it is approved/ }).waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('approved');
    expect(await page.locator('.why').textContent()).toContain('last approval action: approved');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('rejecting needs a comment, said in words', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('cfo'), DEMO_PASSWORD);
    await page.goto('/work');
    const row = page.locator('li.approval').first();
    await row.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toContain('Write why you reject it');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an approver overrides a warning exception with a reason', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('approver'), DEMO_PASSWORD);
    await page.goto('/work');
    await page.getByLabel('Category').selectOption('entitlement');
    const item = page.locator('li.exception').first();
    await item.waitFor();
    const title = (await item.locator('strong').textContent())!;
    await item.getByRole('button', { name: 'Resolve…' }).click();
    await item.getByLabel('How was it resolved?').selectOption('overridden');
    expect(await item.getByRole('button', { name: 'Resolve', exact: true }).isDisabled()).toBe(true); // no reason yet
    await item.getByLabel(/^Reason/).fill('Customer has a signed upgrade for next month');
    await item.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => page.locator('li.exception strong').allTextContents()).not.toContain(title);
    const resolved = await server.handle.db.selectFrom('exceptions').select(['resolution', 'resolutionReason']).where('title', '=', title).where('status', '=', 'resolved').execute();
    expect(resolved).toContainEqual({ resolution: 'overridden', resolutionReason: 'Customer has a signed upgrade for next month' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an AR clerk fixes the customer's missing tax id and re-validates: the exception resolves and the invoice is issued", async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk.de'), DEMO_PASSWORD); // the demo's NL customer is billed by DE01
    await page.goto('/work');
    await page.getByLabel('Category').selectOption('master_data');
    // Its September and October invoices are both held: fixing the tax id from one re-validates both.
    const item = page.locator('li.exception', { hasText: 'Tax id is missing' }).first();
    await item.waitFor();
    const documentId = (await item.getByRole('link', { name: /^open the/ }).getAttribute('href'))!.split('/').pop()!;
    const exception = await server.handle.db
      .selectFrom('exceptions')
      .select(['id', 'documentId'])
      .where('ruleId', '=', 'builtin.tax_id_missing_or_invalid')
      .where('documentId', '=', documentId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(await lifecycleOf(exception.documentId)).toBe('on_hold');
    // An override is not offered: AR clerks may not let a document pass a failed rule.
    await item.getByRole('button', { name: 'Resolve…' }).click();
    expect(await item.getByLabel('How was it resolved?').locator('option[value="overridden"]').count()).toBe(0);
    await item.getByRole('button', { name: 'Fix tax id…' }).click();
    await item.getByLabel('Customer tax id').fill('NL004495445B01');
    await item.getByLabel('Type').selectOption('eu_vat');
    await item.getByRole('button', { name: 'Save and re-validate' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/re-validated 2 held documents: 2 moved on, 0 still held \(this one: (straight through|needs approval)\)/));
    const customerId = (await server.handle.db.selectFrom('invoices').select('customerId').where('id', '=', documentId).executeTakeFirstOrThrow()).customerId;
    const taxIdExceptions = await server.handle.db.selectFrom('exceptions').innerJoin('invoices', 'invoices.id', 'exceptions.documentId')
      .select(['exceptions.status', 'exceptions.resolution', 'invoices.lifecycle']).where('invoices.customerId', '=', customerId).where('exceptions.ruleId', '=', 'builtin.tax_id_missing_or_invalid').execute();
    expect(taxIdExceptions).toHaveLength(2);
    for (const e of taxIdExceptions) {
      expect([e.status, e.resolution]).toEqual(['resolved', 'corrected_revalidated']);
      expect(['approved', 'pending_approval', 'posting', 'posted', 'sent']).toContain(e.lifecycle);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a controller assigns two entitlement warnings to herself and overrides them with one reason, in bulk', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.goto('/work');
    await page.getByLabel('Category').selectOption('entitlement');
    const items = page.locator('li.exception');
    // Until the filtered list has loaded it is empty, and every item of an empty list "includes" anything.
    await expect.poll(async () => {
      const texts = await items.allTextContents();
      return texts.length >= 2 && texts.every((t) => t.includes('entitlement'));
    }).toBe(true);
    const titles = (await items.locator('strong').allTextContents()).slice(0, 2);
    expect(titles).toHaveLength(2);
    for (const title of titles) await page.getByRole('checkbox', { name: `Select: ${title}` }).first().check();
    const bar = page.getByRole('region', { name: 'Selected exceptions' });
    expect(await bar.locator('strong').textContent()).toBe('2 selected');
    const picked = await server.handle.db.selectFrom('exceptions').select(['id', 'title']).where('title', 'in', titles).where('status', '=', 'open').where('category', '=', 'entitlement').execute();
    await bar.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Assigned to you 2 of 2.');
    const controller = await server.handle.db.selectFrom('users').select('id').where('email', '=', demoEmail('controller')).executeTakeFirstOrThrow();
    const ids = picked.map((x) => x.id).slice(0, 2);
    const assigned = await server.handle.db.selectFrom('exceptions').select('assigneeUserId').where('id', 'in', ids).execute();
    expect(assigned.map((a) => a.assigneeUserId)).toEqual([controller.id, controller.id]);

    // The selection clears after an action; pick them again and override both with one reason.
    for (const title of titles) await page.getByRole('checkbox', { name: `Select: ${title}` }).first().check();
    await bar.getByRole('button', { name: 'Resolve selected…' }).click();
    await bar.getByLabel('How was it resolved?').selectOption('overridden');
    await bar.getByLabel('Reason (required)').fill('Overage agreed with sales ops for this quarter');
    await bar.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Resolved 2 of 2.');
    const resolved = await server.handle.db.selectFrom('exceptions').select(['status', 'resolution', 'resolutionReason']).where('id', 'in', ids).execute();
    expect(resolved).toEqual([
      { status: 'resolved', resolution: 'overridden', resolutionReason: 'Overage agreed with sales ops for this quarter' },
      { status: 'resolved', resolution: 'overridden', resolutionReason: 'Overage agreed with sales ops for this quarter' },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
