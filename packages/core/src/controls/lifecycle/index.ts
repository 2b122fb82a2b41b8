/** The controls lifecycle of documents and the decision trace (docs/controls-lifecycle.md). */
export {
  LIFECYCLE_STATES, assertLifecycleTransition, canTransition, isLifecycleState, nextLifecycleStates,
  type LifecycleDocumentType, type LifecycleState,
} from './document-lifecycle.ts';
export { transitionDocuments, type LifecycleChange, type LifecycleChangeResult } from './transition-documents.ts';
export { recordDecisions, type DecisionInput, type DecisionKind } from './record-decisions.ts';
export { getDocumentTrace, decisionSchema, documentTraceSchema, transitionSchema, type DocumentTrace } from './get-document-trace.ts';
export { closeDocumentControls } from './close-document-controls.ts';
export { markDocumentSent, syncSettlementLifecycle } from './sync-settlement-lifecycle.ts';
