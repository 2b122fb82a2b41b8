import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Notifier, OutgoingEmail, SendResult } from '@invoiceops/core';

/**
 * Where mail goes: an SMTP server, or (with no server configured) an outbox folder of
 * `.eml` files, so a laptop install can show what would have been sent.
 */
export type NotifierConfig =
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'outbox'; dir: string; from: string };

/** Reads SMTP_URL / MAIL_FROM; without SMTP_URL, mail lands in `<dataDir>/outbox`. */
export function notifierConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): NotifierConfig {
  const from = env.MAIL_FROM ?? 'invoices@invoiceops.local';
  if (env.SMTP_URL) {
    if (!/^smtps?:\/\//.test(env.SMTP_URL)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
    return { kind: 'smtp', url: env.SMTP_URL, from };
  }
  return { kind: 'outbox', dir: join(dataDir, 'outbox'), from };
}

function toMessage(email: OutgoingEmail, from: string) {
  return { from, to: email.to, subject: email.subject, text: email.text, attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) };
}

/** The notifier for a configuration. */
export function createNotifier(config: NotifierConfig): Notifier {
  if (config.kind === 'smtp') {
    const transport = nodemailer.createTransport(config.url);
    return {
      async send(email: OutgoingEmail): Promise<SendResult> {
        try {
          const info = await transport.sendMail(toMessage(email, config.from));
          return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
        } catch (error) {
          // Every recipient refused at RCPT time is a bounce, not a transport failure.
          const rejected = (error as { rejected?: unknown[] }).rejected;
          if ((error as { code?: string }).code === 'EENVELOPE' && Array.isArray(rejected)) {
            return { messageId: '', accepted: [], rejected: rejected.map(String) };
          }
          throw error;
        }
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const info = await transport.sendMail(toMessage(email, config.from));
      mkdirSync(config.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.attachments[0]?.filename ?? 'message'}.eml`;
      writeFileSync(join(config.dir, name), info.message as Buffer);
      return { messageId: info.messageId, accepted: email.to, rejected: [] };
    },
  };
}
