import { createHash } from 'node:crypto';

/** Our own namespace for name-based UUIDs (a fixed random UUID: the same name always gives the same UUID). */
export const INVOICEOPS_UUID_NAMESPACE = '5d1c3f0e-8a47-4b8e-9f6e-2b7c1a9d4e53';

/**
 * An RFC 9562 version-5 (SHA-1, name-based) UUID: deterministic, so every attempt to post a
 * document sends the same SAP message id.
 */
export function nameBasedUuid(name: string, namespace: string = INVOICEOPS_UUID_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
