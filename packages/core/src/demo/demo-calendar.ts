import { addDays, addMonths } from '../receivables/schedule/local-dates.ts';

/**
 * The demo's fixed calendar. The demo does not follow the wall clock: contracts, usage and
 * FX rates are laid out around one fixed "today", so a seed reproduces the same rows on
 * any day and the CLI can bill a month that has data in it.
 *
 * "Today" is 2026-11-15: the FX window (`DEMO_FX_WINDOW`, May to October 2026) has rates
 * for every day of the month billed, and the month billed, October 2026, is over in every
 * time zone the customers live in.
 */
export const DEMO_TODAY = '2026-11-15';

/** The calendar month the demo is ready to bill (`invoiceops bill-run --period 2026-10`). */
export const DEMO_BILLING_PERIOD = '2026-10';

/** First day of {@link DEMO_BILLING_PERIOD} and of the month after it (exclusive end). */
export const DEMO_BILLING_MONTH = { first: `${DEMO_BILLING_PERIOD}-01`, next: addMonths(`${DEMO_BILLING_PERIOD}-01`, 1) } as const;

/**
 * Contracts start on a day of the twelve months before "today" and on or before the last
 * day of the billed month, so every contract is in force in that month and the first bill
 * run has something to bill for each of them.
 */
export const DEMO_CONTRACT_STARTS = { from: addMonths(DEMO_TODAY, -12), through: addDays(DEMO_BILLING_MONTH.next, -1) } as const;

/** The entity that piloted invoiceops billing: it has billed through it since {@link DEMO_PILOT_FIRST_PERIOD}. */
export const DEMO_PILOT_ENTITY = 'SG01';
export const DEMO_PILOT_FIRST_PERIOD = '2026-07';
/** Every other entity went live with this month. */
export const DEMO_GO_LIVE_PERIOD = '2026-09';

/** One bill run of the demo's past: the month, the entity it was limited to (null: all), and how many days before seeding it ran. */
export interface DemoHistoryRun {
  readonly period: string;
  readonly entityCode: string | null;
  readonly daysAgo: number;
}

/**
 * The demo's past, billed by the seed through the real pipeline with a clock that many days
 * before seeding: the pilot entity's July and August (before the controls were adopted, so
 * issued straight away), then every entity's September through the controls, whose
 * approvals were worked — or not — in the days after. The demo month
 * ({@link DEMO_BILLING_PERIOD}) is the caller's, billed at the time of seeding.
 */
export const DEMO_HISTORY_RUNS: readonly DemoHistoryRun[] = [
  { period: DEMO_PILOT_FIRST_PERIOD, entityCode: DEMO_PILOT_ENTITY, daysAgo: 70 },
  { period: '2026-08', entityCode: DEMO_PILOT_ENTITY, daysAgo: 40 },
  { period: DEMO_GO_LIVE_PERIOD, entityCode: null, daysAgo: 10 },
];

/** How many days before seeding the demo's controls (rule pack and approval policy) took effect. */
export const DEMO_CONTROLS_ADOPTED_DAYS_AGO = 35;

/**
 * The first month invoiceops billed for an entity: without history (`withHistory` false)
 * the demo month itself, as if the company went live with it.
 */
export function demoFirstBilledPeriod(entityCode: string, withHistory: boolean): string {
  if (!withHistory) return DEMO_BILLING_PERIOD;
  return entityCode === DEMO_PILOT_ENTITY ? DEMO_PILOT_FIRST_PERIOD : DEMO_GO_LIVE_PERIOD;
}
