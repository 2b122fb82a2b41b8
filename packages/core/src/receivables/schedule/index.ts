/**
 * Billing schedules: local calendar dates, periods in the customer's time zone, and
 * proration by day. Rules are in docs/billing-rules.md.
 */
export {
  addDays,
  addMonths,
  assertLocalDate,
  clampedDate,
  daysBetween,
  daysInMonth,
  isLocalDate,
  localDateOf,
  localDateSchema,
  zonedStartOfDay,
  type LocalDate,
} from './local-dates.ts';
export {
  billingPeriods,
  billingScheduleSchema,
  periodContaining,
  type BillingAlignment,
  type BillingFrequency,
  type BillingPeriod,
  type BillingSchedule,
} from './billing-periods.ts';
export {
  amendmentProration,
  prorateAmount,
  prorationFactor,
  type AmendmentProration,
  type AmendmentProrationInput,
  type ProratablePeriod,
  type ProrationFactor,
  type ProrationLine,
  type ProrationLineInput,
} from './proration.ts';
