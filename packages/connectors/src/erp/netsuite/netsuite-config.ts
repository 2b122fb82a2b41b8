import { z } from 'zod';

/**
 * Secrets of a NetSuite OAuth 2.0 client-credentials (M2M) integration: the integration
 * record's client id, and the certificate mapped to it under "OAuth 2.0 Client Credentials
 * (M2M) Setup" (its id and the PEM private key that signs our client assertions).
 */
export const netsuiteCredentialsSchema = z.object({
  clientId: z.string().trim().min(1, 'the integration record’s client id is required'),
  certificateId: z.string().trim().min(1, 'the certificate id from the M2M setup is required'),
  privateKey: z.string().includes('PRIVATE KEY', { message: 'the certificate’s private key must be a PEM block (-----BEGIN PRIVATE KEY-----)' }),
});

/** NetSuite credentials after validation. */
export type NetsuiteCredentials = z.infer<typeof netsuiteCredentialsSchema>;

/**
 * Non-secret settings. `baseUrl` of the connection is the account's SuiteTalk host
 * (`https://<accountId>.suitetalk.api.netsuite.com`); the account id is kept for display.
 */
export const netsuiteSettingsSchema = z.object({
  accountId: z.string().trim().default(''),
  /** How the certificate signs: NetSuite documents PS256 (and ES256…); RS256 for older mappings. */
  signingAlgorithm: z.enum(['PS256', 'RS256']).default('PS256'),
});

/** NetSuite settings after validation. */
export type NetsuiteSettings = z.infer<typeof netsuiteSettingsSchema>;
