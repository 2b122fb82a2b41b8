import { z } from 'zod';
import { purgeExpired } from '@invoiceops/core';
import type { JobDefinition } from '../job-definition.ts';

/** Hourly maintenance: forget idempotency keys past 24 h and expired sessions. */
export const purgeExpiredJob: JobDefinition = {
  type: 'maintenance.purge_expired',
  version: 1,
  payload: z.object({ hour: z.string() }),
  async handle(db) {
    await purgeExpired(db);
  },
};
