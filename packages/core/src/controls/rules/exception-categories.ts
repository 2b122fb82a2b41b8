/**
 * The exception taxonomy: every failed rule, posting failure or overdue approval lands in
 * a queue under one of these categories, and metrics count exceptions by them. Extend the
 * taxonomy here, in one place; rule schemas and queues pick new entries up from this list.
 */
export const EXCEPTION_CATEGORIES = Object.freeze([
  /** Customer, supplier, product, entity or GL configuration is missing or wrong. */
  'master_data',
  /** Tax could not be decided, or a tax requirement (tax id, tax code) is not met. */
  'tax',
  /** A price differs from the contract or price book. */
  'pricing',
  /** A purchase-order reference is missing or does not match. */
  'po_reference',
  /** Usage or quantities exceed what the customer is entitled to. */
  'entitlement',
  /** The document looks like one already issued or received. */
  'duplicate',
  /** Two documents that must agree do not (credit memo vs invoice, bill vs PO/receipt). */
  'match_variance',
  /** An approval step passed its SLA. */
  'approval_delay',
  /** The ERP refused or lost a posting. */
  'posting_failure',
  /** Unusual compared with the party's history; worth a look, not necessarily wrong. */
  'anomaly',
] as const);

/** One of {@link EXCEPTION_CATEGORIES}. */
export type ExceptionCategory = (typeof EXCEPTION_CATEGORIES)[number];

const CATEGORY_SET: ReadonlySet<string> = new Set(EXCEPTION_CATEGORIES);

/** True when `value` is one of {@link EXCEPTION_CATEGORIES} (for parsing untyped input). */
export function isExceptionCategory(value: string): value is ExceptionCategory {
  return CATEGORY_SET.has(value);
}
