import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets that are shown once and stored only as SHA-256: API keys (`iok_…`) and session
 * tokens. A high-entropy random token needs no slow hash; SHA-256 lets a look-up use an
 * index on the hash.
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const API_KEY_PREFIX = 'iok_';
