import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { getContract } from '@invoiceops/core';
import { apiKeyFor, bearer, createBillingFixture, createExternalId, testDatabaseKinds, unique, useTestDatabase, type BillingFixture } from '@invoiceops/testing';
import { buildApp } from '../src/app.ts';
import { TEST_WEBHOOK_SECRETS, buildTestApp } from './build-test-app.ts';

const SECRET = TEST_WEBHOOK_SECRETS.crm;

describe.each(testDatabaseKinds())('CRM webhook on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let f: BillingFixture;
  let crmCustomer: string;

  const send = (id: string, body: object, secret = SECRET, timestamp = new Date()) => {
    const payload = JSON.stringify(body);
    const signature = new Webhook(secret).sign(id, timestamp, payload);
    return app.inject({
      method: 'POST',
      url: '/v1/webhooks/crm',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signature },
      payload,
    });
  };

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    f = await createBillingFixture(t.db);
    crmCustomer = unique('001');
    await createExternalId(t.db, 'customer', f.customer.id, { system: 'crm', externalId: crmCustomer });
  });

  it('creates a contract from a closed-won opportunity once, then applies an amendment from the CRM', async () => {
    const opportunity = unique('006');
    const closedWon = {
      type: 'opportunity.closed_won',
      data: {
        opportunityId: opportunity,
        customerExternalId: crmCustomer,
        contract: {
          number: unique('CRM-'),
          startDate: '2026-03-01',
          termMonths: 12,
          billingFrequency: 'monthly',
          lines: [{ key: 'seats', productSku: f.seatProduct.sku, kind: 'recurring', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice: '40.00' } }, quantity: '5' }],
        },
      },
    };
    const first = await send('msg_closed_won_1', closedWon);
    expect(first.statusCode).toBe(200);
    expect(first.json().outcome).toBe('processed');
    const again = await send('msg_closed_won_1', closedWon);
    expect(again.json()).toEqual({ outcome: 'duplicate', contractId: first.json().contractId });
    const amended = await send('msg_amend_1', { type: 'contract.amended', data: { opportunityId: opportunity, amendment: { kind: 'change_quantity', effectiveDate: '2026-04-10', lineKey: 'seats', quantity: '8' } } });
    expect(amended.json().outcome).toBe('processed');
    const contract = await getContract(t.db, first.json().contractId);
    expect(contract.lines.map((l) => [l.quantity, l.startDate, l.endDate])).toEqual([['5', '2026-03-01', '2026-04-10'], ['8', '2026-04-10', '2027-03-01']]);
  });

  it('refuses a bad or missing signature with 401 invalid_signature naming what was wrong, keeps the refusal, and writes nothing', async () => {
    const before = await t.db.selectFrom('contracts').select('id').execute();
    const forged = await send('msg_forged', { type: 'opportunity.closed_won', data: {} }, `whsec_${Buffer.from('someone-else').toString('base64')}`);
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(forged.json()).toMatchObject({ code: 'invalid_signature', reason: 'bad_signature', detail: 'no signature in the webhook-signature header matches the body and the secret' });
    const unsigned = await app.inject({ method: 'POST', url: '/v1/webhooks/crm', headers: { 'content-type': 'application/json', 'webhook-id': 'msg_unsigned', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) }, payload: '{}' });
    expect([unsigned.statusCode, unsigned.json().detail]).toEqual([401, 'the webhook-signature header is missing']);
    const stale = await send('msg_stale', { type: 'opportunity.closed_won', data: {} }, SECRET, new Date(Date.now() - 10 * 60_000));
    expect([stale.statusCode, stale.json().reason]).toEqual([401, 'stale_timestamp']);
    expect(await t.db.selectFrom('contracts').select('id').execute()).toHaveLength(before.length);
    expect(await t.db.selectFrom('webhookEvents').select('eventId').where('eventId', 'in', ['msg_forged', 'msg_unsigned', 'msg_stale']).execute()).toEqual([]);

    const admin = (await apiKeyFor(t.db, ['admin'])).token;
    const listed = await app.inject({ method: 'GET', url: '/v1/webhooks/inbound-rejections?source=crm', headers: bearer(admin) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().data.slice(0, 3).map((r: { webhookId: string; reason: string }) => [r.webhookId, r.reason])).toEqual([
      ['msg_stale', 'stale_timestamp'], ['msg_unsigned', 'missing_signature'], ['msg_forged', 'bad_signature'],
    ]);
    expect(listed.json().data[0]).toMatchObject({ source: 'crm', remoteAddress: '127.0.0.1', detail: expect.stringContaining('seconds away') });
  });

  it('logs a refusal as a warning with the webhook id, source and reason, never the body or the secret', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
    const logged = await buildApp({ db: t.db, logger, secureCookies: false, webhookSecrets: TEST_WEBHOOK_SECRETS, masterKey: null });
    const body = JSON.stringify({ type: 'opportunity.closed_won', data: { opportunityId: 'secret-deal-4711' } });
    const signature = new Webhook(`whsec_${Buffer.from('someone-else').toString('base64')}`).sign('msg_logged', new Date(), body);
    const response = await logged.inject({
      method: 'POST', url: '/v1/webhooks/crm', payload: body,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_logged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signature },
    });
    expect(response.statusCode).toBe(401);
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'inbound webhook refused: invalid signature');
    expect(warning).toMatchObject({ level: 40, source: 'crm', webhookId: 'msg_logged', reason: 'bad_signature' });
    const all = lines.join('\n');
    expect(all).not.toContain('secret-deal-4711');
    expect(all).not.toContain(SECRET.slice(6));
    expect(all).not.toContain(signature.slice(3));
    await logged.close();
  });

  it('names an unknown SKU', async () => {
    const unknownSku = await send('msg_bad_sku', {
      type: 'opportunity.closed_won',
      data: { opportunityId: unique('006'), customerExternalId: crmCustomer, contract: { number: unique('CRM-'), startDate: '2028-01-01', termMonths: 12, billingFrequency: 'monthly', lines: [{ productSku: 'NOPE', kind: 'recurring', charge: { model: 'flat', params: { amount: '1' } } }] } },
    });
    expect(unknownSku.statusCode).toBe(422);
    expect(unknownSku.json().errors[0].path).toBe('/data/contract/lines/0/productSku');
  });
});
