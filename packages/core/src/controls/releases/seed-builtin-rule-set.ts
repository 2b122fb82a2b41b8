import { inTransaction, type Db } from '../../db/transaction.ts';
import { BUILTIN_RULES } from '../rules/builtin-rules.ts';
import { createReleaseDraft } from './create-release-draft.ts';
import { publishReleaseIn } from './publish-release.ts';
import { SYSTEM_RELEASE_ACTOR, type ReleaseActor } from './release-actor.ts';
import type { ReleaseRecord } from './release-schemas.ts';

/** Who drafts and who publishes the built-in pack; both `system` by default. */
export interface SeedBuiltinRuleSetOptions {
  /** Default `system`. */
  readonly author?: ReleaseActor;
  /** Default `system`; a person must be a controller other than the author (four-eyes). */
  readonly publisher?: ReleaseActor;
  /** Default now; may be in the past for the first version (demo data with history). */
  readonly effectiveFrom?: Date;
  readonly notes?: string;
  readonly now?: Date;
}

/**
 * Publishes the built-in rule pack (`BUILTIN_RULES`) as a rule set version — version 1 on a
 * fresh database — and returns it; does nothing and returns undefined when a rule set has
 * already been published or drafted (the pack is a starting point, not something to
 * re-impose on a deployment that changed it).
 *
 * With two people (the demo: one controller drafts, another publishes) every check applies
 * as for any release. With the default `system` author and publisher it is the one
 * four-eyes exception: the pack is the default the product ships, reviewed as code, not a
 * person's draft, and nobody else exists yet to review it on a fresh install; the audit
 * row says so.
 */
export async function seedBuiltinRuleSet(db: Db, options: SeedBuiltinRuleSetOptions = {}): Promise<ReleaseRecord | undefined> {
  const author = options.author ?? SYSTEM_RELEASE_ACTOR;
  const publisher = options.publisher ?? SYSTEM_RELEASE_ACTOR;
  const now = options.now ?? new Date();
  const systemDefault = author.actor === 'system' && publisher.actor === 'system';
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('controlReleases').select('version').where('kind', '=', 'rule_set').where('status', 'in', ['draft', 'published']).limit(1).executeTakeFirst();
    if (existing) return undefined;
    // The system has no grants; its drafting is allowed by being the system, like migrations.
    const drafter = systemDefault ? { ...author, grants: [{ role: 'controller' as const, entityId: null }] } : author;
    const draft = await createReleaseDraft(trx, drafter, 'rule_set', {
      content: { rules: BUILTIN_RULES },
      notes: options.notes ?? 'The built-in rule pack as shipped.',
    }, now);
    return publishReleaseIn(trx, publisher, 'rule_set', draft.version, {
      revision: draft.revision,
      ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom.toISOString() } : {}),
    }, now, { systemDefault, backdateFirst: true });
  });
}
