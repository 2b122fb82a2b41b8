import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** What the simulated token endpoint checks in a client assertion. */
export interface AssertionExpectations {
  /** The integration's client id (`iss`); any when undefined. */
  readonly clientId?: string;
  /** The certificate id (`kid`); any when undefined. */
  readonly certificateId?: string;
  /** The certificate's public key; the signature is not checked when undefined. */
  readonly publicKey?: KeyObject | string;
  /** The token endpoint's own URL, expected as `aud`. */
  readonly audience: string;
  readonly nowSeconds: number;
}

/** Why an assertion is refused, as the OAuth error code and a description. */
export interface AssertionProblem {
  readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope';
  readonly description: string;
}

const decode = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks a NetSuite M2M client assertion as documented in "The Request Token Structure":
 * `typ` JWT, `alg` PS256 (RS256 accepted), `kid` the certificate id, `iss` the client id,
 * `scope` including rest_webservices, `aud` the token endpoint, `exp` in the future and at
 * most 60 minutes after `iat`, and the signature against the certificate's public key.
 */
export function verifyClientAssertion(jwt: string, expected: AssertionExpectations): AssertionProblem | undefined {
  const parts = jwt.split('.');
  const header = parts.length === 3 ? decode(parts[0]!) : undefined;
  const claims = parts.length === 3 ? decode(parts[1]!) : undefined;
  if (!header || !claims) return { error: 'invalid_request', description: 'client_assertion is not a JWT' };
  if (header.alg !== 'PS256' && header.alg !== 'RS256') return { error: 'invalid_request', description: `unsupported alg ${String(header.alg)}` };
  if (expected.certificateId !== undefined && header.kid !== expected.certificateId) return { error: 'invalid_client', description: 'unknown certificate (kid)' };
  if (expected.clientId !== undefined && claims.iss !== expected.clientId) return { error: 'invalid_client', description: 'unknown client (iss)' };
  if (claims.aud !== expected.audience) return { error: 'invalid_grant', description: 'aud is not the token endpoint' };
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return { error: 'invalid_request', description: 'iat and exp are required' };
  if (exp <= expected.nowSeconds) return { error: 'invalid_grant', description: 'the assertion has expired' };
  if (exp - iat > 3600) return { error: 'invalid_grant', description: 'exp must be at most 60 minutes after iat' };
  if (!scopes(claims.scope).includes('rest_webservices')) return { error: 'invalid_scope', description: 'scope must include rest_webservices' };
  if (expected.publicKey !== undefined && !signatureValid(`${parts[0]}.${parts[1]}`, parts[2]!, header.alg, expected.publicKey)) {
    return { error: 'invalid_client', description: 'the signature does not match the certificate' };
  }
  return undefined;
}

/** Scopes as NetSuite takes them: comma-separated, space-separated or an array. */
function scopes(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

function signatureValid(signingInput: string, signature: string, alg: string, key: KeyObject | string): boolean {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key;
  const options = alg === 'PS256' ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : publicKey;
  try {
    return verify('sha256', Buffer.from(signingInput), options, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
