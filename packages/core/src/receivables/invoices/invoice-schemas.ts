import { LIFECYCLE_STATES } from '../../controls/lifecycle/document-lifecycle.ts';
import { z } from 'zod';
import { idOf, pageQuery } from '../../shared/schemas.ts';

const address = z.object({
  line1: z.string(),
  line2: z.string().nullish(),
  city: z.string(),
  region: z.string().nullish(),
  postalCode: z.string().nullish(),
  country: z.string(),
});

const party = z.object({
  name: z.string(),
  address,
  taxId: z.string().nullable(),
  taxIdType: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), email: z.string(), role: z.string().nullish(), phone: z.string().nullish() })).optional(),
});

/** Amounts are decimal strings in major units of `currency` ("1234.50"), exact. */
export const invoiceLineSchema = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  kind: z.string().describe('recurring, usage, late_usage, one_time, milestone, proration_credit, proration_charge, commitment_true_up, allowance, credit'),
  description: z.string(),
  productId: z.string().nullable(),
  contractLineId: z.string().nullable(),
  creditedLineId: z.string().nullable(),
  servicePeriod: z.object({ start: z.string(), end: z.string() }).nullable().describe('end exclusive'),
  quantity: z.string(),
  unitPrice: z.string().nullable(),
  amount: z.string().describe('Net amount, rounded once'),
  tax: z.object({
    code: z.string(),
    category: z.string().describe('EN 16931 VAT category code (UNCL5305)'),
    rate: z.string(),
    amount: z.string(),
    rule: z.string().describe('The tax rule that decided, for the audit trail'),
    tableVersion: z.string(),
    exemptionReason: z.string().nullable(),
  }),
  revenueAccountCode: z.string(),
  deferred: z.boolean(),
  dimensions: z.record(z.string(), z.string()),
});

export const taxSummaryRowSchema = z.object({ category: z.string(), rate: z.string(), taxableAmount: z.string(), taxAmount: z.string() });

export const invoiceSchema = z.object({
  id: z.string(),
  kind: z.enum(['invoice', 'credit_memo']),
  status: z.string().describe('The legal state: draft, finalized (numbered, locked) or void'),
  lifecycle: z.enum(LIFECYCLE_STATES).describe('Where the document is in the controls: draft, validated, on_hold, pending_approval, approved, posting, posted, sent, paid, void'),
  number: z.string().nullable().describe('Legal number, allocated at finalization (gapless per entity and series)'),
  entityId: z.string(),
  customerId: z.string(),
  contractId: z.string().nullable(),
  billRunId: z.string().nullable(),
  creditedInvoiceId: z.string().nullable(),
  billingPeriod: z.string().nullable(),
  currency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  poNumber: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  seller: party,
  buyer: party,
  lines: z.array(invoiceLineSchema),
  taxSummary: z.array(taxSummaryRowSchema).describe('Per VAT category and rate; sums of the rounded line taxes'),
  taxNotes: z.array(z.string()).describe('Legal wording to print, e.g. reverse charge'),
  subtotal: z.string(),
  taxTotal: z.string(),
  total: z.string(),
  amountPaid: z.string(),
  amountCredited: z.string(),
  amountDue: z.string(),
  paymentStatus: z.enum(['unpaid', 'partially_paid', 'paid', 'overpaid', 'not_applicable']),
  paymentTermsDays: z.number().int(),
  finalizedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  erpDocumentId: z.string().nullable().describe('The ERP\'s id of the posted document (built-in ledger: the journal entry id)'),
  postedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listInvoicesQuery = pageQuery.extend({
  customerId: idOf('cus').optional(),
  entityId: idOf('ent').optional(),
  billRunId: idOf('brn').optional(),
  billingPeriod: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  kind: z.enum(['invoice', 'credit_memo']).optional(),
  status: z.string().max(40).optional(),
  lifecycle: z.enum(LIFECYCLE_STATES).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('A number by its start (US01-INV-2026…) or a customer by part of its name; case-insensitive'),
});

export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceLine = z.output<typeof invoiceLineSchema>;
