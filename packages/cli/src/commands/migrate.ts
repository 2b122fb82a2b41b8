import type { Command } from 'commander';
import { createDatabase, migrateToLatest } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { describeDatabase } from '../runtime/open-database.ts';

/** `invoiceops migrate`: apply pending migrations and list what ran. */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done automatically at start)')
    .action(async () => {
      const config = runtimeConfigFromEnv();
      const handle = await createDatabase(config.database);
      try {
        const result = await migrateToLatest(handle.db);
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(applied.length > 0 ? `applied ${applied.join(', ')} to ${describeDatabase(config.database)}` : `${describeDatabase(config.database)} is up to date`);
      } finally {
        await handle.close();
      }
    });
}
