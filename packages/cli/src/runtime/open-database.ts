import { createDatabase, migrateToLatest, type DatabaseHandle, type DatabaseConfig } from '@invoiceops/core';

/** Opens the configured database and applies pending migrations (idempotent, locked). */
export async function openDatabase(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const handle = await createDatabase(config);
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

/** Where the data lives, for messages. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') {
    const url = new URL(config.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `embedded PostgreSQL (PGlite) in ${config.dataDir ?? 'memory'}`;
}
