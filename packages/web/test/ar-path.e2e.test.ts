import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_BILLING_PERIOD } from '@invoiceops/core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn, type WatchedPage } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

/** "USD 1,234.50" from minor units of a two-decimal currency, as the app writes money. */
function money(minor: bigint, currency: string): string {
  const whole = (minor / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${whole}.${(minor % 100n).toString().padStart(2, '0')}`;
}

/** The same amount as the API and the payment form take it: "1234.50". */
const decimal = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;

/**
 * The receivables path end to end, in the browser, on a fresh demo company whose month is
 * not billed yet, with a job worker running: the AR clerk bills the month; the invoice
 * above the approval threshold waits for an approver (its creator cannot approve it); an
 * approver approves it from My work; the worker posts it to the built-in ledger; the AR
 * clerk records the customer's payment and the invoice is paid. The tests run in order
 * and share what the earlier ones made.
 */
describe.skipIf(!hasChromium)('web app: the AR path — bill run, approval, posting, payment (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  let billRunId: string;
  /** The run's invoice that needs approval. */
  let pendingId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startDemoServer({ open: () => openTestDatabase('pglite'), customers: 40, billDemoMonth: false, worker: true }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const invoiceRow = (id: string) =>
    server.handle.db.selectFrom('invoices').select(['lifecycle', 'status', 'number', 'currency', 'totalMinor', 'paidMinor', 'erpDocumentId', 'customerId']).where('id', '=', id).executeTakeFirstOrThrow();

  const signedIn = async (user: string): Promise<WatchedPage> => {
    const watched = await openPage(browser, server.url);
    await signIn(watched.page, demoEmail(user), DEMO_PASSWORD);
    return watched;
  };

  const paymentsOf = (page: Page) => page.getByRole('region', { name: 'Payments' });

  it('an AR clerk starts a bill run for the demo month on the Bill runs page and watches it finish', async () => {
    const { page, context, errors } = await signedIn('ar.clerk');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bill runs' }).click();
    await page.getByRole('heading', { name: 'Bill runs', level: 1 }).waitFor();
    await page.getByLabel('Month').fill(DEMO_BILLING_PERIOD);
    // The clerk works for US01 and UK01 only: she picks one of them, "every entity" is not offered.
    expect((await page.locator('#b-entity option').allTextContents()).map((o) => o.slice(0, 4)).sort()).toEqual(['UK01', 'US01']);
    const us01 = (await page.locator('#b-entity option', { hasText: /^US01/ }).getAttribute('value'))!;
    await page.getByLabel('Entity').selectOption(us01);
    expect(await page.getByLabel(/Submit the invoices to the controls/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Start bill run' }).click();

    await expect.poll(() => new URL(page.url()).searchParams.get('run')).toMatch(/^brn_/);
    billRunId = new URL(page.url()).searchParams.get('run')!;
    const progress = page.getByRole('region', { name: new RegExp(`^Bill run ${DEMO_BILLING_PERIOD} for US01`) });
    await expect.poll(() => progress.locator('h2 .badge').textContent(), { timeout: 30_000 }).toBe('completed');
    const written = await server.handle.db.selectFrom('invoices').select(({ fn }) => fn.countAll<string>().as('n')).where('billRunId', '=', billRunId).executeTakeFirstOrThrow();
    expect(Number(written.n)).toBeGreaterThan(1);
    expect(await progress.locator('p[aria-live]').textContent()).toMatch(new RegExp(`^(\\d+) of \\1 customers · ${written.n} invoices written`));
    expect(await progress.locator('progress').getAttribute('value')).toBe('1');

    // The run's invoices, narrowed to the ones waiting for an approver.
    await progress.getByRole('link', { name: 'See the invoices of this run' }).click();
    await expect.poll(() => page.url()).toContain(`billRunId=${billRunId}`);
    await page.getByLabel('Lifecycle').selectOption('pending_approval');
    await expect.poll(() => page.url()).toContain('lifecycle=pending_approval');
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => page.locator('table.data tbody tr .badge').allTextContents(), { message: 'the demo month has an invoice above the approval threshold in US01' }).toContainEqual('pending approval');
    expect(new Set(await page.locator('table.data tbody tr .badge').allTextContents())).toEqual(new Set(['pending approval']));
    const href = (await rows.first().getByRole('link').getAttribute('href'))!;
    pendingId = href.split('/').pop()!;
    expect(await invoiceRow(pendingId)).toMatchObject({ lifecycle: 'pending_approval', status: 'draft', number: null });
    expect(errors.filter((e) => !e.includes('status of 403'))).toEqual([]); // the browser logs the refused start
    await context.close();
  }, 90_000);

  it('its creator, the AR clerk, sees the approval waiting but cannot approve it: no decision form, and the server refuses', async () => {
    const { page, context, errors } = await signedIn('ar.clerk');
    await page.goto(`/invoices/${pendingId}`);
    await page.getByRole('heading', { name: 'Why it is pending approval' }).waitFor();
    const approval = page.getByRole('region', { name: 'Approval', exact: true });
    await expect.poll(() => approval.textContent()).toMatch(/^Approvalpending · route invoices_(medium|large)/);
    expect(await approval.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    // Not issued yet, so no payment can be recorded against it.
    await expect.poll(() => paymentsOf(page).textContent()).toContain('An invoice takes payments once it is issued');
    expect(await page.getByRole('form', { name: 'Record payment' }).count()).toBe(0);

    const requests = await (await page.request.get(`/v1/approvals?documentId=${pendingId}`)).json() as { data: { id: string }[] };
    const refused = await page.request.post(`/v1/approvals/${requests.data[0]!.id}/approve`, { data: { comment: 'I billed it myself' } });
    expect(refused.status()).toBe(403);
    expect((await invoiceRow(pendingId)).lifecycle).toBe('pending_approval');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an approver approves it from My work with a comment; the worker posts it to the built-in ledger and the detail shows the posting', async () => {
    const { page, context, errors } = await signedIn('cfo'); // an approver whose limit covers the invoice
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My work/ }).click();
    const row = page.locator('li.approval', { has: page.locator(`a[href="/invoices/${pendingId}"]`) });
    await row.waitFor();
    await row.getByLabel('Comment').fill('Usage checked against the contract.');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/approved\.$/));
    const action = await server.handle.db.selectFrom('approvalActions').innerJoin('approvalRequests', 'approvalRequests.id', 'approvalActions.requestId')
      .select(['approvalActions.action', 'approvalActions.comment']).where('approvalRequests.documentId', '=', pendingId).executeTakeFirstOrThrow();
    expect(action).toEqual({ action: 'approve', comment: 'Usage checked against the contract.' });

    // Approval issues the invoice (a legal number) and queues its posting; the worker posts
    // it while the detail is open, which follows by itself (no reload).
    await page.goto(`/invoices/${pendingId}`);
    await expect.poll(async () => (await invoiceRow(pendingId)).erpDocumentId, { timeout: 30_000 }).toBeTruthy();
    const posted = await invoiceRow(pendingId);
    expect(posted.number).toMatch(/^US01-INV-\d+$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${posted.number}`) }).waitFor();
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 10_000 }).toMatch(/^(posted|sent)$/); // the worker may have emailed it already
    expect(await page.getByText('this page updates by itself').count()).toBe(0);
    const timeline = page.getByRole('region', { name: 'Status timeline' });
    await expect.poll(() => timeline.textContent()).toMatch(/pending approval → approved.*approved → posting.*posting → posted/);
    const erp = page.getByRole('region', { name: 'ERP posting' });
    await expect.poll(() => erp.locator('dl.facts').textContent()).toBe(`ERP document${posted.erpDocumentId}Connectorbuiltin_ledgerAttempts1`);
    // An approver reads payments but does not record them.
    await expect.poll(() => paymentsOf(page).textContent()).toContain('No payment received yet.');
    expect(await page.getByRole('form', { name: 'Record payment' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('the AR clerk records the full payment on the invoice detail: it is paid with nothing due', async () => {
    const { page, context, errors } = await signedIn('ar.clerk');
    const before = await invoiceRow(pendingId);
    const total = money(before.totalMinor, before.currency);
    await page.goto(`/invoices/${pendingId}`);
    const form = page.getByRole('form', { name: 'Record payment' });
    await form.waitFor();
    expect(await form.getByLabel(`Amount (${before.currency})`).inputValue()).toBe(decimal(before.totalMinor)); // the amount due
    expect(await form.getByLabel('Method').inputValue()).toBe('bank_transfer');
    await form.getByLabel('Reference').fill('BANK-2026-11-0042');
    await form.getByRole('button', { name: 'Record payment' }).click();

    await expect.poll(() => paymentsOf(page).getByRole('status').textContent()).toBe(`Payment of ${total} recorded; ${total} applied to this invoice.`);
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('paid');
    expect(await paymentsOf(page).locator('dl.facts').textContent()).toBe(`Paid${total}Amount due${money(0n, before.currency)}Payment statuspaid`);
    expect(await page.getByLabel('Totals').textContent()).toContain(`Paid${total}Amount due${money(0n, before.currency)}`);
    await expect.poll(() => paymentsOf(page).locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(new RegExp(`PaymentBank transferBANK-2026-11-0042${total}$`))]);
    expect(await page.getByRole('form', { name: 'Record payment' }).count()).toBe(0); // nothing left to pay
    await expect.poll(() => page.getByRole('region', { name: 'Status timeline' }).textContent()).toContain('payments and credits cover the total');
    expect(await invoiceRow(pendingId)).toMatchObject({ lifecycle: 'paid', paidMinor: before.totalMinor });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a partial payment on another invoice leaves it partially paid with the rest due; a bad amount is refused in words', async () => {
    const other = await server.handle.db.selectFrom('invoices').select('id').where('billRunId', '=', billRunId).where('status', '=', 'finalized')
      .where('paidMinor', '=', 0n).where('id', '!=', pendingId).where('totalMinor', '>', 1000n).orderBy('id').executeTakeFirstOrThrow();
    const before = await invoiceRow(other.id);
    const part = before.totalMinor / 2n;
    const rest = before.totalMinor - part;
    const { page, context, errors } = await signedIn('ar.clerk');
    await page.goto(`/invoices/${other.id}`);
    const form = page.getByRole('form', { name: 'Record payment' });
    const amount = form.getByLabel(`Amount (${before.currency})`);
    await amount.fill('12.345');
    expect(await form.locator('#pay-amount-hint').textContent()).toBe(`${before.currency} has at most 2 decimal places.`);
    await form.getByRole('button', { name: 'Record payment' }).click();
    expect(await form.getByRole('alert').textContent()).toBe(`${before.currency} has at most 2 decimal places.`);

    await amount.fill(decimal(part));
    await form.getByLabel('Method').selectOption('card');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => paymentsOf(page).getByRole('status').textContent()).toBe(`Payment of ${money(part, before.currency)} recorded; ${money(part, before.currency)} applied to this invoice.`);
    await expect.poll(() => paymentsOf(page).locator('dl.facts').textContent()).toBe(`Paid${money(part, before.currency)}Amount due${money(rest, before.currency)}Payment statuspartially paid`);
    expect(await page.locator('dl.facts').first().textContent()).toContain('Paymentpartially paid');
    expect(await page.getByLabel('Totals').textContent()).toContain(`Paid${money(part, before.currency)}Amount due${money(rest, before.currency)}`);
    expect(await page.locator('h1 .badge').textContent()).toBe(before.lifecycle.replace('_', ' ')); // not paid yet: the stage stays
    // The form stays for the rest, now proposing what is still due.
    await expect.poll(() => page.getByRole('form', { name: 'Record payment' }).getByLabel(`Amount (${before.currency})`).inputValue()).toBe(decimal(rest));
    expect(await invoiceRow(other.id)).toMatchObject({ paidMinor: part, lifecycle: before.lifecycle });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the server's refusal in words: an invoice voided while the clerk was typing cannot be paid", async () => {
    const target = await server.handle.db.selectFrom('invoices').select('id').where('billRunId', '=', billRunId).where('status', '=', 'finalized')
      .where('paidMinor', '=', 0n).where('id', '!=', pendingId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { page, context, errors } = await signedIn('ar.clerk');
    await page.goto(`/invoices/${target.id}`);
    const form = page.getByRole('form', { name: 'Record payment' });
    await form.waitFor();
    const voided = await page.request.post(`/v1/invoices/${target.id}/void`, { data: { reason: 'Billed to the wrong customer' } });
    expect(voided.status()).toBe(200);
    const { number } = await invoiceRow(target.id);
    await form.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(`/invoiceIds/0: invoice ${number} is void and cannot be paid`);
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  });

  it('the AR clerk credits part of a line: too much is refused in words, the draft memo opens, goes straight through, and the invoice owes less', async () => {
    const target = await server.handle.db.selectFrom('invoices').select('id').where('billRunId', '=', billRunId).where('status', '=', 'finalized')
      .where('paidMinor', '=', 0n).where('id', '!=', pendingId).where('currency', 'in', ['USD', 'EUR', 'GBP']).orderBy('id').executeTakeFirstOrThrow();
    // Amounts of a two-decimal currency as the API writes them ("1234.50"), in minor units: compared exactly, never as floats.
    const minor = (amount: string) => BigInt(amount.replace('.', ''));
    const { page, context, errors } = await signedIn('ar.clerk');
    const before = await (await page.request.get(`/v1/invoices/${target.id}`)).json() as { number: string; currency: string; amountDue: string; lines: { amount: string }[] };
    await page.goto(`/invoices/${target.id}`);
    await page.getByRole('button', { name: 'Credit…' }).click();
    const form = page.getByRole('form', { name: 'Credit this invoice' });
    await form.getByLabel('Reason code').selectOption('price_adjustment');
    await form.getByLabel('Why').fill('agreed discount on the first line');
    await form.getByLabel('Chosen lines').check();
    await form.getByLabel('Credit line 1', { exact: true }).check();
    const lineAmount = before.lines[0]!.amount;
    const tooMuch = minor(lineAmount) + 100n;
    await form.getByLabel('Amount to credit on line 1', { exact: true }).fill(`${tooMuch / 100n}.${String(tooMuch % 100n).padStart(2, '0')}`);
    await form.getByRole('button', { name: 'Draft credit memo' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/\/lines\/0\/amount.*at most .* of line 1 can still be credited/);

    await form.getByLabel('Amount to credit on line 1', { exact: true }).fill('1.00');
    await form.getByRole('button', { name: 'Draft credit memo' }).click();
    await page.getByRole('heading', { level: 1, name: /Draft credit memo/ }).waitFor();
    const memoId = page.url().split('/').pop()!;
    expect(memoId).toMatch(/^crn_/);
    await page.getByRole('button', { name: 'Submit to controls' }).click();
    await page.getByRole('status').filter({ hasText: /Submitted: straight through/ }).waitFor();
    const memo = await (await page.request.get(`/v1/invoices/${memoId}`)).json() as { status: string; number: string; total: string; creditedInvoiceId: string; reasonCode?: string };
    expect(memo).toMatchObject({ status: 'finalized', creditedInvoiceId: target.id });
    const after = await (await page.request.get(`/v1/invoices/${target.id}`)).json() as { amountDue: string };
    expect(minor(before.amountDue) - minor(after.amountDue)).toBe(minor(memo.total));
    expect(minor(memo.total)).toBeGreaterThanOrEqual(100n); // 1.00 and its share of tax
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  });
});
