import type { Grant } from '../../access/principal.ts';
import { roleHasPermission } from '../../access/roles.ts';
import type { ReleaseEditor } from '../../db/controls-tables.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';

/**
 * Who acts on a release: the actor string for the audit trail, the person behind it (an
 * API key's owner too, so four-eyes cannot be dodged by switching from a session to a key),
 * and the grants the use case checks roles against.
 */
export interface ReleaseActor extends ActorContext {
  /** The user behind the actor; null for `system`. */
  readonly userId: string | null;
  readonly grants: readonly Grant[];
}

/** The system seeding the shipped defaults (see `seedBuiltinRuleSet`). */
export const SYSTEM_RELEASE_ACTOR: ReleaseActor = Object.freeze({ actor: 'system', userId: null, grants: [] });

/**
 * Rule sets and policies apply to every entity, so changing them needs `controls:write`
 * granted for all entities, not for some.
 */
export function assertMayDraft(actor: ReleaseActor): void {
  if (!actor.grants.some((g) => g.entityId === null && roleHasPermission(g.role, 'controls:write'))) {
    throw new AppError('forbidden', 'drafting a release needs controls:write for all entities: rule sets and policies apply to every entity');
  }
}

/**
 * Simulations decide and list documents of every entity, so running one or reading a
 * stored one needs `controls:write` granted for all entities, like drafting.
 */
export function assertMaySimulate(actor: ReleaseActor): void {
  if (!actor.grants.some((g) => g.entityId === null && roleHasPermission(g.role, 'controls:write'))) {
    throw new AppError('forbidden', 'simulations need controls:write for all entities: they list documents of every entity');
  }
}

/** True when `editor` is the same person as `actor`: the same actor string, or the same user behind another one. */
function samePerson(editor: ReleaseEditor, actor: ReleaseActor): boolean {
  return editor.actor === actor.actor || (editor.userId !== null && editor.userId === actor.userId);
}

/**
 * Publishing needs the controller role for all entities — the role itself, not only the
 * permission an administrator also holds — and a second person: nobody who wrote or edited
 * the draft may publish it (four-eyes). Throws `forbidden` with the reason.
 */
export function assertMayPublish(actor: ReleaseActor, draft: { kind: string; version: number; author: ReleaseEditor; editors: readonly ReleaseEditor[] }): void {
  if (!actor.grants.some((g) => g.role === 'controller' && g.entityId === null)) {
    throw new AppError('forbidden', `publishing ${draft.kind} v${draft.version} needs the controller role for all entities`, {
      extensions: { reason: 'controller_role_required' },
    });
  }
  const own = [draft.author, ...draft.editors].find((editor) => samePerson(editor, actor));
  if (own !== undefined) {
    const did = own === draft.author ? 'wrote' : 'edited';
    throw new AppError('forbidden', `four-eyes: you ${did} ${draft.kind} v${draft.version} (as ${own.actor}), so another controller must publish it`, {
      extensions: { reason: 'four_eyes', author: draft.author.actor, editors: draft.editors.map((e) => e.actor) },
    });
  }
}
