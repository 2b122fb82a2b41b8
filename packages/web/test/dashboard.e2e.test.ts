import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase } from '@invoiceops/testing';
import { hasChromium, launchBrowser, openPage, signIn } from './browser.ts';
import { DEMO_PASSWORD, demoEmail, startDemoServer, type DemoServer } from './demo-server.ts';

interface Breakdown { documents: number; exceptions: number; rate: string | null }
interface Summary {
  straightThrough: { rate: string | null; straightThrough: number; reachedApproved: number };
  exceptionRate: { byCategory: Record<string, Breakdown>; bySourceSystem: Record<string, Breakdown> };
  cycleTime: { toApproved: { documents: number; stages: Record<string, { documents: number }> } };
}

const percent = (rate: string | null) => (rate === null ? '—' : `${(Number(rate) * 100).toFixed(1)} %`);

describe.skipIf(!hasChromium)('web app: dashboard (Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ open: () => openTestDatabase('pglite') }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the metrics the API computes for the chosen period and entity: cards, exceptions by category and source, cycle time by stage', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, demoEmail('controller'), DEMO_PASSWORD);
    await page.goto('/dashboard');
    const card = (title: string) => page.locator('.card.metric', { has: page.getByRole('heading', { name: title, exact: true }) });
    await card('Straight-through rate').locator('.value').waitFor();
    const from = await page.locator('#d-from').inputValue();
    const to = await page.locator('#d-to').inputValue();
    const summary = async (entityId?: string) =>
      (await (await context.request.get(`/v1/metrics/summary?from=${from}&to=${to}${entityId ? `&entityId=${entityId}` : ''}`)).json()) as Summary;

    const all = await summary();
    expect(all.straightThrough.reachedApproved).toBeGreaterThan(0);
    await expect.poll(() => card('Straight-through rate').locator('.value').textContent()).toBe(percent(all.straightThrough.rate));
    expect(await card('Straight-through rate').locator('.muted').textContent()).toBe(`${all.straightThrough.straightThrough} of ${all.straightThrough.reachedApproved} approved untouched`);

    // Every exception category and source system the API counts is listed with its count.
    for (const [section, rows] of [['Exceptions by category', all.exceptionRate.byCategory], ['Exceptions by source system', all.exceptionRate.bySourceSystem]] as const) {
      const list = page.locator('section', { has: page.getByRole('heading', { name: section }) }).locator('ul.bars li');
      expect(Object.keys(rows).length).toBeGreaterThan(0);
      await expect.poll(() => list.count()).toBe(Object.keys(rows).length);
      const texts = await list.allTextContents();
      for (const [name, r] of Object.entries(rows)) {
        expect(texts).toContainEqual(expect.stringContaining(`${r.exceptions} (${percent(r.rate)} of documents)`));
        expect(texts).toContainEqual(expect.stringMatching(new RegExp(`^${name.replace(/[_.]/g, ' ')}\\d`)));
      }
    }

    // Cycle time: one row per stage the API reports, plus the whole cycle.
    const stages = page.locator('section', { has: page.getByRole('heading', { name: 'Cycle time by stage' }) });
    const stageRows = await stages.locator('tbody th[scope="row"]').allTextContents();
    expect(stageRows.map((s) => s.toLowerCase())).toEqual(expect.arrayContaining(Object.keys(all.cycleTime.toApproved.stages).map((s) => s.replaceAll('_', ' '))));
    expect(await stages.locator('tfoot td').first().textContent()).toContain(`· ${all.cycleTime.toApproved.documents}`);

    // One entity: the cards follow the entity's own figures.
    const entities = (await (await context.request.get('/v1/legal-entities')).json()).data as { id: string; code: string }[];
    const entity = entities[0]!;
    const one = await summary(entity.id);
    await page.locator('#d-entity').selectOption(entity.id);
    await expect.poll(() => card('Straight-through rate').locator('.muted').textContent()).toBe(`${one.straightThrough.straightThrough} of ${one.straightThrough.reachedApproved} approved untouched`);
    expect(one.straightThrough.reachedApproved).toBeLessThan(all.straightThrough.reachedApproved);
    expect(errors).toEqual([]);
    await context.close();
  });
});
