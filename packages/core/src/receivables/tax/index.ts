/**
 * Tax: the `TaxEngine` port that connectors implement, and the pure helpers every engine and
 * the invoice use (per-line tax rounding, totals, the EN 16931 tax breakdown).
 */
export type {
  TaxBuyer, TaxEngine, TaxLineDecision, TaxRequest, TaxRequestLine, TaxResult, TaxSeller,
} from './tax-engine.ts';
export { TaxCalculationError, type TaxCalculationErrorDetails } from './tax-calculation-error.ts';
export { calculateLineTax, normalizePercent, taxablePortionOf, type LineTaxInput } from './line-tax.ts';
export { sumTaxLines, taxSummaryByRate, type TaxSummaryRow } from './tax-summary.ts';
export { taxRequestSchema, validateTaxRequest } from './validate-tax-request.ts';
