import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sql } from 'kysely';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  addMonths,
  amendContract,
  amendContractSchema,
  createContract,
  createContractSchema,
  createUser,
  ingestUsageEvents,
  listOpenInvoices,
  localDateOf,
  zonedStartOfDay,
  type Db,
} from '@invoiceops/core';
import { createCustomer, openTestDatabase } from '@invoiceops/testing';
import { groupDigits, money } from '../src/ui/format.ts';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const TIME_ZONE = 'America/New_York';
/** "2026-11-01" → "Nov 2026", as a person reads a bill run. */
const monthName = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A US customer of the AR clerk's entity, laid out around today (in New York): a monthly
 * contract migrated at the start of this month (billed elsewhere until then), 8 seats at
 * 45.00 and API calls with a hard entitlement of 50,000 a month; amended to 12 seats from
 * next month by the AR clerk; last month's usage: 48,000 calls within the entitlement, one
 * event of 8,000 beyond it (held) and one storage event the contract does not price (held).
 */
async function plantScenario(db: Db) {
  const thisMonth = `${localDateOf(new Date(), TIME_ZONE).slice(0, 7)}-01`;
  const lastMonth = addMonths(thisMonth, -1);
  const nextMonth = addMonths(thisMonth, 1);
  const entity = await db.selectFrom('legalEntities').select('id').where('code', '=', 'US01').executeTakeFirstOrThrow();
  const products = await db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', ['SEAT-PRO', 'API-1K']).execute();
  const product = (sku: string) => products.find((p) => p.sku === sku)!.id;
  const clerk = await db.selectFrom('users').select('id').where('email', '=', demoEmail('ar.clerk')).executeTakeFirstOrThrow();
  const customer = await createCustomer(db, entity.id, {
    number: 'E2E-QUILL',
    name: 'Quillon Analytics Inc.',
    billingCurrency: 'USD',
    taxId: '12-3456789',
    taxIdType: 'us_ein',
    billingAddress: { line1: '200 Park Avenue', city: 'New York', region: 'NY', postalCode: '10166', country: 'US' },
    contacts: [
      { name: 'Avery Lin', email: 'ap@quillon.example', role: 'Accounts payable' },
      { name: 'Sam Ortiz', email: 'sam@quillon.example', role: 'CTO' },
    ],
    timeZone: TIME_ZONE,
  });
  const contract = await createContract(
    db,
    SYSTEM_CONTEXT,
    createContractSchema.parse({
      customerId: customer.id,
      number: 'E2E-CTR-QUILL',
      startDate: addMonths(thisMonth, -3),
      termMonths: 12,
      billingFrequency: 'monthly',
      alignment: 'calendar',
      billedThrough: thisMonth,
      lines: [
        { key: 'seats', productId: product('SEAT-PRO'), kind: 'recurring', charge: { model: 'per_unit', params: { unitPrice: '45.00' } }, quantity: '8' },
        {
          key: 'api',
          productId: product('API-1K'),
          kind: 'usage',
          metricCode: 'api.calls',
          charge: { model: 'included_allowance', params: { includedQuantity: '50000', overage: 'review', charge: { model: 'per_unit', params: { unitPrice: '0.002' } } } },
        },
      ],
    }),
    ALL_ENTITIES,
  );
  await amendContract(
    db,
    { actor: `user:${clerk.id}` },
    contract.id,
    amendContractSchema.parse({ kind: 'change_quantity', effectiveDate: nextMonth, lineKey: 'seats', quantity: '12', reason: 'Team grew' }),
    ALL_ENTITIES,
  );
  const event = (id: string, type: string, day: string, data: Record<string, number>) => ({
    specversion: '1.0', id, source: '/e2e', type, subject: customer.id, time: `${lastMonth.slice(0, 8)}${day}T15:00:00Z`, data,
  });
  const sent = await ingestUsageEvents(db, SYSTEM_CONTEXT, {
    events: [
      event('a', 'api.calls', '05', { quantity: 20000 }),
      event('b', 'api.calls', '10', { quantity: 25000 }),
      event('c', 'api.calls', '12', { quantity: 8000 }),
      event('d', 'api.calls', '15', { quantity: 3000 }),
      event('e', 'storage.gb', '16', { gb: 40 }),
    ],
    scope: ALL_ENTITIES,
  });
  expect(sent.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'flagged', 'accepted', 'flagged']);
  return { customer, contract, thisMonth, lastMonth, nextMonth };
}

describe.skipIf(!hasChromium)('web app: customers, contracts and usage (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  let scenario: Awaited<ReturnType<typeof plantScenario>>;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
    scenario = await plantScenario(server.handle.db);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an AR clerk finds a customer, reads the master data, opens a contract and sees lines, versions and the schedule', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk'), DEMO_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    // The clerk's entities (US01, UK01) hold more customers than a page: the server pages them.
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2', { exact: true }).waitFor();

    await page.getByLabel('Name or number').fill('E2E-QUILL');
    await expect.poll(() => page.url()).toContain('q=E2E-QUILL');
    await expect.poll(() => rows.count()).toBe(1);
    // By keyboard: from the search field, past the two filters, to the customer's link.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('E2E-QUILL');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Quillon Analytics Inc.' }).waitFor();
    const facts = page.getByRole('region', { name: 'Master data' });
    expect(await facts.locator('dt:has-text("Tax id") + dd').textContent()).toBe('12-3456789 (us ein)');
    expect(await facts.locator('dt:has-text("Time zone") + dd').textContent()).toBe(TIME_ZONE);
    expect(await facts.locator('dt:has-text("Currency") + dd').textContent()).toBe('USD');
    expect(await facts.locator('address').textContent()).toContain('200 Park Avenue');
    const contacts = facts.getByRole('table', { name: 'Contacts of Quillon Analytics Inc.' }).locator('tbody tr');
    expect(await contacts.allTextContents()).toEqual([expect.stringMatching(/^Avery Lin.*Accounts payableyes$/), expect.stringMatching(/^Sam Ortiz.*CTOno$/)]);
    await page.getByRole('region', { name: 'Open invoices and credit' }).getByText('No open invoices').waitFor();

    await page.getByRole('region', { name: 'Contracts' }).getByRole('link', { name: 'E2E-CTR-QUILL' }).click();
    await page.getByRole('heading', { level: 1, name: /Contract E2E-CTR-QUILL/ }).waitFor();
    const seats = page.getByRole('table', { name: /Platform seat, Professional/ });
    await expect.poll(() => seats.locator('tbody tr').count()).toBe(2);
    const amended = await seats.locator('tbody tr').nth(1).textContent();
    expect(amended).toContain('quantity 8 → 12');
    expect(amended).toContain('Sofia Martinez');
    expect(amended).toContain('Reason: Team grew');
    expect(await page.getByRole('table', { name: /API calls/ }).locator('tbody tr').first().textContent()).toContain('50,000 included per period (beyond it held for review), then USD 0.002 per unit');

    // The schedule: this month's run bills 8 seats, next month's the 12 from the amendment.
    const runs = page.getByLabel('Amount per bill run');
    await runs.waitFor();
    const expected = [`Bill run ${monthName(scenario.thisMonth)}${money('360.00', 'USD')}`, `Bill run ${monthName(scenario.nextMonth)}${money('540.00', 'USD')}`];
    expect((await runs.locator('div').allTextContents()).slice(0, 2)).toEqual(expected);
    const api = await page.request.get(`/v1/contracts/${scenario.contract.id}/schedule?periods=12`);
    const schedule = await api.json();
    expect(await runs.locator('dd').allTextContents()).toEqual(schedule.billRuns.map((r: { amount: string }) => money(r.amount, 'USD')));
    const usageRow = page.locator('table.schedule tbody').first().locator('tr').first();
    expect(await usageRow.textContent()).toContain('In arrears, per usage');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a customer’s usage against the entitlement, and the events held for review with their reason', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk'), DEMO_PASSWORD);
    await page.goto(`/customers/${scenario.customer.id}`);
    await page.getByRole('link', { name: 'Usage of this customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    await page.getByLabel('Month', { exact: true }).fill(scenario.lastMonth.slice(0, 7));
    await expect.poll(() => page.url()).toContain(`period=${scenario.lastMonth.slice(0, 7)}`);

    // What the database holds: accepted API calls of last month in New York time.
    const { rows } = await sql<{ total: string }>`
      SELECT coalesce(sum(quantity), 0)::text AS total FROM usage_events
      WHERE customer_id = ${scenario.customer.id} AND metric_code = 'api.calls' AND status = 'accepted'
        AND occurred_at >= ${zonedStartOfDay(scenario.lastMonth, TIME_ZONE)} AND occurred_at < ${zonedStartOfDay(scenario.thisMonth, TIME_ZONE)}`.execute(server.handle.db);
    const total = rows[0]!.total.replace(/\.0+$/, '');
    expect(total).toBe('48000');
    const metrics = page.getByRole('table', { name: 'Usage per metric' });
    const calls = metrics.getByRole('row', { name: /API calls/ });
    await calls.waitFor();
    const cells = await calls.locator('td').allTextContents();
    expect(cells[1]).toContain(groupDigits(total)); // quantity
    expect(cells[2]).toBe('50,000'); // included
    expect(cells[3]).toMatch(/^0/); // overage
    expect(cells[4]).toBe('1'); // held for review
    expect(await metrics.getByRole('row', { name: /Storage/ }).textContent()).toContain('not in a contract');

    const held = page.getByRole('table', { name: /Events held for review/ }).locator('tbody tr');
    await expect.poll(() => held.count()).toBe(2);
    const reasons = await held.allTextContents();
    expect(reasons.join('\n')).toContain(`usage beyond the entitlement of 50000 per period (${scenario.lastMonth} to ${scenario.thisMonth}); held for review`);
    expect(reasons.join('\n')).toContain(`metric storage.gb is not in the customer's contract on ${scenario.lastMonth.slice(0, 8)}16`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('releases a held event to billing and rejects another, each with a reason; the refusal of what cannot be billed is shown in words', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk'), DEMO_PASSWORD);
    await page.goto(`/usage?customerId=${scenario.customer.id}&period=${scenario.lastMonth.slice(0, 7)}`);
    const held = page.getByRole('table', { name: /Events held for review/ });
    await expect.poll(() => held.locator('tbody tr').count()).toBe(2);
    const storage = held.getByRole('row', { name: /storage\.gb/ });
    const calls = held.getByRole('row', { name: /api\.calls/ });

    // Releasing usage no contract line prices is refused, with why; nothing changes.
    await storage.getByRole('checkbox').check();
    const bar = page.getByRole('form', { name: 'Review the selected events' });
    await bar.getByRole('button', { name: 'Release to billing' }).click();
    await bar.getByRole('alert').filter({ hasText: 'Say why' }).waitFor();
    await bar.getByLabel('Reason').fill('sold storage by mistake');
    await bar.getByRole('button', { name: 'Release to billing' }).click();
    await page.getByRole('status').filter({ hasText: /Refused 1: no contract line of the customer rates storage\.gb/ }).waitFor();
    await expect.poll(() => held.locator('tbody tr').count()).toBe(2);

    // Reject it; release the calls beyond the entitlement: the queue empties, and the calls count as usage.
    await storage.getByRole('checkbox').check();
    await bar.getByLabel('Reason').fill('test traffic, not billable');
    await bar.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected 1' }).waitFor();
    await expect.poll(() => held.locator('tbody tr').count()).toBe(1);
    await calls.getByRole('checkbox').check();
    await bar.getByLabel('Reason').fill('customer confirmed the burst');
    await bar.getByRole('button', { name: 'Release to billing' }).click();
    await page.getByRole('status').filter({ hasText: 'Released 1' }).waitFor();
    await page.getByText('No events are held for review in this period.').waitFor();
    const row = page.getByRole('table', { name: 'Usage per metric' }).getByRole('row', { name: /API calls/ });
    await expect.poll(async () => (await row.locator('td').allTextContents())[4]).toBe('0');

    const reviewed = await server.handle.db.selectFrom('usageEvents').select(['metricCode', 'status', 'reviewReason']).where('customerId', '=', scenario.customer.id).where('reviewedAt', 'is not', null).orderBy('metricCode').execute();
    expect(reviewed).toEqual([
      { metricCode: 'api.calls', status: 'accepted', reviewReason: 'customer confirmed the burst' },
      { metricCode: 'storage.gb', status: 'rejected', reviewReason: 'test traffic, not billable' },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a demo customer’s open invoices show the amounts the receivables report has', async () => {
    const us01 = await server.handle.db.selectFrom('legalEntities').select('id').where('code', '=', 'US01').executeTakeFirstOrThrow();
    const customerId = (await listOpenInvoices(server.handle.db, { limit: 1, entityId: us01.id }, ALL_ENTITIES)).data[0]!.customerId;
    const report = await listOpenInvoices(server.handle.db, { limit: 100, customerId }, ALL_ENTITIES);
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk'), DEMO_PASSWORD);
    await page.goto(`/customers/${customerId}`);
    const section = page.getByRole('region', { name: 'Open invoices and credit' });
    const rows = section.getByRole('table', { name: 'Open invoices' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(report.data.length);
    expect(await rows.locator('td:nth-child(5)').allTextContents()).toEqual(report.data.map((i) => money(i.amountDue, i.currency)));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the server still decides: an AR clerk of another entity is told in words, and a user without the permission sees no entry', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('ar.clerk.de'), DEMO_PASSWORD);
    await page.goto(`/customers/${scenario.customer.id}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/The customer could not be loaded\. you are not allowed to act on customers for entity ent_/);
    // The refused call is the only error the browser reports.
    expect(errors.every((e) => e.includes('403'))).toBe(true);
    await context.close();

    await createUser(server.handle.db, SYSTEM_CONTEXT, { email: 'no.roles@demo.invoiceops.dev', name: 'Nora Noroles', kind: 'human', password: DEMO_PASSWORD, grants: [], approvalLimits: [] });
    const other = await openPage(browser, server.url);
    await signIn(other.page, 'no.roles@demo.invoiceops.dev', DEMO_PASSWORD);
    const nav = other.page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Customers', 'Contracts', 'Usage']) expect(await nav.getByRole('link', { name }).count(), name).toBe(0);
    await other.page.goto('/usage');
    await other.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    const denied = await other.page.request.get(`/v1/usage/summary?customerId=${scenario.customer.id}&period=${scenario.lastMonth.slice(0, 7)}`);
    expect(denied.status()).toBe(403);
    await other.context.close();
  });
});
