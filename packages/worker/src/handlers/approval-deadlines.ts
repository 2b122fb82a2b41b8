import { z } from 'zod';
import { APPROVAL_DEADLINES_JOB, SYSTEM_CONTEXT, processApprovalDeadlines } from '@invoiceops/core';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ slot: z.string() });

/**
 * Every 15 minutes (one job per slot across all workers, by dedupe key): reminds the
 * candidates of approval steps nearing their due time and escalates overdue ones.
 */
export const approvalDeadlinesJob: JobDefinition<typeof payload> = {
  type: APPROVAL_DEADLINES_JOB,
  version: 1,
  payload,
  async handle(db) {
    await processApprovalDeadlines(db, SYSTEM_CONTEXT, new Date());
  },
};

/** The 15-minute slot a time falls in, e.g. `2026-03-02T09:15`: the scheduled job's dedupe key. */
export function approvalDeadlineSlot(now: Date): string {
  const minutes = Math.floor(now.getUTCMinutes() / 15) * 15;
  return `${now.toISOString().slice(0, 13)}:${String(minutes).padStart(2, '0')}`;
}
