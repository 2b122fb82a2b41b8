import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, readSecret } from '@invoiceops/core';
import { apiKeyFor, bearer, testDatabaseKinds, unique, useTestDatabase } from '@invoiceops/testing';
import { buildApp, LOG_REDACT } from '../src/app.ts';
import { TEST_MASTER_KEY, TEST_WEBHOOK_SECRETS } from './build-test-app.ts';

const PASSWORD = 'netsuite-token-secret-8f3a9c';

describe.each(testDatabaseKinds())('credential vault API on %s', (kind) => {
  const t = useTestDatabase(kind);
  const logLines: string[] = [];
  let app: FastifyInstance;
  let controller: string;
  let admin: string;

  beforeAll(async () => {
    // The production logger set-up (the CLI's), at its most verbose, writing into memory.
    const logger = pino({ level: 'trace', redact: { paths: LOG_REDACT, censor: '[redacted]' } }, { write: (line: string) => logLines.push(line) });
    app = await buildApp({ db: t.db, logger, secureCookies: false, webhookSecrets: TEST_WEBHOOK_SECRETS, masterKey: TEST_MASTER_KEY });
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    admin = (await apiKeyFor(t.db, ['admin'])).token;
  });
  afterAll(() => app.close());

  const put = (name: string, body: unknown, token = controller) =>
    app.inject({ method: 'PUT', url: `/v1/integrations/secrets/${name}`, headers: bearer(token), payload: body as object });

  it('stores a secret write-only: the answer and the list name fields, never values; the value is encrypted at rest', async () => {
    const name = unique('netsuite-prod-');
    const stored = await put(name, { fields: { accountId: 'TSTDRV123', tokenSecret: PASSWORD } });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ name, fields: ['accountId', 'tokenSecret'], createdAt: expect.any(String), updatedAt: expect.any(String) });
    const list = await app.inject({ method: 'GET', url: '/v1/integrations/secrets', headers: bearer(admin) });
    expect(list.json().data.find((s: { name: string }) => s.name === name)).toMatchObject({ fields: ['accountId', 'tokenSecret'] });
    for (const body of [stored.body, list.body]) expect(body).not.toContain(PASSWORD);
    const row = await t.db.selectFrom('vaultSecrets').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(await readSecret(t.db, SYSTEM_CONTEXT, TEST_MASTER_KEY, { name, purpose: 'test' })).toEqual({ accountId: 'TSTDRV123', tokenSecret: PASSWORD });

    expect((await app.inject({ method: 'DELETE', url: `/v1/integrations/secrets/${name}`, headers: bearer(controller) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/v1/integrations/secrets/${name}`, headers: bearer(controller) })).statusCode).toBe(404);
  });

  it('never puts a value into a log line or an error, even for a refused request', async () => {
    const name = unique('bc-');
    logLines.length = 0;
    await put(name, { fields: { clientSecret: PASSWORD } });
    const tooLong = `${PASSWORD}${'x'.repeat(9000)}`;
    const refused = await put(name, { fields: { clientSecret: tooLong, other: 42 } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['/fields/clientSecret', '/fields/other']);
    expect(refused.body).not.toContain(PASSWORD);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(PASSWORD);
  });

  it('is for admins and controllers only, refuses subscription secrets, and answers 503 without a master key', async () => {
    for (const role of ['ar_clerk', 'auditor', 'integration'] as const) {
      const token = (await apiKeyFor(t.db, [role])).token;
      expect((await put('erp', { fields: { a: 'b' } }, token)).statusCode, role).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/v1/integrations/secrets', headers: bearer(token) })).statusCode, role).toBe(403);
    }
    const managed = await put('webhook:whs_01JAAAAAAAAAAAAAAAAAAAAAAA', { fields: { secret: 'whsec_x' } });
    expect([managed.statusCode, managed.json().code]).toEqual([409, 'conflict']);

    const unconfigured = await buildApp({ db: t.db, secureCookies: false, masterKey: null });
    const response = await unconfigured.inject({ method: 'PUT', url: '/v1/integrations/secrets/erp', headers: bearer(admin), payload: { fields: { a: 'b' } } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'vault_not_configured', detail: expect.stringMatching(/INVOICEOPS_MASTER_KEY/) });
    await unconfigured.close();
  });
});
