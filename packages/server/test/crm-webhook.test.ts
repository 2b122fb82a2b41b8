import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { getContract } from '@invoiceops/core';
import { createBillingFixture, createExternalId, testDatabaseKinds, unique, useTestDatabase, type BillingFixture } from '@invoiceops/testing';
import { TEST_WEBHOOK_SECRETS, buildTestApp } from './build-test-app.ts';

const SECRET = TEST_WEBHOOK_SECRETS.crm;

describe.each(testDatabaseKinds())('CRM webhook on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let f: BillingFixture;
  let crmCustomer: string;

  const send = (id: string, body: object, secret = SECRET) => {
    const payload = JSON.stringify(body);
    const timestamp = new Date();
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

  it('refuses a bad signature with 400 and writes nothing, and names an unknown SKU', async () => {
    const before = await t.db.selectFrom('contracts').select('id').execute();
    const forged = await send('msg_forged', { type: 'opportunity.closed_won', data: {} }, `whsec_${Buffer.from('someone-else').toString('base64')}`);
    expect(forged.statusCode).toBe(400);
    expect(await t.db.selectFrom('contracts').select('id').execute()).toHaveLength(before.length);
    const unknownSku = await send('msg_bad_sku', {
      type: 'opportunity.closed_won',
      data: { opportunityId: unique('006'), customerExternalId: crmCustomer, contract: { number: unique('CRM-'), startDate: '2028-01-01', termMonths: 12, billingFrequency: 'monthly', lines: [{ productSku: 'NOPE', kind: 'recurring', charge: { model: 'flat', params: { amount: '1' } } }] } },
    });
    expect(unknownSku.statusCode).toBe(422);
    expect(unknownSku.json().errors[0].path).toBe('/data/contract/lines/0/productSku');
  });
});
