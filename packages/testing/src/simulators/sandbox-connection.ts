import type { PutSecretInput, SaveErpConnectionInput } from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import type { Sandbox, SandboxVendor } from './sandbox.ts';

/** How a connection to a sandbox is limited, and which entities post to it. */
export interface SandboxConnectionLimits {
  /** Entities whose documents post to the sandbox; null (default): every entity without a connection of its own. */
  readonly entityIds?: readonly string[] | null;
  /** Calls at once; default the vendor's documented limit. */
  readonly maxConcurrency?: number;
  /** Calls per minute; default the vendor's documented limit. */
  readonly maxPerMinute?: number;
  readonly timeoutMs?: number;
  readonly breakerThreshold?: number;
  readonly breakerCooldownMs?: number;
}

/** The connection (and vault secret) name a sandbox gets unless told otherwise: `business-central-sandbox`. */
export function sandboxConnectionName(kind: SandboxVendor): string {
  return `${kind.replaceAll('_', '-')}-sandbox`;
}

/** The body of `PUT /v1/integrations/secrets/{name}` holding a sandbox's credentials. */
export function sandboxSecretBody(sandbox: Sandbox): PutSecretInput {
  return { fields: { ...sandbox.credentials } };
}

/**
 * The body of `PUT /v1/integrations/connections/{name}` for a sandbox: its kind, URL and
 * settings, the vault secret, and limits (the vendor's documented ones unless given).
 */
export function sandboxConnectionBody(sandbox: Sandbox, secretName: string, limits: SandboxConnectionLimits = {}): SaveErpConnectionInput {
  const vendor = ERP_CONNECTORS.get(sandbox.kind)?.limits ?? { concurrency: 5, perMinute: 60 };
  return {
    kind: sandbox.kind,
    baseUrl: sandbox.baseUrl,
    settings: { ...sandbox.settings },
    secretName,
    entityIds: limits.entityIds === undefined || limits.entityIds === null ? null : [...limits.entityIds],
    maxConcurrency: limits.maxConcurrency ?? vendor.concurrency,
    maxPerMinute: limits.maxPerMinute ?? vendor.perMinute,
    timeoutMs: limits.timeoutMs ?? 30_000,
    breakerThreshold: limits.breakerThreshold ?? 5,
    breakerCooldownMs: limits.breakerCooldownMs ?? 30_000,
  };
}
