import { AppError } from '../../errors/app-error.ts';

/**
 * The controls lifecycle of a document, defined once per document type
 * (docs/controls-lifecycle.md). The happy path is
 * draft → validated → pending_approval → approved → posting → posted → sent → paid;
 * `on_hold` holds a document with open blocking exceptions; `void` ends it.
 */
export const LIFECYCLE_STATES = Object.freeze([
  'draft', 'validated', 'on_hold', 'pending_approval', 'approved', 'posting', 'posted', 'sent', 'paid', 'void',
] as const);

/** One of {@link LIFECYCLE_STATES}. */
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** Document types with a lifecycle; supplier bills arrive with payables. */
export type LifecycleDocumentType = 'invoice' | 'credit_memo' | 'supplier_bill';

type TransitionTable = Readonly<Record<LifecycleState, readonly LifecycleState[]>>;

/**
 * Receivables documents. Notes on the less obvious edges:
 * - `validated → draft`, `on_hold → draft`, `pending_approval → draft`: the document is
 *   edited or an approver rejected it; it is submitted again from draft.
 * - `pending_approval → on_hold`: a re-validation while waiting found a blocking problem.
 * - `approved → sent | paid`: a customer may receive or pay the issued document before
 *   the ERP posting starts; `sent → posting` and `paid → posting` then post it.
 * - `posting → on_hold`: the ERP refused the posting (a `posting_failure` exception);
 *   `on_hold → posting` retries it once resolved.
 * - `paid → approved | sent | posted`: a payment was taken back (refund, chargeback):
 *   back to the state it was paid from.
 * - `void` is final. A document being posted cannot be voided until the ERP answers.
 */
const RECEIVABLES: TransitionTable = {
  draft: ['validated', 'on_hold', 'void'],
  validated: ['pending_approval', 'approved', 'on_hold', 'draft', 'void'],
  on_hold: ['validated', 'draft', 'posting', 'void'],
  pending_approval: ['approved', 'draft', 'on_hold', 'void'],
  approved: ['posting', 'sent', 'paid', 'void'],
  posting: ['posted', 'on_hold'],
  posted: ['sent', 'paid', 'void'],
  sent: ['posting', 'paid', 'void'],
  paid: ['posting', 'sent', 'posted', 'approved'],
  void: [],
};

const LIFECYCLES: Readonly<Record<LifecycleDocumentType, TransitionTable>> = {
  invoice: RECEIVABLES,
  credit_memo: RECEIVABLES,
  supplier_bill: RECEIVABLES,
};

export function isLifecycleState(value: string): value is LifecycleState {
  return (LIFECYCLE_STATES as readonly string[]).includes(value);
}

/** The states `from` may move to for a document type. */
export function nextLifecycleStates(documentType: LifecycleDocumentType, from: LifecycleState): readonly LifecycleState[] {
  return LIFECYCLES[documentType][from];
}

/** True when `from → to` is allowed for the document type. */
export function canTransition(documentType: LifecycleDocumentType, from: string, to: LifecycleState): boolean {
  return isLifecycleState(from) && LIFECYCLES[documentType][from].includes(to);
}

/** Throws a coded `illegal_transition` (409) naming the document and both states unless `from → to` is allowed. */
export function assertLifecycleTransition(documentType: LifecycleDocumentType, documentId: string, from: string, to: LifecycleState): void {
  if (canTransition(documentType, from, to)) return;
  const label = documentType.replace('_', ' ');
  const allowed = isLifecycleState(from) ? LIFECYCLES[documentType][from] : [];
  const hint = allowed.length === 0 ? `${from} is final` : `from ${from} it can become ${allowed.join(', ')}`;
  throw new AppError('illegal_transition', `${label} ${documentId} is ${from} and cannot become ${to}; ${hint}`, {
    extensions: { from, to, allowed },
  });
}
