import { describe, expect, it } from 'vitest';
import {
  deleteSecret,
  generateMasterKeyText,
  listAuditForObject,
  listSecrets,
  parseMasterKey,
  putSecret,
  readSecret,
  rotateVaultKeys,
  type Db,
} from '@invoiceops/core';
import { testDatabaseKinds, unique, useTestDatabase, withRollback } from '@invoiceops/testing';

const keyA = parseMasterKey(generateMasterKeyText(), 'key A');
const keyB = parseMasterKey(generateMasterKeyText(), 'key B');
const keyC = parseMasterKey(generateMasterKeyText(), 'key C');
const controller = { actor: 'user:usr_controller' };
const PASSWORD = 'correct-horse-battery-staple-4711';

/** Every stored byte that could leak a value: the vault rows and the audit rows. */
async function storedText(db: Db): Promise<string> {
  const secrets = await db.selectFrom('vaultSecrets').selectAll().execute();
  const audit = await db.selectFrom('auditLog').select(['diff', 'reason']).execute();
  return JSON.stringify({ secrets, audit });
}

describe.each(testDatabaseKinds())('credential vault on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('stores values encrypted, lists names and fields only, and audits which fields changed without values', async () => {
    await withRollback(t.db, async (trx) => {
      const name = unique('netsuite-');
      const created = await putSecret(trx, controller, keyA, name, { fields: { accountId: '1234567', password: PASSWORD } });
      expect(created).toMatchObject({ name, fields: ['accountId', 'password'] });
      await putSecret(trx, controller, keyA, name, { fields: { accountId: '1234567', password: `${PASSWORD}-new`, tokenId: 'tok-1' } });
      await putSecret(trx, controller, keyA, name, { fields: { password: `${PASSWORD}-new`, tokenId: 'tok-2' } });

      expect((await listSecrets(trx)).find((s) => s.name === name)).toEqual({ name, fields: ['password', 'tokenId'], createdAt: expect.any(String), updatedAt: expect.any(String) });
      const audit = await listAuditForObject(trx, 'vault_secret', name);
      expect(audit.map((a) => [a.action, a.actor, a.diff])).toEqual([
        ['vault_secret.created', controller.actor, { fields: { added: ['accountId', 'password'], changed: [], removed: [] } }],
        ['vault_secret.updated', controller.actor, { fields: { added: ['tokenId'], changed: ['password'], removed: [] } }],
        ['vault_secret.updated', controller.actor, { fields: { added: [], changed: ['tokenId'], removed: ['accountId'] } }],
      ]);
      const stored = await storedText(trx);
      for (const value of [PASSWORD, '1234567', 'tok-1', 'tok-2']) expect(stored).not.toContain(value);
    });
  });

  it('decrypts on read and audits every read with the reader and the purpose', async () => {
    await withRollback(t.db, async (trx) => {
      const name = unique('bc-');
      await putSecret(trx, controller, keyA, name, { fields: { clientSecret: PASSWORD } });
      const worker = { actor: 'system' };
      expect(await readSecret(trx, worker, keyA, { name, purpose: 'post invoice inv_1 to bc' })).toEqual({ clientSecret: PASSWORD });
      await readSecret(trx, worker, keyA, { name, purpose: 'post invoice inv_2 to bc' });
      const reads = (await listAuditForObject(trx, 'vault_secret', name)).filter((a) => a.action === 'vault_secret.read');
      expect(reads.map((a) => [a.actor, a.reason])).toEqual([['system', 'post invoice inv_1 to bc'], ['system', 'post invoice inv_2 to bc']]);
      expect(JSON.stringify(reads)).not.toContain(PASSWORD);
      await expect(readSecret(trx, worker, keyA, { name, purpose: ' ' })).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(readSecret(trx, worker, keyA, { name: 'nope', purpose: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  it('refuses bad input naming fields, never values, and keeps webhook signing secrets to their subscriptions', async () => {
    await withRollback(t.db, async (trx) => {
      const tooLong = 'x'.repeat(9000);
      const error = await putSecret(trx, controller, keyA, 'erp', { fields: { password: tooLong, '9bad': 'v' } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(error)).not.toContain(tooLong);
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('/fields/password');
      await expect(putSecret(trx, controller, keyA, 'bad name!', { fields: { a: 'b' } })).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(putSecret(trx, controller, keyA, 'webhook:whs_x', { fields: { secret: 'whsec_x' } })).rejects.toMatchObject({ code: 'conflict' });
      await expect(deleteSecret(trx, controller, 'webhook:whs_x')).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  it('deletes a secret, audited with the fields it held', async () => {
    await withRollback(t.db, async (trx) => {
      const name = unique('tmp-');
      await putSecret(trx, controller, keyA, name, { fields: { token: PASSWORD } });
      await deleteSecret(trx, controller, name);
      expect((await listSecrets(trx)).map((s) => s.name)).not.toContain(name);
      expect((await listAuditForObject(trx, 'vault_secret', name)).at(-1)).toMatchObject({ action: 'vault_secret.deleted', diff: { fields: { removed: ['token'] } } });
      await expect(deleteSecret(trx, controller, name)).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  it('rotates every secret to a new master key in one transaction, idempotently, and the old key stops working', async () => {
    await withRollback(t.db, async (trx) => {
      await trx.deleteFrom('vaultSecrets').execute();
      await putSecret(trx, controller, keyA, 'one', { fields: { password: PASSWORD } });
      await putSecret(trx, controller, keyA, 'two', { fields: { apiKey: 'k-2' } });
      const before = await trx.selectFrom('vaultSecrets').select(['name', 'ciphertext', 'wrappedKey']).orderBy('name').execute();

      expect(await rotateVaultKeys(trx, keyA, keyB)).toEqual({ rotated: 2, skipped: 0 });
      const after = await trx.selectFrom('vaultSecrets').select(['name', 'ciphertext', 'wrappedKey', 'masterKeyId']).orderBy('name').execute();
      expect(after.map((r) => r.masterKeyId)).toEqual([keyB.id, keyB.id]);
      expect(after.map((r) => r.ciphertext)).toEqual(before.map((r) => r.ciphertext));
      expect(after.map((r) => r.wrappedKey)).not.toEqual(before.map((r) => r.wrappedKey));
      expect(await readSecret(trx, controller, keyB, { name: 'one', purpose: 'check' })).toEqual({ password: PASSWORD });
      await expect(readSecret(trx, controller, keyA, { name: 'one', purpose: 'check' })).rejects.toMatchObject({ code: 'conflict', extensions: { reason: 'master_key_mismatch' } });

      expect(await rotateVaultKeys(trx, keyA, keyB)).toEqual({ rotated: 0, skipped: 2 });
      await expect(rotateVaultKeys(trx, keyA, keyC)).rejects.toThrow(/under master key .* neither the current key/);
      await expect(rotateVaultKeys(trx, keyB, keyB)).rejects.toThrow(/is the current one/);
      expect((await listAuditForObject(trx, 'vault', 'master_key')).map((a) => a.diff)).toEqual([
        { before: { masterKeyId: keyA.id }, after: { masterKeyId: keyB.id }, rotated: 2, skipped: 0 },
      ]);
    });
  });
});
