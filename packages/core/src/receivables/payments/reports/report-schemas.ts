import { z } from 'zod';
import { currencyCode, idOf, isoDate, pageQuery } from '../../../shared/schemas.ts';

export const arAgingQuery = z.strictObject({
  asOf: isoDate.describe('Aging reference date: days past due are counted to this day; payments and invoices after it are left out'),
  entityId: idOf('ent').optional(),
  currency: currencyCode.optional(),
});
export type ArAgingQuery = z.output<typeof arAgingQuery>;

const bucketAmounts = {
  current: z.string().describe('Not yet due (due on or after asOf)'),
  days1To30: z.string(),
  days31To60: z.string(),
  days61To90: z.string(),
  over90: z.string(),
  total: z.string(),
};

export const arAgingSchema = z.object({
  asOf: z.string(),
  rows: z.array(z.object({ customerId: z.string(), customerNumber: z.string(), customerName: z.string(), entityId: z.string(), currency: z.string(), ...bucketAmounts })),
  totals: z.array(z.object({ currency: z.string(), ...bucketAmounts })).describe('Per currency; amounts in different currencies are never added'),
});
export type ArAging = z.output<typeof arAgingSchema>;

export const dsoQuery = z
  .strictObject({
    from: isoDate.describe('First day of the period'),
    to: isoDate.describe('Last day of the period (inclusive)'),
    entityId: idOf('ent').optional(),
    currency: currencyCode.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type DsoQuery = z.output<typeof dsoQuery>;

export const dsoSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int().describe('Days in the period, both ends included'),
  formula: z.string(),
  results: z.array(
    z.object({
      currency: z.string(),
      endingReceivables: z.string().describe('Open on invoices at the end of `to`'),
      creditSales: z.string().describe('Invoice totals issued in the period less credit memos issued in it (tax included, like receivables)'),
      dso: z.string().nullable().describe('Days, one decimal (half up); null without credit sales'),
    }),
  ),
});
export type DsoReport = z.output<typeof dsoSchema>;

export const listOpenInvoicesQuery = pageQuery.extend({
  asOf: isoDate.optional().describe('Overdue means due before this day; default today (UTC)'),
  customerId: idOf('cus').optional(),
  entityId: idOf('ent').optional(),
  currency: currencyCode.optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only overdue invoices; false: only those not yet overdue'),
});
export type ListOpenInvoicesQuery = z.output<typeof listOpenInvoicesQuery>;

export const openInvoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  customerId: z.string(),
  entityId: z.string(),
  currency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  total: z.string(),
  amountPaid: z.string(),
  amountCredited: z.string(),
  amountDue: z.string(),
  paymentStatus: z.enum(['unpaid', 'partially_paid']),
  overdue: z.boolean().describe('Open and due before asOf'),
  daysPastDue: z.number().int().describe('0 when not yet due'),
});
export type OpenInvoice = z.output<typeof openInvoiceSchema>;
