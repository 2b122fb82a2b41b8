import { TaxCalculationError } from '@invoiceops/core';

/**
 * One step of a rate history: `rate` applies from `from` (inclusive, `YYYY-MM-DD`) until the
 * next step's `from`. Steps are listed oldest first, so periods can neither overlap nor leave
 * gaps; the first step's `from` is where the table's knowledge starts.
 */
export interface RateStep {
  readonly from: string;
  /** Percent as a decimal string. */
  readonly rate: string;
}

/**
 * The step in force on `date` (ISO dates compare correctly as text). Throws
 * `TaxCalculationError` for a date before the first step: the tables do not know that rate,
 * and guessing today's rate for an old document would be a silent error.
 */
export function stepOn<T extends { readonly from: string }>(steps: readonly T[], date: string, what: string): T {
  let found: T | undefined;
  for (const step of steps) {
    if (step.from <= date) found = step;
    else break;
  }
  if (found === undefined) {
    throw new TaxCalculationError(
      `the built-in tax tables have no ${what} before ${steps[0]?.from ?? 'any date'}; document date ${date} needs another engine or a later date`,
      { path: '/documentDate' },
    );
  }
  return found;
}

/** The rate in force on `date`; see {@link stepOn}. */
export function rateOn(steps: readonly RateStep[], date: string, what: string): string {
  return stepOn(steps, date, what).rate;
}
