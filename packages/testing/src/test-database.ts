import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Db, type DatabaseHandle } from '@invoiceops/core';
import { cloneTemplateDatabase } from './postgres-admin.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** The databases every database test runs on: PGlite always, PostgreSQL when configured. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Opens a fresh, migrated database of the given kind (a clone of the run's template). */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const template = readFileSync(inject('pgliteTemplatePath'));
    return createDatabase({ kind: 'pglite', loadDataDir: new Blob([template]) });
  }
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('TEST_DATABASE_URL is not set');
  const clone = await cloneTemplateDatabase(url, template);
  const handle = await createDatabase({ kind: 'postgres', url: clone.url, poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await clone.drop();
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that give the enclosing `describe` its own database,
 * shared by its tests (one start-up per file, not per test). Read `.db` inside tests.
 */
export function useTestDatabase(kind: TestDatabaseKind): { readonly db: Db; readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error('test database not open yet (use it inside a test or hook)');
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error('test database not open yet');
      return handle;
    },
  };
}

class Rollback extends Error {}

/**
 * Runs `work` in a transaction that is always rolled back, so a test leaves no rows
 * behind. Use cases called with the transaction join it (see `inTransaction`).
 */
export async function withRollback<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = await work(trx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}
