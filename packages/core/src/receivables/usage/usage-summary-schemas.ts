import { z } from 'zod';
import { idOf } from '../../shared/schemas.ts';
import { AGGREGATIONS } from './billable-metric-schemas.ts';

/** `GET /v1/usage/summary` query: one customer, one calendar month. */
export const usageSummaryQuery = z.strictObject({
  customerId: idOf('cus'),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, such as 2026-10')
    .describe("A calendar month in the customer's time zone; each metric is measured over its billing period in that month"),
});

/** One billable metric of the customer in the period, against its entitlement. */
export const metricUsageSchema = z.object({
  metricCode: z.string(),
  metricName: z.string(),
  unit: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  periodStart: z.string().describe('The billing period measured (local dates): the one that starts in the month, else the one in force on its first day; cut to the days the line is in force'),
  periodEnd: z.string().describe('First day after the period (exclusive)'),
  from: z.string().describe('periodStart as an instant'),
  to: z.string().describe('periodEnd as an instant (exclusive)'),
  quantity: z.string().describe('Accepted usage aggregated the way the metric says (sum, count, max, unique_count, latest); held events do not count'),
  included: z.string().nullable().describe('Units included per period by the contract line in force (included_allowance); null without an allowance'),
  overage: z.string().nullable().describe('quantity beyond included (0 within it); null without an allowance'),
  entitlement: z.enum(['hard', 'soft']).nullable().describe('hard: usage beyond it is held for review (overage: review); soft: billed at the overage price'),
  contractId: z.string().nullable().describe('null: no contract line rates this metric in the month (its events are held)'),
  contractNumber: z.string().nullable(),
  lineKey: z.string().nullable(),
  chargeModel: z.string().nullable(),
  acceptedEvents: z.number().int(),
  flaggedEvents: z.number().int().describe('Events held for review (flagged), not billed'),
});

export const usageSummarySchema = z.object({
  customerId: z.string(),
  entityId: z.string(),
  period: z.string(),
  timeZone: z.string(),
  periodStart: z.string().describe('First day measured (the month, widened to the metrics’ billing periods), a local date'),
  periodEnd: z.string().describe('First day after the last day measured (exclusive)'),
  from: z.string().describe('periodStart as an instant'),
  to: z.string().describe('periodEnd as an instant (exclusive)'),
  metrics: z.array(metricUsageSchema),
  flaggedEvents: z.number().int(),
});

export type UsageSummaryQuery = z.output<typeof usageSummaryQuery>;
export type MetricUsage = z.output<typeof metricUsageSchema>;
export type UsageSummary = z.output<typeof usageSummarySchema>;
