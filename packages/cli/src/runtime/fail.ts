import { isAppError } from '@invoiceops/core';

/** Prints one line naming the problem and exits non-zero (no stack traces for users). */
export function fail(error: unknown): never {
  let message = error instanceof Error ? error.message : String(error);
  if (isAppError(error) && error.issues.length > 0) {
    message = error.issues.map((i) => `${i.path} ${i.message}`).join('; ');
  }
  process.stderr.write(`invoiceops: error: ${message.split('\n')[0]}\n`);
  if (process.env.INVOICEOPS_DEBUG) console.error(error);
  process.exit(1);
}
