import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-key.ts';

/** A secret as stored: the encrypted value and its wrapped data key, all base64. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  tag: string;
  wrappedKey: string;
  keyIv: string;
  keyTag: string;
  masterKeyId: string;
}

const ALGORITHM = 'aes-256-gcm';

/**
 * Associated data binds each ciphertext to its secret's name: a row's encrypted value or
 * wrapped key copied under another name fails authentication instead of decrypting.
 */
const valueAad = (name: string) => Buffer.from(`invoiceops.vault.value\0${name}`);
const keyAad = (name: string) => Buffer.from(`invoiceops.vault.data-key\0${name}`);

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { data: string; iv: string; tag: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { data: data.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function decrypt(key: Buffer, sealed: { data: string; iv: string; tag: string }, aad: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
}

/** Thrown when a stored secret does not authenticate: tampered, moved, or wrapped by another key with the same id. */
export class VaultIntegrityError extends Error {
  constructor(name: string) {
    super(`secret ${name} does not decrypt: it was altered or wrapped by another master key`);
    this.name = 'VaultIntegrityError';
  }
}

/**
 * Envelope encryption: a fresh random data key encrypts `fields` (as JSON) with
 * AES-256-GCM; the master key wraps the data key with AES-256-GCM. Each has its own
 * random 96-bit IV.
 */
export function sealSecret(masterKey: MasterKey, name: string, fields: Readonly<Record<string, string>>): SealedSecret {
  const dataKey = randomBytes(32);
  try {
    const value = encrypt(dataKey, Buffer.from(JSON.stringify(fields), 'utf8'), valueAad(name));
    const wrapped = encrypt(masterKey.bytes(), dataKey, keyAad(name));
    return { ciphertext: value.data, iv: value.iv, tag: value.tag, wrappedKey: wrapped.data, keyIv: wrapped.iv, keyTag: wrapped.tag, masterKeyId: masterKey.id };
  } finally {
    dataKey.fill(0);
  }
}

function unwrapDataKey(masterKey: MasterKey, name: string, sealed: SealedSecret): Buffer {
  try {
    return decrypt(masterKey.bytes(), { data: sealed.wrappedKey, iv: sealed.keyIv, tag: sealed.keyTag }, keyAad(name));
  } catch {
    throw new VaultIntegrityError(name);
  }
}

/** Decrypts a sealed secret (the caller has checked that `masterKey.id` is the row's). */
export function openSecret(masterKey: MasterKey, name: string, sealed: SealedSecret): Record<string, string> {
  const dataKey = unwrapDataKey(masterKey, name, sealed);
  try {
    const plaintext = decrypt(dataKey, { data: sealed.ciphertext, iv: sealed.iv, tag: sealed.tag }, valueAad(name));
    return JSON.parse(plaintext.toString('utf8')) as Record<string, string>;
  } catch {
    throw new VaultIntegrityError(name);
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps a secret's data key under `newKey`; the encrypted value itself is untouched. */
export function rewrapSecret(oldKey: MasterKey, newKey: MasterKey, name: string, sealed: SealedSecret): SealedSecret {
  const dataKey = unwrapDataKey(oldKey, name, sealed);
  try {
    const wrapped = encrypt(newKey.bytes(), dataKey, keyAad(name));
    return { ...sealed, wrappedKey: wrapped.data, keyIv: wrapped.iv, keyTag: wrapped.tag, masterKeyId: newKey.id };
  } finally {
    dataKey.fill(0);
  }
}
