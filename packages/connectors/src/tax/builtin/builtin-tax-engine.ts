import {
  calculateLineTax, sumTaxLines, taxablePortionOf, validateTaxRequest,
  type TaxEngine, type TaxLineDecision, type TaxRequest, type TaxResult,
} from '@invoiceops/core';
import { decideLineTax, regimeFor } from './decide-line-tax.ts';
import { TAX_TABLE_VERSION } from './table-version.ts';

export const BUILTIN_TAX_ENGINE_NAME = 'builtin';

/**
 * Decides every line of a document from the built-in tables: synchronous and pure (same
 * request, same result), so bill runs can call it for thousands of invoices without I/O.
 * Each line's tax is rounded once, the total is the sum of the lines, and each distinct legal
 * note appears once, in line order.
 */
export function calculateBuiltinTax(request: TaxRequest): TaxResult {
  validateTaxRequest(request);
  const regime = regimeFor(request.seller.country, request.buyer.country);
  const notes: string[] = [];
  const lines = request.lines.map((line, index): TaxLineDecision => {
    const treatment = decideLineTax(regime, { request, line, index });
    if (treatment.note !== undefined && !notes.includes(treatment.note)) notes.push(treatment.note);
    const portion = treatment.taxablePortion ?? '100';
    return {
      lineId: line.lineId,
      jurisdiction: treatment.jurisdiction,
      taxCode: treatment.taxCode,
      vatCategory: treatment.vatCategory,
      rate: treatment.rate,
      taxableAmount: taxablePortionOf(line.amount, request.currency, portion, request.roundingMode),
      taxAmount: calculateLineTax({
        amount: line.amount,
        currency: request.currency,
        ratePercent: treatment.rate,
        taxablePortionPercent: portion,
        roundingMode: request.roundingMode,
      }),
      rule: treatment.rule,
      tableVersion: TAX_TABLE_VERSION,
      ...(treatment.exemptionReason === undefined ? {} : { exemptionReason: treatment.exemptionReason }),
      ...(treatment.exemptionReasonCode === undefined ? {} : { exemptionReasonCode: treatment.exemptionReasonCode }),
    };
  });
  return {
    engine: { name: BUILTIN_TAX_ENGINE_NAME, version: TAX_TABLE_VERSION },
    lines,
    totals: { taxAmount: sumTaxLines(lines) },
    notes,
  };
}

/**
 * The data-table engine behind the `TaxEngine` port. Its version is the table version: code
 * and tables ship together, so one number identifies what decided.
 */
export class BuiltinTaxEngine implements TaxEngine {
  readonly name = BUILTIN_TAX_ENGINE_NAME;
  readonly version = TAX_TABLE_VERSION;

  async calculate(request: TaxRequest): Promise<TaxResult> {
    return calculateBuiltinTax(request);
  }
}
