import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BILLING_PERIOD, SYSTEM_CONTEXT, builtinLedger, postDocument } from '@invoiceops/core';
import { launchBrowser, openPage, signIn } from '../test/browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer } from '../test/demo-server.ts';
import { WEB_DIR } from './ensure-build.ts';

/**
 * `npm run screenshots`: the main pages at 1280 px on a fresh demo company, written to
 * docs/screenshots/. The bill run is started from the app (a worker runs it; approved
 * documents are posted to the built-in ledger), then the dashboard, my work, an invoice waiting for approval, integrations
 * (also as a full page) and a simulated rule draft.
 */
const OUT = join(WEB_DIR, '../../docs/screenshots');
mkdirSync(OUT, { recursive: true });

const server = await startDemoServer({ customers: 300, billDemoMonth: false, history: true, worker: true });
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser, server.url);
  page.setDefaultTimeout(120_000);
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
    process.stderr.write(`docs/screenshots/${name}.png\n`);
  };

  await page.goto('/');
  await page.getByLabel('Email').fill(demoEmail('controller'));
  await shot('sign-in');
  await signIn(page, demoEmail('controller'), DEMO_PASSWORD);

  await page.goto('/bill-runs');
  await page.getByLabel('Month').fill(DEMO_BILLING_PERIOD);
  await page.getByRole('button', { name: 'Start bill run' }).click();
  await page.getByRole('heading', { name: /Bill run .*completed/ }).waitFor();
  await shot('bill-run');

  await page.goto('/dashboard');
  await page.locator('.card.metric').first().waitFor();
  await page.locator('.chart svg').waitFor();
  await shot('dashboard');

  // My work and the invoice waiting for approval, as an approver (the CFO) sees them.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, demoEmail('cfo'), DEMO_PASSWORD);
  await page.goto('/work');
  await page.locator('li.approval').first().waitFor();
  await page.locator('li.exception').first().waitFor();
  await shot('my-work');

  await page.goto('/invoices');
  await page.locator('table.data tbody tr').first().waitFor();
  await shot('invoices');

  await page.goto('/invoices?lifecycle=pending_approval');
  await page.locator('table.data tbody tr').first().getByRole('link').click();
  await page.getByRole('heading', { name: /Why it is/ }).waitFor();
  await page.getByRole('heading', { name: 'Approval', exact: true }).waitFor();
  await shot('invoice-detail');
  await page.screenshot({ path: join(OUT, 'invoice-detail-full.png'), fullPage: true });

  // Integrations and rules as a controller: the posting attempts and the
  // trial balance; a draft that makes usage above entitlement block, simulated.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
  // The worker has no post_document handler yet, so post the approved documents here, as it will.
  const approved = await server.handle.db.selectFrom('invoices').select(['id', 'entityId']).where('lifecycle', '=', 'approved').orderBy('id').limit(60).execute();
  for (const doc of approved) await postDocument(server.handle.db, SYSTEM_CONTEXT, doc.id, builtinLedger);
  await page.goto('/integrations');
  await page.getByRole('region', { name: 'Integration event log' }).locator('tbody tr').first().waitFor();
  const ledger = page.getByRole('region', { name: 'Built-in ledger: trial balance' });
  if (approved[0]) await ledger.getByLabel('Entity').selectOption(approved[0].entityId);
  await ledger.getByRole('status').waitFor();
  await page.getByRole('region', { name: 'Connector health' }).locator('.state.empty, li.connector').first().waitFor();
  await page.getByRole('region', { name: 'Dead letters' }).locator('.state.empty, table').first().waitFor();
  await shot('integrations');
  // The whole page: connector health, dead letters, posting, the event log, webhooks and the ledger.
  await page.screenshot({ path: join(OUT, 'integrations-full.png'), fullPage: true });

  // A customer whose contract was amended (two versions of a line), and one with usage in the demo month.
  const amended = await server.handle.db
    .selectFrom('contractLines as l')
    .innerJoin('contracts as k', 'k.id', 'l.contractId')
    .select(['k.id as contractId', 'k.customerId'])
    .where('k.billedThrough', 'is', null)
    .groupBy(['k.id', 'k.customerId', 'l.lineKey'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('k.id')
    .executeTakeFirst();
  const metered = await server.handle.db
    .selectFrom('usageEvents')
    .select('customerId')
    .groupBy('customerId')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .executeTakeFirst();
  if (!amended || !metered) throw new Error('the demo has no amended contract or no usage to show');
  await page.goto(`/customers/${amended.customerId}`);
  await page.getByRole('link', { name: 'Usage of this customer' }).waitFor();
  await shot('customer');
  await page.goto(`/contracts/${amended.contractId}`);
  await page.getByRole('heading', { name: 'Billing schedule' }).waitFor();
  await page.locator('table.schedule tbody tr').first().waitFor();
  await shot('contract');
  await page.goto(`/usage?customerId=${metered.customerId}&period=${DEMO_BILLING_PERIOD}`);
  await page.locator('table.usage-metrics tbody tr').first().waitFor();
  await shot('usage');

  await page.goto('/rules');
  await page.getByRole('button', { name: /^New draft/ }).click();
  await page.getByRole('heading', { name: 'Edit the draft' }).waitFor();
  const editor = page.getByLabel('Content (JSON)');
  const content = JSON.parse(await editor.inputValue()) as { rules: { id: string; severity: string }[] };
  content.rules.find((r) => r.id === 'builtin.usage_above_entitlement')!.severity = 'block';
  await editor.fill(JSON.stringify(content, null, 2));
  await page.getByLabel('Notes: what changes and why').fill('Usage above entitlement blocks until sales ops confirm.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(/Saved as revision 2/).waitFor();
  await page.getByRole('button', { name: 'Simulate' }).click();
  const simulation = page.getByRole('region', { name: 'Simulation' });
  await simulation.getByRole('status').waitFor();
  // Scroll to the diff and the simulation, vertically only.
  await page.evaluate(() => window.scrollTo(0, (document.getElementById('simulation-title')?.getBoundingClientRect().top ?? 0) + window.scrollY - 24));
  await shot('rules');

  if (errors.length > 0) throw new Error(`console errors while taking screenshots:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
