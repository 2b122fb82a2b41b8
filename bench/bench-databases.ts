import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@invoiceops/core';

export type BenchDatabase = 'pglite' | 'postgres';

/**
 * Runs a benchmark on the embedded database, in a fresh folder on disk (as `npm start`
 * runs it; an in-memory database would count the data as process memory), removed
 * afterwards, and then on the PostgreSQL server of `DATABASE_URL` when it is set.
 * `BENCH_DB=postgres` runs only on that server. Returns the results in that order.
 */
export async function forEachBenchDatabase<T>(run: (label: BenchDatabase, config: DatabaseConfig) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  if (process.env.BENCH_DB !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'invoiceops-bench-'));
    try {
      results.push(await run('pglite', { kind: 'pglite', dataDir }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (process.env.DATABASE_URL) results.push(await run('postgres', { kind: 'postgres', url: process.env.DATABASE_URL }));
  return results;
}
