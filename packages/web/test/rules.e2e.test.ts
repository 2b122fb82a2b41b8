import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

if (!hasChromium) console.warn('web e2e skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

const RULE = 'builtin.usage_above_entitlement';

/** Reads the draft editor's JSON, changes it, and writes it back. */
async function editContent(page: Page, change: (content: { rules: Record<string, unknown>[] }) => void): Promise<void> {
  const editor = page.getByLabel('Content (JSON)');
  const content = JSON.parse(await editor.inputValue()) as { rules: Record<string, unknown>[] };
  change(content);
  await editor.fill(JSON.stringify(content, null, 2));
}

describe.skipIf(!hasChromium)('web app: rules and policies — draft, validate, simulate, four-eyes publish (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an auditor reads the versions and the rules but is offered no draft', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('auditor'), DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules and policies' }).click();
    const row = page.locator('table.data tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('in force');
    expect(await page.getByRole('button', { name: /New draft/ }).count()).toBe(0);
    await row.getByRole('link', { name: 'v1' }).click();
    await page.getByRole('heading', { name: /rule set v1/ }).waitFor();
    const rule = page.locator(`tr[data-rule="${RULE}"]`);
    expect(await rule.textContent()).toMatch(/warn.*entitlement.*sales-ops/);
    expect(await page.getByRole('heading', { name: 'Edit the draft' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Rules and policies' }).click();
    await page.getByRole('link', { name: 'Approval policies' }).click();
    await page.getByRole('heading', { name: 'Rules and policies' }).waitFor();
    await expect.poll(() => page.locator('table.data tbody tr').first().textContent()).toContain('in force');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('controller A drafts a blocking rule, sees the CEL error beside the field, simulates newly blocked documents and is refused publishing; controller B publishes', async () => {
    const a = await openPage(browser, server.url);
    await signIn(a.page, demoEmail('controller'), DEMO_PASSWORD);
    await a.page.goto('/rules');
    await a.page.getByRole('button', { name: 'New draft from v1 (in force)' }).click();
    await a.page.getByRole('heading', { name: /rule set v2\s*draft/ }).waitFor();

    // A typo in a condition is refused by the server's CEL check, and said beside the editor.
    await editContent(a.page, (c) => {
      const rule = c.rules.find((r) => r.id === 'builtin.po_missing') ?? c.rules[0]!;
      rule.condition = 'document.poNumbr == ""';
    });
    await a.page.getByRole('button', { name: 'Save draft' }).click();
    const feedback = a.page.locator('.editor-feedback [role="alert"]');
    await expect.poll(() => feedback.textContent()).toMatch(/Not saved\..*condition, line 1, column \d+: No such key: poNumbr/);
    expect(await a.page.getByLabel('Content (JSON)').getAttribute('aria-invalid')).toBe('true');

    // Start again from the version in force, with the one change.
    await a.page.reload();
    await editContent(a.page, (c) => {
      c.rules.find((r) => r.id === RULE)!.severity = 'block';
    });
    await a.page.getByLabel('Notes: what changes and why').fill('Usage above entitlement blocks until sales ops confirm.');
    await a.page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => a.page.locator('.editor-feedback [role="status"]').textContent()).toContain('Saved as revision 2');
    await expect.poll(() => a.page.getByRole('list', { name: 'Changes from v1 to v2' }).textContent()).toContain(`~ rule ${RULE}: severity "warn" → "block"`);
    await expect.poll(() => a.page.locator(`tr[data-rule="${RULE}"] .badge`).textContent()).toBe('blocking');

    await a.page.getByRole('button', { name: 'Simulate' }).click();
    const simulation = a.page.getByRole('region', { name: 'Simulation' });
    await expect.poll(() => simulation.getByRole('status').textContent()).toMatch(/Compared with v1 in force on \d+ documents .*: [1-9]\d* would change\./);
    const changed = Number(/: (\d+) would change/.exec((await simulation.getByRole('status').textContent())!)![1]);
    const blocked = Number(await simulation.locator('.sim-counts div', { hasText: 'Newly blocked' }).locator('dd').textContent());
    expect(blocked).toBeGreaterThan(0);
    const rows = simulation.locator('tbody tr');
    // Every changed document is listed: newly blocked ones, and held ones where the rule now fails too.
    expect(await rows.count()).toBe(changed);
    expect(await rows.filter({ hasText: 'newly blocked' }).count()).toBe(blocked);
    expect(await rows.filter({ hasText: 'newly blocked' }).first().textContent()).toMatch(/newly blocked(straight through|needs approval).*blocked by builtin\.usage_above_entitlement.*Usage above entitlement/);
    // The run is stored: opening the draft again shows it, with who ran it on which revision.
    await a.page.reload();
    await expect.poll(() => simulation.getByRole('status').textContent()).toMatch(new RegExp(`: ${changed} would change\\.`));
    expect(await simulation.locator('.sim-run').textContent()).toMatch(/^Simulated by Daniel Okafor \(you\), .+, on revision 2\.$/);
    expect(await rows.count()).toBe(changed);

    await a.page.getByRole('button', { name: 'Publish rule set v2' }).click();
    await expect.poll(() => a.page.getByRole('region', { name: 'Publish' }).getByRole('alert').textContent()).toMatch(
      /Refused \(four-eyes\): the author or an editor of a draft may not publish it\. It was written by Daniel Okafor \(you\); another controller must review and publish it\./,
    );
    const stillDraft = await server.handle.db.selectFrom('controlReleases').select('status').where('kind', '=', 'rule_set').where('version', '=', 2).executeTakeFirstOrThrow();
    expect(stillDraft.status).toBe('draft');
    expect(a.errors.filter((e) => !/status of (403|422)/.test(e))).toEqual([]);
    await a.context.close();

    const b = await openPage(browser, server.url);
    await signIn(b.page, demoEmail('controller.2'), DEMO_PASSWORD);
    await b.page.goto('/rules');
    await b.page.getByRole('link', { name: 'v2', exact: true }).click();
    await b.page.getByRole('heading', { name: /rule set v2\s*draft/ }).waitFor();
    // Other users' names arrive with the user directory, after the release itself.
    await expect.poll(() => b.page.locator('dl.facts').textContent()).toContain('Daniel Okafor');
    // The reviewer sees the author's simulation of the revision under review.
    await expect.poll(() => b.page.getByRole('region', { name: 'Simulation' }).locator('.sim-run').textContent()).toMatch(/^Simulated by Daniel Okafor, .+, on revision 2\.$/);
    await b.page.getByRole('button', { name: 'Publish rule set v2' }).click();
    await expect.poll(() => b.page.getByRole('status').first().textContent()).toBe('Published rule set v2: in force now.');
    await expect.poll(() => b.page.locator('h1 .badge').textContent()).toBe('in force');
    expect(await b.page.locator('dl.facts').textContent()).toMatch(/Published byAisha Rahman \(you\)/);
    await b.page.getByRole('link', { name: 'Rules and policies' }).first().click();
    await expect.poll(() => b.page.locator('table.data tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^v2in force.*Daniel Okafor.*Aisha Rahman \(you\)/),
      expect.stringMatching(/^v1superseded/),
    ]);
    expect(b.errors).toEqual([]);
    await b.context.close();
  }, 120_000);
});
