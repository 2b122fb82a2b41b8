import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, migrateToLatest } from '@invoiceops/core';
import { createTemplateDatabase } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per test run: a PGlite data folder dumped to a file that every test file
 * loads (much faster than a fresh init), and, when TEST_DATABASE_URL is set, a PostgreSQL
 * template database that every test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'invoiceops-test-'));
  const handle = await createDatabase({ kind: 'pglite' });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('none');
  const path = join(dir, 'template.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplatePath', path);
  const url = process.env.TEST_DATABASE_URL;
  project.provide('postgresTemplate', url ? await createTemplateDatabase(url) : null);
  return () => rmSync(dir, { recursive: true, force: true });
}
