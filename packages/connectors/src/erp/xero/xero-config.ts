import { z } from 'zod';

/** Secrets of a Xero "custom connection" app (OAuth 2.0 client credentials). */
export const xeroCredentialsSchema = z.object({
  clientId: z.string().trim().min(1, 'the custom connection’s client id is required'),
  clientSecret: z.string().min(1, 'the custom connection’s client secret is required'),
});

/** Xero credentials after validation. */
export type XeroCredentials = z.infer<typeof xeroCredentialsSchema>;

/** Non-secret settings: the organisation (tenant) to post into, and where to sign in. */
export const xeroSettingsSchema = z.object({
  /** Sent as `xero-tenant-id` on every call. */
  tenantId: z.string().trim().min(1, 'the Xero organisation (tenant id) is required'),
  /**
   * Where `/connect/token` lives. Empty: `https://identity.xero.com` when the connection's
   * base URL is Xero's own API host, otherwise the base URL (the simulator serves both).
   */
  identityUrl: z.string().trim().default(''),
  /** Scopes to ask for, space-separated; empty asks for those granted to the custom connection. */
  scopes: z.string().trim().default(''),
});

/** Xero settings after validation. */
export type XeroSettings = z.infer<typeof xeroSettingsSchema>;

/** The token endpoint for a connection (see {@link xeroSettingsSchema} `identityUrl`). */
export function xeroTokenUrl(baseUrl: string, identityUrl: string): string {
  if (identityUrl !== '') return `${identityUrl.replace(/\/+$/, '')}/connect/token`;
  const base = baseUrl.replace(/\/+$/, '');
  return /^https:\/\/api\.xero\.com$/i.test(base) ? 'https://identity.xero.com/connect/token' : `${base}/connect/token`;
}
