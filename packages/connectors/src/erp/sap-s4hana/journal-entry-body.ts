import { z } from 'zod';

// Amounts stay decimal strings all the way into the XML; a number from a customised
// template is accepted and written as JavaScript prints it.
const amount = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "-119.00"'));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const optionalText = z.string().optional();

/**
 * The body the SAP templates render (the connector turns it into the SOAP request): one
 * journal entry with signed amounts, debit positive and credit negative.
 */
export const journalEntryBodySchema = z.object({
  header: z.object({
    /** The company code; the connection's `companyCode` setting, when set, wins. */
    companyCode: optionalText,
    /** DR customer invoice, DG customer credit memo (any two-character SAP document type). */
    accountingDocumentType: z.string().regex(/^[A-Z0-9]{2}$/, 'must be a two-character SAP document type'),
    /** Our document number; SAP keeps 16 characters, the connector keeps the last 16. */
    documentReferenceId: z.string().min(1),
    documentHeaderText: z.string().max(25).optional(),
    documentDate: isoDate,
    postingDate: isoDate,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO currency code'),
  }),
  items: z
    .array(
      z.object({
        glAccount: z.string().min(1),
        amount,
        taxCode: optionalText,
        text: optionalText,
        profitCenter: optionalText,
        costCenter: optionalText,
      }),
    )
    .min(1),
  debtorItem: z.object({ debtor: z.string().min(1), amount, text: optionalText }),
  taxItems: z.array(z.object({ taxCode: z.string().min(1), amount, baseAmount: amount })).default([]),
});

/** A journal entry as the SAP templates render it. */
export type JournalEntryBody = z.output<typeof journalEntryBodySchema>;

/** The body read and checked, or the words that say what the template got wrong. */
export function readJournalEntryBody(body: unknown): { ok: true; entry: JournalEntryBody } | { ok: false; problem: string } {
  const parsed = journalEntryBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; ');
  return { ok: false, problem };
}
