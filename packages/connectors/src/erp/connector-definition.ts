import type { z } from 'zod';
import type { ErpConnector } from '@invoiceops/core';

/** What a configured ERP connection holds: where the ERP is, the secrets (from the vault) and settings. */
export interface ErpConnectionConfig {
  /** Base URL of the vendor API (a simulator's URL in tests and the sandbox). */
  readonly baseUrl: string;
  /** Secrets, decrypted from the vault just for this call: client ids and secrets, keys, passwords. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Non-secret settings: account id, tenant, environment, company id, business unit … */
  readonly settings: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Default limits of a vendor, as documented (../shared/reference/erp-api-contracts.md); an admin can lower them. */
export interface ErpVendorLimits {
  /** Requests at once across all workers. */
  readonly concurrency: number;
  /** Requests per minute across all workers. */
  readonly perMinute: number;
}

/**
 * One ERP connector kind: its name, what it needs, how to build it, and the JSONata
 * templates that render its request bodies from an `ErpPostingDocument`.
 */
export interface ErpConnectorDefinition {
  /** `netsuite`, `business_central`, `sap_s4hana`, `oracle_fusion`, `xero`. */
  readonly kind: string;
  /** "Oracle NetSuite". */
  readonly displayName: string;
  readonly credentialsSchema: z.ZodType<Record<string, string>>;
  readonly settingsSchema: z.ZodType<Record<string, string>>;
  readonly limits: ErpVendorLimits;
  /** JSONata expressions per document type; the input is an `ErpPostingDocument`, the output the vendor's request body. */
  readonly defaultTemplates: Readonly<{ invoice: string; credit_memo: string }>;
  create(config: ErpConnectionConfig): ErpConnector;
}
