import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from './create-notifier.ts';

interface Received { from: string; to: string[]; raw: string }

describe('SMTP notifier against a real local SMTP server', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@bounce.example')) return callback(new Error('550 no such user'));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the message with its PDF attachment', async () => {
    const notifier = createNotifier({ kind: 'smtp', url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'billing@acme.example' });
    const result = await notifier.send({ to: ['ap@customer.example'], subject: 'Invoice DE-INV-000001', text: 'Please pay.', attachments: [{ filename: 'DE-INV-000001.pdf', content: Buffer.from('%PDF-1.7 test'), contentType: 'application/pdf' }] });
    expect(result.accepted).toEqual(['ap@customer.example']);
    const message = received.at(-1)!;
    expect(message.to).toEqual(['ap@customer.example']);
    expect(message.raw).toContain('Subject: Invoice DE-INV-000001');
    expect(message.raw).toMatch(/Content-Type: application\/pdf; name=DE-INV-000001\.pdf/);
    expect(message.raw).toContain(Buffer.from('%PDF-1.7 test').toString('base64'));
  });

  it('reports refused recipients as bounced instead of throwing', async () => {
    const notifier = createNotifier({ kind: 'smtp', url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'billing@acme.example' });
    const result = await notifier.send({ to: ['nobody@bounce.example'], subject: 'x', text: 'x', attachments: [] });
    expect(result).toMatchObject({ accepted: [], rejected: ['nobody@bounce.example'] });
  });
});
