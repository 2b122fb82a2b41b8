import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMasterKeyText } from '@invoiceops/core';
import { runPostingBench } from '../../../bench/posting/run-posting-bench.ts';
import { TEMPLATE_NAME, cloneTemplateDatabase } from '../../testing/src/postgres-admin.ts';

/**
 * The crash test of the outbox and the workers: bench:posting, small. Invoices are posted
 * to the NetSuite simulator under injected faults (5xx, 429, written-but-answer-lost) by a
 * worker process that is killed with SIGKILL twice and restarted on the same embedded data
 * folder (and by three processes on PostgreSQL, one killed twice, when TEST_DATABASE_URL is
 * set). Every invoice must end posted exactly once: no duplicate, nothing lost, no dead letter.
 */
describe('posting survives workers killed with SIGKILL', () => {
  it('posts every invoice exactly once on the embedded database', { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'invoiceops-crash-'));
    try {
      const result = await runPostingBench({ invoices: 120, database: { kind: 'pglite', dataDir }, workers: 1, latencyMs: 5, concurrency: 5, kills: 2, masterKeyText: generateMasterKeyText() });
      expect(result).toMatchObject({ invoices: 120, simulator_records: 120, duplicates: 0, lost: 0, dead_letters: 0, kills: 2 });
      expect(result.faults.concurrency).toBeUndefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)('posts every invoice exactly once with three worker processes on PostgreSQL', { timeout: 240_000 }, async () => {
    const scratch = await cloneTemplateDatabase(process.env.TEST_DATABASE_URL!, TEMPLATE_NAME);
    try {
      const result = await runPostingBench({ invoices: 120, database: { kind: 'postgres', url: scratch.url }, workers: 3, latencyMs: 5, concurrency: 5, kills: 2, masterKeyText: generateMasterKeyText() });
      expect(result).toMatchObject({ invoices: 120, simulator_records: 120, duplicates: 0, lost: 0, dead_letters: 0, kills: 2 });
      // The three processes together never had more calls in flight than the connection allows.
      expect(result.faults.concurrency).toBeUndefined();
    } finally {
      await scratch.drop();
    }
  });
});
