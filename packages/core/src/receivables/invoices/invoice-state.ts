import { AppError } from '../../errors/app-error.ts';

/**
 * Invoice and credit-memo states known to receivables, and the transitions allowed
 * between them — in one place (the controls issue adds validation, approval and posting
 * states between `draft` and `finalized`).
 */
export type InvoiceStatus = 'draft' | 'finalized' | 'void';

const TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ['finalized', 'void'],
  finalized: ['void'],
  void: [],
};

/** Throws a coded `illegal_transition` unless `from → to` is allowed. */
export function assertInvoiceTransition(documentLabel: string, from: string, to: InvoiceStatus): void {
  const allowed = TRANSITIONS[from as InvoiceStatus] ?? [];
  if (!allowed.includes(to)) {
    throw new AppError('illegal_transition', `${documentLabel} is ${from} and cannot become ${to}`, { extensions: { from, to } });
  }
}
