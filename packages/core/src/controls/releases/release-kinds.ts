import type { Db } from '../../db/transaction.ts';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { approvalPolicyKind } from './approval-policy-kind.ts';
import type { EffectiveControls } from '../pipeline/load-effective-controls.ts';
import type { ReleaseBodyDiff } from './release-diff.ts';
import { ruleSetKind } from './rule-set-kind.ts';
import { erpMappingKind } from '../../integration/mapping/erp-mapping-kind.ts';

/**
 * What the release store needs to know about one kind of released control. The store is
 * generic (versions, drafts, four-eyes publishing, effective times, audit); a kind brings
 * the parts that depend on its content. Register more with {@link registerReleaseKind}
 * (ERP mappings will).
 */
export interface ReleaseKindDefinition<Content extends object = object> {
  /** Lower-case word, `rule_set`; the URL segment and the stored `kind`. */
  readonly kind: string;
  /** One line for people and the API reference. */
  readonly description: string;
  /**
   * Parses content at save and returns what is stored. Throws `validation_failed` whose
   * issues point below `basePath` (`/content/rules/3/condition`).
   */
  parseContent(value: unknown, basePath: string): Content;
  /** The content of a first draft when there is no published version to copy; absent: content must be given. */
  readonly emptyContent?: () => Content;
  /**
   * Problems that refuse publishing (an approval policy's gaps), each with a pointer into
   * the content; none by default. Runs inside the publishing transaction.
   */
  readonly findPublishProblems?: (db: Db, content: Content) => Promise<FieldIssue[]>;
  /** A readable diff of two contents (older first). Pure. */
  diff(from: Content, to: Content): ReleaseBodyDiff;
  /**
   * The controls in force with this version in place of its kind's part, for simulation;
   * absent: versions of this kind cannot be simulated. Pure.
   */
  readonly applyToControls?: (controls: EffectiveControls, content: Content, version: number) => EffectiveControls;
}

const KINDS = new Map<string, ReleaseKindDefinition>([
  [ruleSetKind.kind, ruleSetKind as unknown as ReleaseKindDefinition],
  [approvalPolicyKind.kind, approvalPolicyKind as unknown as ReleaseKindDefinition],
  [erpMappingKind.kind, erpMappingKind as unknown as ReleaseKindDefinition],
]);

/** Adds a kind (or replaces one of the same name, for tests); the registry stays open for mappings and the like. */
export function registerReleaseKind<Content extends object>(definition: ReleaseKindDefinition<Content>): void {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(definition.kind)) throw new Error(`release kind ${definition.kind} must be a lower-case word`);
  KINDS.set(definition.kind, definition as unknown as ReleaseKindDefinition);
}

/** The kind's definition, or undefined. */
export function findReleaseKind(kind: string): ReleaseKindDefinition | undefined {
  return KINDS.get(kind);
}

/** The kind's definition; NotFound for a kind nobody registered. */
export function getReleaseKind(kind: string): ReleaseKindDefinition {
  const definition = KINDS.get(kind);
  if (definition === undefined) {
    throw new AppError('not_found', `release kind ${kind} does not exist; known kinds: ${[...KINDS.keys()].join(', ')}`);
  }
  return definition;
}

/** The registered kinds, in registration order. */
export function listReleaseKinds(): ReleaseKindDefinition[] {
  return [...KINDS.values()];
}
