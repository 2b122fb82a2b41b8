import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, migrateToLatest, type DatabaseHandle, type DatabaseConfig } from '@invoiceops/core';

/** Opens the configured database and applies pending migrations (idempotent, locked). */
export async function openDatabase(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  checkDataFolder(config);
  const handle = await createDatabase(config);
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

/** The embedded database's folder on disk, if it has one. */
export function dataFolderOf(config: DatabaseConfig): string | undefined {
  if (config.kind !== 'pglite' || !config.dataDir || config.dataDir.startsWith('memory://')) return undefined;
  return config.dataDir;
}

/**
 * Throws one line when the embedded database's folder cannot be used — a file in its place,
 * not writable — before PGlite fails on it with a WebAssembly stack; creates it when missing.
 */
function checkDataFolder(config: DatabaseConfig): void {
  const folder = dataFolderOf(config);
  if (folder === undefined) return;
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new Error(`data folder ${folder} is not a directory`);
  if (!stat) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new Error(`cannot create the data folder ${folder}: ${code(error)}`);
    }
  }
  // access(W_OK) says yes to root on a read-only mount's folders; writing a file does not.
  const probe = join(folder, `.invoiceops-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    unlinkSync(probe);
  } catch (error) {
    throw new Error(`data folder ${folder} is not writable: ${code(error)}`);
  }
}

/** Where the data lives, for messages. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') {
    const url = new URL(config.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `embedded PostgreSQL (PGlite) in ${config.dataDir ?? 'memory'}`;
}
