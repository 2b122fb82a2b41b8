import type { Invoice } from '../invoices/invoice-schemas.ts';

/** An email to send. Attachments are whole documents (the invoice PDF). */
export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** What the mail server said: accepted and rejected recipients. */
export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** The notifier port (SMTP in connectors). Throws on a transport failure (retryable). */
export interface Notifier {
  send(email: OutgoingEmail): Promise<SendResult>;
}

/** Renders the customer-facing document of an invoice or credit memo. */
export type InvoiceRenderer = (invoice: Invoice) => Promise<Buffer>;

/** The job that sends an issued document to the customer. */
export const SEND_INVOICE_JOB = 'invoice.send';
/** The daily job that sends overdue reminders. */
export const OVERDUE_REMINDERS_JOB = 'invoice.overdue_reminders';
