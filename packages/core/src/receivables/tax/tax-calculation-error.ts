import { AppError } from '../../errors/app-error.ts';

/** What the engine could not decide, echoed in the problem document. */
export interface TaxCalculationErrorDetails {
  /** JSON pointer of the input that made the decision impossible, e.g. `/seller/country`. */
  path: string;
  sellerCountry?: string;
  buyerCountry?: string;
  productTaxCategory?: string;
  lineId?: string;
}

/**
 * The engine cannot decide the tax of a line: an unsupported seller country, a buyer
 * location or product category the tables do not cover, a date before the tables start.
 * Code `validation_failed` (HTTP 422): the request is well-formed, but needs different input
 * (or a different engine) before an invoice can be taxed. Never replaced by a zero tax.
 *
 * `name` stays `AppError` so `isAppError` recognises it across module instances.
 */
export class TaxCalculationError extends AppError {
  readonly details: TaxCalculationErrorDetails;

  constructor(message: string, details: TaxCalculationErrorDetails) {
    const { path, ...context } = details;
    super('validation_failed', message, {
      issues: [{ path, message, code: 'tax_not_determinable' }],
      extensions: { tax: context },
    });
    this.details = details;
  }
}
