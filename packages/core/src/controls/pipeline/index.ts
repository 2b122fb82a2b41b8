/** The controls pipeline: validate → route → straight through (docs/controls-lifecycle.md). */
export { decideControls, type ControlsDecision, type ControlsOutcome, type DecisionInputs, type EffectivePolicy, type EffectiveRuleSet } from './decide-controls.ts';
export { loadEffectiveControls, controlsAreEmpty, type EffectiveControls } from './load-effective-controls.ts';
export { loadControlsInputs, type ControlsInput } from './load-controls-inputs.ts';
export { submitDocuments, type SubmitOptions, type SubmitResult, type SubmitTimings } from './submit-documents.ts';
export { submitDocument, type SubmittedDocument } from './submit-document.ts';
export { revalidateHeldDocuments, revalidationResultSchema, MAX_REVALIDATE, type RevalidationResult } from './revalidate-held-documents.ts';
