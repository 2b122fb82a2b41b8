import type { LifecycleDocumentType } from '../lifecycle/document-lifecycle.ts';

/**
 * What approval routing looks at for one document (docs/approvals.md). Loaded in bulk by
 * `controls/pipeline/load-controls-inputs.ts`; routing itself is pure.
 */
export interface RoutingFacts {
  readonly documentType: LifecycleDocumentType;
  readonly documentId: string;
  readonly entityId: string;
  /** The document total converted to the entity's functional currency, minor units (absolute value for credit memos). */
  readonly functionalAmountMinor: bigint;
  readonly functionalCurrency: string;
  /** The document's department and cost center (from its lines' `department` / `cost_center` dimensions: the largest line's), or null. */
  readonly department: string | null;
  readonly costCenter: string | null;
  /** The customer's (later: supplier's) segment, or null. */
  readonly segment: string | null;
  /**
   * Who created the document, as an actor string (`user:usr_…`, `system`): the bill run's
   * starter for bill-run invoices, the creating user otherwise. The creator may not approve.
   */
  readonly createdBy: string;
  /** Hash of the amount and lines: a resubmission keeps earlier approvals only when it is unchanged. */
  readonly contentHash: string;
}
