import { TaxCalculationError, type TaxLineDecision, type TaxRequest, type TaxRequestLine } from '@invoiceops/core';

/**
 * What a rule decides for one line, before amounts: where, which code and category, which
 * rate (on which portion), and why. The engine turns it into a `TaxLineDecision`.
 */
export interface TaxTreatment {
  readonly jurisdiction: string;
  readonly taxCode: string;
  readonly vatCategory: TaxLineDecision['vatCategory'];
  /** Percent as a decimal string. */
  readonly rate: string;
  /** Percent of the net that is taxable; absent means 100. */
  readonly taxablePortion?: string;
  readonly rule: string;
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
  /** Legal wording the invoice must print once (e.g. the reverse-charge statement). */
  readonly note?: string;
}

/** The line being decided, with its document. */
export interface LineContext {
  readonly request: TaxRequest;
  readonly line: TaxRequestLine;
  readonly index: number;
}

/** The rules of one tax regime (the seller's country decides which). */
export type RegimeRules = (context: LineContext) => TaxTreatment;

/** A `TaxCalculationError` for a line the tables do not cover, naming who and what. */
export function notCovered(context: LineContext, message: string, path: string): TaxCalculationError {
  const { request, line } = context;
  return new TaxCalculationError(`line ${line.lineId}: ${message}`, {
    path,
    sellerCountry: request.seller.country,
    buyerCountry: request.buyer.country,
    productTaxCategory: line.productTaxCategory,
    lineId: line.lineId,
  });
}

/** A zero-rate treatment (E, O, Z, AE) with its reason; zero-rated categories always carry one. */
export function zeroRated(
  fields: Omit<TaxTreatment, 'rate' | 'exemptionReason'> & { exemptionReason: string },
): TaxTreatment {
  return { ...fields, rate: '0' };
}
