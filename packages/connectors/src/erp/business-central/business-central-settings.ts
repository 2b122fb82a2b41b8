import { z } from 'zod';
import { ErpCallError } from '@invoiceops/core';
import type { ErpConnectionConfig } from '../connector-definition.ts';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The Entra ID app registration Business Central trusts (service-to-service). */
export const businessCentralCredentialsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

/** Where the company lives; `authorityUrl` only when the token endpoint is not the default one. */
export const businessCentralSettingsSchema = z.object({
  /** Entra tenant id or primary domain. */
  tenant: z.string().min(1),
  /** Environment name ("production", "sandbox"). */
  environment: z.string().min(1),
  /** The company's GUID (`GET …/api/v2.0/companies`). */
  companyId: z.string().regex(GUID, 'must be the company GUID'),
  /** Entra authority; defaults to login.microsoftonline.com for the Microsoft cloud, else to the base URL (a simulator). */
  authorityUrl: z.url().optional(),
});

/** A Business Central connection with its URLs worked out. */
export interface BusinessCentralConnection {
  /** `{baseUrl}/v2.0/{tenant}/{environment}/api/v2.0/companies({companyId})/` */
  readonly apiBase: string;
  /** `{authorityUrl}/{tenant}/oauth2/v2.0/token` */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly companyId: string;
  readonly timeoutMs?: number;
}

const MICROSOFT_API_HOST = 'api.businesscentral.dynamics.com';
const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * Checks a configured connection and derives its URLs. A connection that cannot work
 * (a missing tenant, a company id that is not a GUID) is an `auth` failure: nothing
 * posts until an administrator fixes it.
 */
export function readBusinessCentralConnection(config: ErpConnectionConfig): BusinessCentralConnection {
  const settings = businessCentralSettingsSchema.safeParse(config.settings);
  const credentials = businessCentralCredentialsSchema.safeParse(config.credentials);
  if (!settings.success || !credentials.success || !URL.canParse(config.baseUrl)) {
    const issues = [...(URL.canParse(config.baseUrl) ? [] : ['baseUrl']), ...(settings.error?.issues ?? []).map((i) => `settings.${i.path.join('.')}`), ...(credentials.error?.issues ?? []).map((i) => `credentials.${i.path.join('.')}`)];
    throw new ErpCallError(`The Business Central connection is incomplete (${issues.join(', ')}); an administrator must fix the connection`, 'auth', { errorCode: 'invalid_configuration' });
  }
  const baseUrl = trimSlash(config.baseUrl);
  const { tenant, environment, companyId } = settings.data;
  const authority = trimSlash(settings.data.authorityUrl ?? defaultAuthority(baseUrl));
  return {
    apiBase: `${baseUrl}/v2.0/${encodeURIComponent(tenant)}/${encodeURIComponent(environment)}/api/v2.0/companies(${companyId})/`,
    tokenUrl: `${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    clientId: credentials.data.clientId,
    clientSecret: credentials.data.clientSecret,
    companyId,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
  };
}

function defaultAuthority(baseUrl: string): string {
  // The real API's tokens come from Entra; anything else (a simulator, a proxy) serves both.
  return new URL(baseUrl).host === MICROSOFT_API_HOST ? MICROSOFT_AUTHORITY : baseUrl;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
