import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { databaseConfigFromEnv } from '../../db/create-database.ts';
import { generateMasterKeyText, parseMasterKey, type MasterKey } from './master-key.ts';

/** Where the embedded default keeps its generated key: beside the data folder, not in it (a copy of the data alone does not decrypt). */
export function masterKeyFilePath(dataDir: string): string {
  return `${resolve(dataDir)}.master-key`;
}

/** Reads a key file, naming the file (never its content) when it is unreadable or malformed. */
export function readMasterKeyFile(path: string): MasterKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the master key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseMasterKey(text, `the master key file ${path}`);
}

/** Creates the key file with mode 0600 unless it exists (two processes starting at once both end up with the one file). */
function ensureKeyFile(path: string): MasterKey {
  try {
    writeFileSync(path, `${generateMasterKeyText()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`cannot create the master key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return readMasterKeyFile(path);
}

let memoryKey: MasterKey | undefined;

/**
 * The vault's master key from the environment, in this order:
 * 1. `INVOICEOPS_MASTER_KEY`: base64 of 32 bytes;
 * 2. `INVOICEOPS_MASTER_KEY_FILE`: a file holding that text;
 * 3. the embedded database with a data folder (no `DATABASE_URL`): `<data folder>.master-key`,
 *    created with mode 0600 on first use (zero set-up; back it up apart from the data);
 * 4. the embedded database in memory: a random key for this process (the data dies with it);
 * 5. otherwise (a PostgreSQL server and no key): undefined — the vault is not configured.
 * A malformed key throws one line saying which setting is wrong.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv = process.env): MasterKey | undefined {
  const inline = env.INVOICEOPS_MASTER_KEY;
  if (inline !== undefined && inline.trim() !== '') return parseMasterKey(inline, 'INVOICEOPS_MASTER_KEY');
  const file = env.INVOICEOPS_MASTER_KEY_FILE?.trim();
  if (file) return readMasterKeyFile(file);
  const database = databaseConfigFromEnv(env);
  if (database.kind !== 'pglite') return undefined;
  if (database.dataDir && !database.dataDir.startsWith('memory://')) return ensureKeyFile(masterKeyFilePath(database.dataDir));
  memoryKey ??= parseMasterKey(generateMasterKeyText(), 'a per-process key (in-memory database)');
  return memoryKey;
}
