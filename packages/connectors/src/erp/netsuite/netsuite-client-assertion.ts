import { constants, createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';

/** What signs a NetSuite client assertion. */
export interface ClientAssertionInput {
  readonly clientId: string;
  readonly certificateId: string;
  readonly privateKey: KeyObject;
  readonly algorithm: 'PS256' | 'RS256';
  /** The token endpoint URL, which NetSuite expects as `aud`. */
  readonly audience: string;
  readonly now?: number;
}

/** NetSuite accepts at most 60 minutes; a short assertion is useless to anyone who intercepts it later. */
const ASSERTION_LIFETIME_SECONDS = 300;

/** The scopes, comma-separated as NetSuite's "Request Token Structure" documents them. */
export const NETSUITE_SCOPES = 'restlets,rest_webservices';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The JWT a NetSuite M2M integration posts as `client_assertion`: header `kid` = certificate
 * id, claims `iss` = client id, `scope`, `aud` = token URL, `iat`, `exp`; signed with the
 * certificate's private key (PS256: RSA-PSS with SHA-256 and a 32-byte salt).
 */
export function createClientAssertion(input: ClientAssertionInput): string {
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const header = { typ: 'JWT', alg: input.algorithm, kid: input.certificateId };
  const payload = { iss: input.clientId, scope: NETSUITE_SCOPES, aud: input.audience, iat, exp: iat + ASSERTION_LIFETIME_SECONDS, jti: randomUUID() };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature =
    input.algorithm === 'PS256'
      ? sign('sha256', Buffer.from(signingInput), { key: input.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST })
      : sign('sha256', Buffer.from(signingInput), input.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/**
 * Reads the PEM private key; vaults and environment variables often hold the line breaks
 * as a literal `\n`. Returns undefined when it cannot be read.
 */
export function readPrivateKey(pem: string): KeyObject | undefined {
  try {
    return createPrivateKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  } catch {
    return undefined;
  }
}
