/**
 * Control releases: versioned rule sets and approval policies (and later mappings),
 * drafted, diffed, simulated and published with four-eyes (docs/rule-releases.md).
 */
export {
  findReleaseKind, getReleaseKind, listReleaseKinds, registerReleaseKind, type ReleaseKindDefinition,
} from './release-kinds.ts';
export { SYSTEM_RELEASE_ACTOR, assertMayDraft, assertMayPublish, assertMaySimulate, type ReleaseActor } from './release-actor.ts';
export {
  RELEASE_STATES, createReleaseDraftSchema, discardReleaseDraftSchema, publishReleaseSchema, releaseDiffQuery, releaseDiffSchema,
  releaseKindParam, releaseSchema, releaseSummarySchema, releaseVersionParam, updateReleaseDraftSchema,
  type CreateReleaseDraftInput, type DiscardReleaseDraftInput, type PublishReleaseInput, type ReleaseDiffResult, type ReleaseRecord,
  type ReleaseState, type ReleaseSummary, type UpdateReleaseDraftInput,
} from './release-schemas.ts';
export {
  releaseSimulationIdParam, releaseSimulationSchema, releaseSimulationSummarySchema, simulateReleaseQuery, simulatedChangeSchema,
  type ReleaseSimulation, type ReleaseSimulationSummary, type SimulateReleaseOptions, type SimulatedChange,
} from './simulation-schemas.ts';
export { MAX_RULES_PER_SET, parseRuleSetContent, ruleSetContentSchema, type RuleSetContent, type RuleSetProblem } from './parse-rule-set-content.ts';
export type { JsonChange, ReleaseBodyDiff, RuleFieldChange, RuleSetDiff, StructuralDiff } from './release-diff.ts';
export { diffJson } from './diff-json.ts';
export { diffRuleSets } from './diff-rule-sets.ts';
export { describeReleaseDiff } from './describe-release-diff.ts';
export { compareDecisions, summarizeDecision, type DecisionChange, type DecisionChangeKind, type DecisionSummary, type RuleDifference } from './compare-decisions.ts';
export { createReleaseDraft } from './create-release-draft.ts';
export { updateReleaseDraft } from './update-release-draft.ts';
export { discardReleaseDraft } from './discard-release-draft.ts';
export { EFFECTIVE_FROM_SKEW_MS, publishRelease, type PublishOptions } from './publish-release.ts';
export { findRelease, getRelease, listReleases } from './get-release.ts';
export { getEffectiveRelease, type EffectiveRelease } from './get-effective-release.ts';
export { diffReleases } from './diff-releases.ts';
export { simulateRelease } from './simulate-release.ts';
export { listReleaseSimulations } from './list-release-simulations.ts';
export { getReleaseSimulation } from './get-release-simulation.ts';
export { seedBuiltinRuleSet, type SeedBuiltinRuleSetOptions } from './seed-builtin-rule-set.ts';
export { loadReleaseActor } from './load-release-actor.ts';
