import { z } from 'zod';

const connectionName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a lower-case name of at most 40 letters, digits, _ or - (netsuite, bc-europe)');

/** The body of `PUT /v1/integrations/connections/{name}` (docs/erp-connectors.md). */
export const saveErpConnectionInput = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a connector kind such as netsuite').describe('netsuite, business_central, sap_s4hana, oracle_fusion or xero'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).describe("The vendor API's base URL (a sandbox's URL for testing)"),
  settings: z.record(z.string().max(100), z.string().max(2000)).default({}).describe('Non-secret settings of the connector kind (account, tenant, company …)'),
  secretName: z.string().max(100).nullable().default(null).describe('The vault secret holding the credentials (PUT /v1/integrations/secrets/{name})'),
  entityIds: z.array(z.string().max(100)).min(1).nullable().default(null).describe('Entities whose documents are posted here; null: every entity without a connection of its own'),
  enabled: z.boolean().default(true),
  maxConcurrency: z.int().min(1).max(1000).describe('Calls at once, across all workers'),
  maxPerMinute: z.int().min(1).max(1_000_000).describe('Calls per minute, across all workers'),
  timeoutMs: z.int().min(100).max(900_000).default(30_000),
  breakerThreshold: z.int().min(1).max(1000).default(5).describe('Consecutive failures that open the circuit'),
  breakerCooldownMs: z.int().min(100).max(86_400_000).default(30_000).describe('How long an open circuit waits before a probe'),
  version: z.int().min(1).optional().describe('The version being replaced (optimistic concurrency); absent when creating'),
});
export type SaveErpConnectionInput = z.input<typeof saveErpConnectionInput>;

export const erpConnectionNameParam = z.strictObject({ name: connectionName });

export const erpConnectionSchema = z.object({
  name: z.string(),
  kind: z.string(),
  baseUrl: z.string(),
  settings: z.record(z.string(), z.string()),
  secretName: z.string().nullable(),
  entityIds: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  maxConcurrency: z.number().int(),
  maxPerMinute: z.number().int(),
  timeoutMs: z.number().int(),
  breakerThreshold: z.number().int(),
  breakerCooldownMs: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ErpConnection = z.output<typeof erpConnectionSchema>;

/** One connection's health (`GET /v1/integrations/status`). */
export const connectorStatusSchema = z.object({
  connection: z.string(),
  kind: z.string(),
  health: z.enum(['healthy', 'degraded', 'circuit_open', 'disabled']).describe('degraded: recent failures, circuit still closed (or probing)'),
  circuit: z.enum(['closed', 'open', 'half_open']),
  consecutiveFailures: z.number().int(),
  nextProbeAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  lastError: z.string().nullable(),
  queueDepth: z.number().int().describe('Documents approved and waiting to be posted (or being posted)'),
  oldestWaitingSince: z.string().nullable().describe('When the longest-waiting of them was last changed'),
  deadLetters: z.number().int().describe('Posting jobs that ran out of attempts, waiting for a replay'),
});
export type ConnectorStatus = z.output<typeof connectorStatusSchema>;

export { connectionName as erpConnectionName };
