import { getEffectiveRelease } from '../../controls/releases/get-effective-release.ts';
import type { Db } from '../../db/transaction.ts';
import { ERP_MAPPING_KIND, lookupMapping, type ErpConnectionMapping, type ErpMappingContent } from './erp-mapping-schema.ts';

/** A connection's mapping tables in force, with the version they come from (for the event log and messages). */
export interface ErpMappingInForce extends ErpConnectionMapping {
  /** The `erp_mapping` version in force. */
  readonly version: number;
  readonly effectiveFrom: Date;
}

// Published versions never change, and getEffectiveRelease parses each once; this keeps one
// object per version and connection too, so callers (and the template cache) see the same one.
const IN_FORCE = new Map<string, ErpMappingInForce>();
const IN_FORCE_LIMIT = 500;

/**
 * The mapping tables and templates of `connectionName` in force at `at`: from the published
 * `erp_mapping` version with the latest effective time not after `at` (through the release
 * store, parsed once per version). Null when no version is in force or the one in force has
 * no tables for this connection — then every posting to it is a `master_data` problem (see
 * `buildErpPostingDocument`).
 */
export async function loadErpMapping(db: Db, connectionName: string, at: Date = new Date()): Promise<ErpMappingInForce | null> {
  const release = await getEffectiveRelease(db, ERP_MAPPING_KIND, at);
  if (release === null) return null;
  const key = `${release.id}\u0000${connectionName}`;
  const cached = IN_FORCE.get(key);
  if (cached !== undefined) return cached;
  const tables = lookupMapping((release.content as unknown as ErpMappingContent).connections, connectionName);
  if (tables === undefined) return null;
  const inForce: ErpMappingInForce = Object.freeze({ ...tables, version: release.version, effectiveFrom: release.effectiveFrom });
  if (IN_FORCE.size >= IN_FORCE_LIMIT) IN_FORCE.clear();
  IN_FORCE.set(key, inForce);
  return inForce;
}
