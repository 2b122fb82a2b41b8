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
