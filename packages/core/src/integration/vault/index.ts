/** The credential vault (docs/credential-vault.md): envelope-encrypted named secrets. */
export { MasterKey, generateMasterKeyText, parseMasterKey } from './master-key.ts';
export { loadMasterKey, masterKeyFilePath, readMasterKeyFile } from './load-master-key.ts';
export { VaultIntegrityError, openSecret, rewrapSecret, sealSecret, type SealedSecret } from './envelope.ts';
export { MANAGED_SECRET_PREFIX, isManagedSecretName, putSecretSchema, secretFields, secretName, secretSummarySchema, type PutSecretInput, type SecretSummary } from './vault-schemas.ts';
export { putSecret, type PutSecretOptions, type SecretFieldChanges } from './put-secret.ts';
export { readSecret, type ReadSecretInput } from './read-secret.ts';
export { deleteSecret } from './delete-secret.ts';
export { listSecrets } from './list-secrets.ts';
export { rotateVaultKeys, type VaultRotationResult } from './rotate-vault-keys.ts';
