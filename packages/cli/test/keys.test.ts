import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, createDatabase, loadMasterKey, masterKeyFilePath, migrateToLatest, putSecret, readMasterKeyFile, readSecret } from '@invoiceops/core';

const BIN = join(import.meta.dirname, '../bin/invoiceops.js');
const dir = mkdtempSync(join(tmpdir(), 'invoiceops-keys-'));
const dataDir = join(dir, 'data');
const env = { INVOICEOPS_DATA_DIR: dataDir, DATABASE_URL: '', INVOICEOPS_MASTER_KEY: '', INVOICEOPS_MASTER_KEY_FILE: '', LOG_LEVEL: 'silent' };

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test starts the command line two or three times (and the embedded database in this process).
describe('invoiceops keys', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key on stdout, or into a new 0600 file', () => {
    const printed = cli(['keys', 'generate']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    const file = join(dir, 'generated.key');
    expect(cli(['keys', 'generate', '--out', file]).stdout).toMatch(/wrote a new master key/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readMasterKeyFile(file).id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('rotates the embedded default key to a new key file, says how to switch, and is idempotent', async () => {
    const oldKey = loadMasterKey(env)!;
    expect(oldKey.source).toBe(`the master key file ${masterKeyFilePath(dataDir)}`);
    const handle = await createDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(handle.db);
    await putSecret(handle.db, SYSTEM_CONTEXT, oldKey, 'netsuite', { fields: { token: 'tok-123' } });
    await putSecret(handle.db, SYSTEM_CONTEXT, oldKey, 'xero', { fields: { clientSecret: 'cs-456' } });
    await handle.close();

    const newFile = join(dir, 'new.key');
    cli(['keys', 'generate', '--out', newFile]);
    const rotated = cli(['keys', 'rotate', '--new-key-file', newFile]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = readMasterKeyFile(newFile);
    expect(rotated.stdout).toContain(`re-encrypted 2 secret(s) from master key ${oldKey.id} to ${newKey.id}`);
    expect(rotated.stdout).toContain(`now replace ${masterKeyFilePath(dataDir)} with ${newFile}`);
    expect(rotated.stdout).not.toMatch(/tok-123|cs-456/);

    const again = cli(['keys', 'rotate', '--new-key-file', newFile]);
    expect(again.stdout).toContain('re-encrypted 0 secret(s)');
    expect(again.stdout).toContain('(2 already under the new key)');

    const reopened = await createDatabase({ kind: 'pglite', dataDir });
    expect(await readSecret(reopened.db, SYSTEM_CONTEXT, newKey, { name: 'xero', purpose: 'test' })).toEqual({ clientSecret: 'cs-456' });
    await reopened.close();
  });

  it('names a malformed key in one line', () => {
    const bad = cli(['keys', 'rotate', '--new-key-file', join(dir, 'new.key')], { INVOICEOPS_MASTER_KEY: 'too-short' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^invoiceops: error: INVOICEOPS_MASTER_KEY has 9 characters that are not the base64 of 32 bytes: .*\n$/);
  });
});
