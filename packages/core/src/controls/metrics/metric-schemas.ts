import { z } from 'zod';
import { idOf, isoDate } from '../../shared/schemas.ts';
import { countBuckets, MAX_BUCKETS } from './metric-buckets.ts';

/** Every metric with a series, as named in `/v1/metrics/{name}/series`. */
export const METRIC_NAMES = [
  'straight-through-rate',
  'cycle-time',
  'exception-rate',
  'approval-turnaround',
  'duplicates-prevented',
  'posting-failure-rate',
  'dso',
  'billing-accuracy',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

const period = {
  from: isoDate.describe('First day of the period (UTC), included'),
  to: isoDate.describe('Last day of the period (UTC), included'),
  entityId: idOf('ent').optional().describe('Only this legal entity (always narrowed further to the entities you may read)'),
};
const toNotBeforeFrom = (q: { from: string; to: string }) => q.from <= q.to;

export const metricsSummaryQuery = z
  .strictObject(period)
  .refine(toNotBeforeFrom, { path: ['to'], message: 'must not be before from' })
  .refine((q) => !toNotBeforeFrom(q) || countBuckets(q.from, q.to, 'day') <= 3_660, { path: ['to'], message: 'the period may be at most 3,660 days (ten years)' });
export type MetricsSummaryQuery = z.output<typeof metricsSummaryQuery>;

export const metricSeriesQuery = z
  .strictObject({ ...period, interval: z.enum(['day', 'week']).describe('Bucket size: UTC days, or ISO weeks (Monday–Sunday) clipped to the period') })
  .refine(toNotBeforeFrom, { path: ['to'], message: 'must not be before from' })
  .refine((q) => !toNotBeforeFrom(q) || countBuckets(q.from, q.to, q.interval) <= MAX_BUCKETS, {
    path: ['to'],
    message: `a series has at most ${MAX_BUCKETS} buckets: shorten the period or use interval=week`,
  });
export type MetricSeriesQuery = z.output<typeof metricSeriesQuery>;

export const metricNameParams = z.strictObject({ name: z.enum(METRIC_NAMES).describe('The metric') });

const rate = z.string().nullable().describe('A fraction between 0 and 1 as a decimal string with 4 places (half away from zero); null when the denominator is 0');
const seconds = z.number().int().nullable().describe('Whole seconds (interpolated percentile, rounded); null over no documents');
const count = z.number().int();

export const straightThroughSchema = z.object({
  reachedApproved: count.describe('Documents whose first transition into approved (or posted) is in the bucket'),
  straightThrough: count.describe('Of those, documents no person touched on the way (see docs/metrics.md)'),
  rate,
});
export type StraightThroughFigure = z.output<typeof straightThroughSchema>;

export const durationSchema = z.object({ documents: count, medianSeconds: seconds, p90Seconds: seconds });
export type DurationFigure = z.output<typeof durationSchema>;

export const CYCLE_STAGES = ['draft', 'validated', 'on_hold', 'pending_approval', 'approved', 'posting'] as const;

const cycleToSchema = durationSchema.extend({
  stages: z.record(z.string(), durationSchema).describe(`Time spent in each state before the end (${CYCLE_STAGES.join(', ')} always listed; others such as sent when visited); documents = those that spent time in it`),
});
export const cycleTimeSchema = z.object({
  toApproved: cycleToSchema.describe('From creation to the first transition into approved, for documents approved in the bucket'),
  toPosted: cycleToSchema.describe('From creation to the first transition into posted, for documents posted in the bucket'),
});
export type CycleTimeFigure = z.output<typeof cycleTimeSchema>;
export type CycleToFigure = z.output<typeof cycleToSchema>;

const exceptionBreakdown = z.object({ documents: count.describe('Documents of the cohort with at least one such exception'), exceptions: count, rate });
export const exceptionRateSchema = z.object({
  validated: count.describe('Documents first validated in the bucket (the cohort)'),
  withExceptions: count.describe('Of those, documents with at least one exception (raised at any time)'),
  exceptions: count.describe('Exceptions on the cohort'),
  rate,
  byCategory: z.record(z.string(), exceptionBreakdown),
  bySourceSystem: z.record(z.string(), exceptionBreakdown),
});
export type ExceptionRateFigure = z.output<typeof exceptionRateSchema>;

export const approvalTurnaroundSchema = z.object({
  requests: durationSchema.describe('Approval requests approved or rejected in the bucket: from the request to its final decision'),
  steps: durationSchema.describe('Approval steps approved or rejected in the bucket (not carried over): from the step opening to its decision'),
  stepsDecidedInTime: count.describe('Of those steps, the ones decided at or before their due time'),
  slaAdherence: rate.describe('stepsDecidedInTime ÷ steps.documents'),
  overdue: count.describe('Steps open and past their due time at the end of the bucket (or now, when the bucket ends later)'),
});
export type ApprovalTurnaroundFigure = z.output<typeof approvalTurnaroundSchema>;

export const duplicatesPreventedSchema = z.object({
  prevented: count.describe('usageEvents.duplicates + documents.prevented'),
  usageEvents: z.object({
    received: count.describe('Usage events judged for duplication (stored or refused as duplicates)'),
    duplicates: count.describe('Refused because the same (source, id) was already received'),
    rate,
  }),
  documents: z.object({
    validated: count.describe('Documents first validated in the bucket'),
    suspected: count.describe('Of those, documents with a duplicate exception'),
    prevented: count.describe('Of those, documents whose duplicate exception was resolved by voiding or crediting'),
    rate: rate.describe('prevented ÷ validated'),
  }),
});
export type DuplicatesPreventedFigure = z.output<typeof duplicatesPreventedSchema>;

export const postingFailureSchema = z.object({
  attempts: count.describe('Transitions into posting in the bucket'),
  failed: count.describe('Attempts whose next transition was posting → on_hold'),
  succeeded: count.describe('Attempts whose next transition was posting → posted'),
  inFlight: count.describe('Attempts with no answer yet'),
  rate: rate.describe('failed ÷ attempts'),
  postingFailureExceptions: count.describe('posting_failure exceptions raised in the bucket'),
});
export type PostingFailureFigure = z.output<typeof postingFailureSchema>;

export const dsoFigureSchema = z.object({
  days: count.describe('Days in the bucket, both ends included'),
  results: z.array(z.object({
    currency: z.string(),
    endingReceivables: z.string().describe('Open on invoices at the end of the bucket, decimal string in the currency'),
    creditSales: z.string().describe('Invoices issued in the bucket less credit memos issued in it, tax included'),
    dso: z.string().nullable().describe('Days, one decimal (half up); null without credit sales'),
  })).describe('Per currency; amounts in different currencies are never added'),
});
export type DsoFigure = z.output<typeof dsoFigureSchema>;

export const billingAccuracySchema = z.object({
  invoicesFinalized: count.describe('Invoices finalized in the bucket (including ones voided later)'),
  billingErrorCreditMemos: count.describe('Credit memos finalized in the bucket with a billing-error reason code, not void'),
  rate: rate.describe('billingErrorCreditMemos ÷ invoicesFinalized: the billing error rate'),
});
export type BillingAccuracyFigure = z.output<typeof billingAccuracySchema>;

const agingBuckets = { current: z.string(), days1To30: z.string(), days31To60: z.string(), days61To90: z.string(), over90: z.string(), total: z.string() };

export const metricsSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  entityId: z.string().nullable(),
  straightThrough: straightThroughSchema,
  cycleTime: cycleTimeSchema,
  exceptionRate: exceptionRateSchema,
  approvals: approvalTurnaroundSchema,
  duplicatesPrevented: duplicatesPreventedSchema,
  postingFailures: postingFailureSchema,
  dso: dsoFigureSchema,
  arAging: z.object({ asOf: z.string(), totals: z.array(z.object({ currency: z.string(), ...agingBuckets })) }).describe('AR aging on `to`, totals per currency'),
  billingAccuracy: billingAccuracySchema,
});
export type MetricsSummary = z.output<typeof metricsSummarySchema>;

const point = <T extends z.ZodRawShape>(figure: z.ZodObject<T>) => figure.extend({ start: z.string().describe('First day of the bucket'), end: z.string().describe('Last day of the bucket (included)') });

export const metricSeriesSchema = z.object({
  metric: z.enum(METRIC_NAMES),
  interval: z.enum(['day', 'week']),
  from: z.string(),
  to: z.string(),
  entityId: z.string().nullable(),
  points: z.array(z.union([
    point(straightThroughSchema),
    point(cycleTimeSchema),
    point(exceptionRateSchema),
    point(approvalTurnaroundSchema),
    point(duplicatesPreventedSchema),
    point(postingFailureSchema),
    point(dsoFigureSchema),
    point(billingAccuracySchema),
  ])).describe('One point per bucket, oldest first: start, end and the figure of the metric (the same fields as in the summary)'),
});
export type MetricSeries = z.output<typeof metricSeriesSchema>;

/** The figure each metric gives per bucket. */
export interface MetricFigures {
  'straight-through-rate': StraightThroughFigure;
  'cycle-time': CycleTimeFigure;
  'exception-rate': ExceptionRateFigure;
  'approval-turnaround': ApprovalTurnaroundFigure;
  'duplicates-prevented': DuplicatesPreventedFigure;
  'posting-failure-rate': PostingFailureFigure;
  dso: DsoFigure;
  'billing-accuracy': BillingAccuracyFigure;
}

/** A series of one metric, typed by its name. */
export interface MetricSeriesOf<N extends MetricName> extends Omit<MetricSeries, 'metric' | 'points'> {
  metric: N;
  points: ({ start: string; end: string } & MetricFigures[N])[];
}
