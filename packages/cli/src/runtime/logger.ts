import pino, { type Logger } from 'pino';
import { LOG_REDACT } from '@invoiceops/server';

/** JSON logs on stdout with secrets redacted (the same paths the API redacts). */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: LOG_REDACT, censor: '[redacted]' } });
}
