import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!hasChromium)('web app: sign-in, navigation by role, invoices (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const NAV = ['Dashboard', 'My work', 'Invoices', 'Bill runs', 'Integrations', 'Rules and policies', 'Audit log'];
  it.each([
    ['controller', ['Dashboard', 'My work', 'Invoices', 'Bill runs', 'Integrations', 'Rules and policies', 'Audit log']],
    ['approver', ['Dashboard', 'My work', 'Invoices', 'Integrations', 'Rules and policies']],
    ['ar.clerk', ['My work', 'Invoices', 'Bill runs', 'Integrations', 'Rules and policies']],
    ['auditor', ['Dashboard', 'Invoices', 'Integrations', 'Rules and policies', 'Audit log']],
    ['ap.clerk', ['Invoices', 'Integrations', 'Rules and policies']],
    ['admin', ['Dashboard', 'My work', 'Invoices', 'Bill runs', 'Integrations', 'Rules and policies', 'Audit log']],
  ])('%s sees only the pages the role may open, and lands on the first', async (user, expected) => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail(user), DEMO_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const item of NAV) {
      await expect.poll(() => nav.getByRole('link', { name: new RegExp(`^${item}`) }).count(), { message: `${user}: ${item}` }).toBe(expected.includes(item) ? 1 : 0);
    }
    await page.getByRole('heading', { level: 1, name: expected[0] }).waitFor();
    if (!expected.includes('Bill runs')) {
      await page.goto('/bill-runs');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to invoiceops' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the sign-in error in words for a wrong password', async () => {
    const { page, context } = await openPage(browser, server.url);
    await page.goto('/');
    await page.getByLabel('Email').fill(demoEmail('controller'));
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\w{4,}/);
    await context.close();
  });

  it('lists invoices with filters and pages, and the detail shows lines, totals, the "why", the timeline and the audit trail', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Invoices' }).click();
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2', { exact: true }).waitFor();
    await page.getByLabel('Lifecycle').selectOption('pending_approval');
    await expect.poll(() => page.url()).toContain('lifecycle=pending_approval');
    await page.getByText('Page 1', { exact: true }).waitFor();
    await expect.poll(async () => {
      const badges = await page.locator('table.data tbody tr .badge').allTextContents();
      return badges.length > 0 && badges.every((t) => t === 'pending approval');
    }).toBe(true);
    await rows.first().getByRole('link').click();

    await page.getByRole('heading', { name: /Why it is pending approval/ }).waitFor();
    await expect.poll(() => page.locator('.why li').first().textContent()).toContain('passed every blocking rule');
    expect(await page.locator('.why').textContent()).toContain('routed by route');
    const lines = page.getByRole('region', { name: 'Lines' }).getByRole('table').first().locator('tbody tr');
    expect(await lines.count()).toBeGreaterThan(0);
    expect(await lines.first().textContent()).toMatch(/[A-Z]{3} [\d,]+\.\d{2}$/);
    expect(await page.getByLabel('Totals').textContent()).toMatch(/Total[A-Z]{3} [\d,]+\.\d{2}/);
    await page.getByRole('heading', { name: 'Status timeline' }).waitFor();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await expect.poll(() => page.locator('section[aria-labelledby="audit-title"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('iframe.pdf').getAttribute('src')).toMatch(/\/v1\/invoices\/inv_\w+\/pdf$/);

    // A deep link reloads into the same page (the server answers client routes with the app).
    await page.reload();
    await page.getByRole('heading', { name: /Why it is pending approval/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the newest first, finds an invoice by its number or its customer, and filters by a customer picked by name', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.goto('/invoices');
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    const newest = await server.handle.db.selectFrom('invoices').select('id').orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await rows.first().getByRole('link').first().getAttribute('href')).toBe(`/invoices/${newest.id}`);

    const sample = await server.handle.db
      .selectFrom('invoices as i')
      .innerJoin('customers as c', 'c.id', 'i.customerId')
      .select(['i.number', 'i.customerId', 'c.name'])
      .where('i.number', 'is not', null)
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    await page.getByLabel('Search').fill(sample.number!.toLowerCase());
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(sample.number!.toLowerCase())}`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(sample.number);
    await page.getByLabel('Search').fill('');
    await expect.poll(() => page.url()).not.toContain('q=');

    await page.getByLabel('Customer').fill(sample.name.slice(0, 6));
    await page.getByRole('list', { name: 'Matching customers' }).getByRole('button', { name: new RegExp(sample.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
    await expect.poll(() => page.url()).toContain(`customerId=${sample.customerId}`);
    const ofCustomer = await server.handle.db.selectFrom('invoices').select('id').where('customerId', '=', sample.customerId).execute();
    await expect.poll(() => rows.count()).toBe(Math.min(ofCustomer.length, 50));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an auditor reads an invoice but is offered no actions', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('auditor'), DEMO_PASSWORD);
    await page.goto('/invoices?lifecycle=on_hold');
    await page.locator('table.data tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: /Why it is on hold/ }).waitFor();
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    for (const name of ['Re-validate', 'Void…', 'Resolve…', 'Assign to me', 'Approve']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
