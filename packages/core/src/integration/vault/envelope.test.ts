import { describe, expect, it } from 'vitest';
import { VaultIntegrityError, openSecret, rewrapSecret, sealSecret } from './envelope.ts';
import { generateMasterKeyText, parseMasterKey } from './master-key.ts';

const keyA = parseMasterKey(generateMasterKeyText(), 'test key A');
const keyB = parseMasterKey(generateMasterKeyText(), 'test key B');
const fields = { username: 'svc-invoiceops', password: 'correct horse battery staple' };

describe('envelope encryption', () => {
  it('round-trips the fields, with a fresh data key and IVs each time', () => {
    const one = sealSecret(keyA, 'netsuite-prod', fields);
    const two = sealSecret(keyA, 'netsuite-prod', fields);
    expect(openSecret(keyA, 'netsuite-prod', one)).toEqual(fields);
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(one.wrappedKey).not.toBe(two.wrappedKey);
    expect(one.masterKeyId).toBe(keyA.id);
    expect(JSON.stringify(one)).not.toContain('correct horse');
  });

  it('refuses a tampered value, a row moved to another name and the wrong master key', () => {
    const sealed = sealSecret(keyA, 'netsuite-prod', fields);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(keyA, 'netsuite-prod', { ...sealed, ciphertext: flipped.toString('base64') })).toThrow(VaultIntegrityError);
    expect(() => openSecret(keyA, 'netsuite-sandbox', sealed)).toThrow(VaultIntegrityError);
    expect(() => openSecret(keyB, 'netsuite-prod', sealed)).toThrow(/does not decrypt/);
  });

  it('re-wraps only the data key on rotation: the value ciphertext stays, the new key opens it', () => {
    const sealed = sealSecret(keyA, 'bc', fields);
    const rotated = rewrapSecret(keyA, keyB, 'bc', sealed);
    expect(rotated).toMatchObject({ ciphertext: sealed.ciphertext, iv: sealed.iv, tag: sealed.tag, masterKeyId: keyB.id });
    expect(rotated.wrappedKey).not.toBe(sealed.wrappedKey);
    expect(openSecret(keyB, 'bc', rotated)).toEqual(fields);
    expect(() => openSecret(keyA, 'bc', rotated)).toThrow(VaultIntegrityError);
  });
});

describe('master keys', () => {
  it('parse from base64 of 32 bytes, with a short stable id, and never show their bytes', () => {
    const text = generateMasterKeyText();
    const key = parseMasterKey(` ${text}\n`, 'INVOICEOPS_MASTER_KEY');
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(parseMasterKey(text, 'elsewhere').id).toBe(key.id);
    expect(JSON.stringify(key)).not.toContain(text);
    expect(String(key)).not.toContain(text);
  });

  it.each([
    ['', /INVOICEOPS_MASTER_KEY is empty/],
    ['c2hvcnQ=', /has 8 characters that are not the base64 of 32 bytes/],
    [`${generateMasterKeyText().slice(0, 43)}!`, /not the base64 of 32 bytes/],
  ])('refuse %j with one line naming the setting', (text, message) => {
    expect(() => parseMasterKey(text, 'INVOICEOPS_MASTER_KEY')).toThrow(message);
  });
});
