import { createReleaseDraft } from '../../controls/releases/create-release-draft.ts';
import { publishReleaseIn } from '../../controls/releases/publish-release.ts';
import type { ReleaseActor } from '../../controls/releases/release-actor.ts';
import type { ReleaseRecord } from '../../controls/releases/release-schemas.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { ERP_MAPPING_KIND, type ErpConnectionMapping } from './erp-mapping-schema.ts';

/** One connection's tables to publish, and who drafts and who publishes them. */
export interface SeedErpMappingInput extends ErpConnectionMapping {
  readonly connectionName: string;
  /** A controller (for all entities) who drafts the version. */
  readonly author: ReleaseActor;
  /** Another controller, who publishes it (four-eyes). */
  readonly publisher: ReleaseActor;
  /** Default now; may be in the past for the first version of the kind (demo data with history). */
  readonly effectiveFrom?: Date;
  readonly notes?: string;
  readonly now?: Date;
}

/**
 * Publishes an `erp_mapping` version with `connectionName`'s tables, through the release
 * store's own use cases and checks: `author` drafts it, `publisher` — a different
 * controller — publishes it, in force from `effectiveFrom`. The other connections of the
 * latest published version are kept, so seeding a second connection does not drop the
 * first. For the demo and tests; refused (409) while an `erp_mapping` draft is open.
 */
export async function seedErpMapping(db: Db, input: SeedErpMappingInput): Promise<ReleaseRecord> {
  const { connectionName, author, publisher, effectiveFrom, notes, now: at, ...tables } = input;
  const now = at ?? new Date();
  return inTransaction(db, async (trx) => {
    const latest = await trx
      .selectFrom('controlReleases')
      .select('body')
      .where('kind', '=', ERP_MAPPING_KIND)
      .where('status', '=', 'published')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const connections = (latest?.body as { connections?: Record<string, unknown> } | undefined)?.connections ?? {};
    const draft = await createReleaseDraft(trx, author, ERP_MAPPING_KIND, {
      content: { connections: { ...connections, [connectionName]: tables } },
      notes: notes ?? `ERP mapping for connection ${connectionName}.`,
    }, now);
    return publishReleaseIn(trx, publisher, ERP_MAPPING_KIND, draft.version, {
      revision: draft.revision,
      ...(effectiveFrom ? { effectiveFrom: effectiveFrom.toISOString() } : {}),
    }, now, { backdateFirst: true });
  });
}
