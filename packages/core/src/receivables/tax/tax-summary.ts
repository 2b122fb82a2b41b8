import type { VatCategory } from '../../master-data/tax-codes/tax-code-schemas.ts';
import { normalizePercent } from './line-tax.ts';
import type { TaxLineDecision } from './tax-engine.ts';

/*
 * Rounding choice, stated once: tax is rounded PER LINE, and every total is a sum of rounded
 * line taxes. The invoice tax total and each breakdown row are therefore exactly the sum of
 * what the lines show, a credit memo for some lines reverses exactly their tax, and the GL
 * tax posting equals the invoice. The price is that a breakdown row can differ by a few minor
 * units from `round(row taxable amount × rate)` (two lines of 10.50 EUR at 19 % are
 * 2.00 + 2.00 = 4.00, while 21.00 × 19 % = 3.99). EN 16931 BR-CO-17 compares exactly that;
 * the current CEN validation artefacts accept a difference below one currency unit, older
 * releases required an exact match.
 */

/** Invoice tax total: the sum of the per-line rounded taxes, never a re-rounded exact sum. */
export function sumTaxLines(lines: readonly Pick<TaxLineDecision, 'taxAmount'>[]): bigint {
  let total = 0n;
  for (const line of lines) total += line.taxAmount;
  return total;
}

/** One row of the invoice's tax breakdown (EN 16931 BG-23). */
export interface TaxSummaryRow {
  /** BT-118 */
  readonly vatCategory: VatCategory;
  /** BT-119, canonical percent text ("19", "25.5", "0"). */
  readonly rate: string;
  /** BT-116: sum of the lines' taxable amounts. */
  readonly taxableAmount: bigint;
  /** BT-117: sum of the lines' rounded taxes (see the rounding choice above). */
  readonly taxAmount: bigint;
  /** BT-120 / BT-121 of the first line in the row that has one. */
  readonly exemptionReason?: string;
  readonly exemptionReasonCode?: string;
  /** Jurisdictions merged into the row; more than one flags mixed-jurisdiction invoices. */
  readonly jurisdictions: readonly string[];
  readonly lineIds: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Groups line decisions by (VAT category, rate) in order of first appearance, summing the
 * lines' taxable amounts and rounded taxes. Rates compare by value ("19" = "19.00").
 */
export function taxSummaryByRate(lines: readonly TaxLineDecision[]): TaxSummaryRow[] {
  const rows = new Map<string, Mutable<TaxSummaryRow> & { jurisdictions: string[]; lineIds: string[] }>();
  for (const line of lines) {
    const rate = normalizePercent(line.rate, `/lines/${line.lineId}/rate`);
    const key = `${line.vatCategory}|${rate}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { vatCategory: line.vatCategory, rate, taxableAmount: 0n, taxAmount: 0n, jurisdictions: [], lineIds: [] };
      rows.set(key, row);
    }
    row.taxableAmount += line.taxableAmount;
    row.taxAmount += line.taxAmount;
    row.lineIds.push(line.lineId);
    if (!row.jurisdictions.includes(line.jurisdiction)) row.jurisdictions.push(line.jurisdiction);
    if (row.exemptionReason === undefined && line.exemptionReason !== undefined) row.exemptionReason = line.exemptionReason;
    if (row.exemptionReasonCode === undefined && line.exemptionReasonCode !== undefined) row.exemptionReasonCode = line.exemptionReasonCode;
  }
  return [...rows.values()];
}
