import { z } from 'zod';
import { LINE_KINDS } from './contract-schemas.ts';

/** `GET /v1/contracts/{id}/schedule` query. */
export const contractScheduleQuery = z.strictObject({
  periods: z.coerce.number().int().min(1).max(36).default(12).describe('How many billing periods to show per line (1–36)'),
});

export const SCHEDULE_ENTRY_KINDS = ['recurring', 'proration_charge', 'proration_credit', 'one_time', 'milestone', 'usage'] as const;

/** One thing a future bill run will bill for a line. */
export const scheduleEntrySchema = z.object({
  kind: z.enum(SCHEDULE_ENTRY_KINDS),
  description: z.string(),
  serviceStart: z.string().describe("First day of service, in the customer's time zone"),
  serviceEnd: z.string().describe('First day after the service (exclusive)'),
  billRunPeriod: z.string().describe('The bill run (month, YYYY-MM) that bills it'),
  billingDate: z.string().describe('First day it can be billed: the period start in advance, the day after it in arrears'),
  quantity: z.string().nullable(),
  amount: z.string().nullable().describe('Decimal string in the contract currency; null for usage, which is rated in arrears from the period’s usage'),
});

/** A contract line (all its versions) and what future bill runs will bill for it. */
export const scheduleLineSchema = z.object({
  key: z.string(),
  kind: z.enum(LINE_KINDS),
  productId: z.string(),
  productName: z.string(),
  metricCode: z.string().nullable(),
  basis: z.enum(['in_advance', 'in_arrears', 'per_usage', 'commitment', 'one_time', 'milestone']).describe('How the line is billed'),
  note: z.string().nullable().describe('Why the line has no entries, or how its amount is decided'),
  entries: z.array(scheduleEntrySchema),
});

export const contractScheduleSchema = z.object({
  contractId: z.string(),
  currency: z.string(),
  timeZone: z.string().describe("The customer's time zone: every date is a local date there"),
  asOf: z.string().describe("Today in the customer's time zone"),
  billingFrequency: z.string(),
  billingTiming: z.string(),
  termEnd: z.string().describe('First day after the term (exclusive)'),
  autoRenew: z.boolean(),
  lines: z.array(scheduleLineSchema),
  billRuns: z
    .array(z.object({ period: z.string(), amount: z.string() }))
    .describe('Known amounts per bill run (usage and commitment true-ups come on top), in order'),
});

/** `GET /v1/contracts/{id}/amendments`: who changed what, from when. */
export const contractAmendmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['change_quantity', 'change_price', 'change_plan', 'add_line', 'remove_line', 'cancel']),
  effectiveDate: z.string(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).describe('The amendment as it was requested'),
  actor: z.string(),
  actorName: z.string().describe('The user (or API key and its user) who amended, or "system"'),
  createdAt: z.string(),
});

export type ContractScheduleQuery = z.output<typeof contractScheduleQuery>;
export type ScheduleEntry = z.output<typeof scheduleEntrySchema>;
export type ScheduleLine = z.output<typeof scheduleLineSchema>;
export type ContractSchedule = z.output<typeof contractScheduleSchema>;
export type ContractAmendment = z.output<typeof contractAmendmentSchema>;
