import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generateMasterKeyText, loadMasterKey, readMasterKeyFile, rotateVaultKeys, type MasterKey } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';

/** What the operator does once the rows are re-encrypted: point every process at the new key. */
function switchInstructions(oldKey: MasterKey, newKeyFile: string): string {
  const how = oldKey.source === 'INVOICEOPS_MASTER_KEY'
    ? `set INVOICEOPS_MASTER_KEY to the content of ${newKeyFile} (or INVOICEOPS_MASTER_KEY_FILE=${newKeyFile})`
    : oldKey.source.startsWith('the master key file ')
      ? `replace ${oldKey.source.slice('the master key file '.length)} with ${newKeyFile} (or set INVOICEOPS_MASTER_KEY_FILE=${newKeyFile})`
      : `set INVOICEOPS_MASTER_KEY_FILE=${newKeyFile}`;
  return `now ${how} for every API and worker process, and restart them; until then they refuse to decrypt (the old key no longer opens the secrets)`;
}

/**
 * `invoiceops keys generate` and `invoiceops keys rotate`: the credential vault's master
 * key (docs/credential-vault.md). Key material is printed only by `generate`.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage the credential vault\'s master key');
  keys
    .command('generate')
    .description('print a new random master key (base64 of 32 bytes)')
    .option('--out <file>', 'write it to this file (mode 0600, must not exist) instead of printing it')
    .action((options: { out?: string }) => {
      const key = generateMasterKeyText();
      if (!options.out) {
        console.log(key);
        return;
      }
      writeFileSync(options.out, `${key}\n`, { mode: 0o600, flag: 'wx' });
      console.log(`wrote a new master key to ${options.out} (mode 0600)`);
    });
  keys
    .command('rotate')
    .description('re-encrypt every vault secret from the current master key (INVOICEOPS_MASTER_KEY / _FILE) to a new one')
    .requiredOption('--new-key-file <path>', 'a file holding the new key (make one with `invoiceops keys generate --out <file>`)')
    .action(async (options: { newKeyFile: string }) => {
      const config = runtimeConfigFromEnv();
      const oldKey = loadMasterKey();
      if (!oldKey) throw new Error('no current master key: set INVOICEOPS_MASTER_KEY or INVOICEOPS_MASTER_KEY_FILE to the key the secrets are encrypted with');
      const newKeyFile = resolve(options.newKeyFile);
      const newKey = readMasterKeyFile(newKeyFile);
      const handle = await openDatabase(config.database);
      try {
        const result = await rotateVaultKeys(handle.db, oldKey, newKey);
        console.log(`re-encrypted ${result.rotated} secret(s) from master key ${oldKey.id} to ${newKey.id}${result.skipped > 0 ? ` (${result.skipped} already under the new key)` : ''}`);
        console.log(switchInstructions(oldKey, newKeyFile));
      } finally {
        await handle.close();
      }
    });
}
