import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, createBillRun, executeBillRun, finalizeInvoice, listInvoices, overdueRemindersDue, type Db } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { createBillingFixture, createTestContract, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { startWorker } from '../src/index.ts';

interface Received { to: string[]; raw: string }

async function issueInvoice(db: Db, when: Date) {
  const f = await createBillingFixture(db);
  await createTestContract(db, f);
  const run = await createBillRun(db, SYSTEM_CONTEXT, { period: '2026-01', customerId: f.customer.id, finalize: false }, ALL_ENTITIES, { enqueue: false });
  await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
  const [draft] = (await listInvoices(db, { limit: 5, billRunId: run.id }, ALL_ENTITIES)).data;
  return finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, when);
}

describe.each(testDatabaseKinds())('invoice distribution by email on %s', (kind) => {
  const t = useTestDatabase(kind);
  const received: Received[] = [];
  let server: SMTPServer;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`;
    process.env.MAIL_FROM = 'billing@invoiceops.test';
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('emails a finalized invoice with its PDF once, and records the delivery', async () => {
    const invoice = await issueInvoice(t.db, new Date());
    const worker = startWorker({ db: t.db, logger: pino({ level: 'silent' }) }, false);
    await worker.tick();
    await worker.tick();
    const mails = received.filter((m) => m.raw.includes(`Subject: Invoice ${invoice.number}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['ap@acme.example']);
    expect(mails[0]!.raw).toMatch(new RegExp(`Content-Type: application/pdf; name=${invoice.number}\\.pdf`));
    expect(mails[0]!.raw).toContain('JVBERi0'); // base64 of "%PDF-"
    const deliveries = await t.db.selectFrom('invoiceDeliveries').selectAll().where('invoiceId', '=', invoice.id).execute();
    expect(deliveries.map((d) => [d.purpose, d.status, d.recipients])).toEqual([['issue', 'sent', ['ap@acme.example']]]);
    // Delivered: the controls lifecycle records it.
    const row = await t.db.selectFrom('invoices').select('lifecycle').where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(row.lifecycle).toBe('sent');
  });

  it('reminds about an overdue invoice once per step reached, on the entity schedule', async () => {
    const invoice = await issueInvoice(t.db, new Date(Date.UTC(2026, 0, 16, 9)));
    // due 2026-02-15 (30 days); 20 days later the 14-day step is the latest reached
    const due = await overdueRemindersDue(t.db, new Date(Date.UTC(2026, 2, 7, 12)));
    expect(due.filter((d) => d.invoiceId === invoice.id)).toEqual([{ invoiceId: invoice.id, purpose: 'reminder_14' }]);
    expect(await overdueRemindersDue(t.db, new Date(Date.UTC(2026, 1, 16, 12)))).not.toContainEqual(expect.objectContaining({ invoiceId: invoice.id }));
  });
});
