import type { FastifyInstance } from 'fastify';
import { parseMasterKey, type Db } from '@invoiceops/core';
import { buildApp } from '../src/app.ts';

/** Webhook secrets for tests (Standard Webhooks / Stripe `whsec_` format). */
export const TEST_WEBHOOK_SECRETS = {
  crm: `whsec_${Buffer.from('invoiceops-crm-webhook-test-secret').toString('base64')}`,
  stripe: 'whsec_invoiceops_stripe_test_secret',
};

/** The credential vault's master key in tests (fixed, so a test can decrypt what the API stored). */
export const TEST_MASTER_KEY = parseMasterKey(Buffer.alloc(32, 7).toString('base64'), 'the test master key');

/** The real app on a test database, with logs off, non-Secure cookies (plain HTTP in tests), webhook secrets and a vault key set. */
export function buildTestApp(db: Db): Promise<FastifyInstance> {
  return buildApp({ db, secureCookies: false, serveWebUi: true, webhookSecrets: TEST_WEBHOOK_SECRETS, masterKey: TEST_MASTER_KEY });
}
