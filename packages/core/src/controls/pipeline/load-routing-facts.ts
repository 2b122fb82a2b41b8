import { createHash } from 'node:crypto';
import { convertMoney } from '../../money/fx.ts';
import { assertRoundingMode } from '../../money/rounding.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import type { DocumentHeaderRow, DocumentLineRow, EntityRow } from './load-document-rows.ts';

/**
 * sha256 (hex) over the currency, the total and each line's product, quantity, unit price
 * and amount in line order: what an approver approved. Quantities and prices are compared
 * as written without trailing zeros, so `10` and `10.000000` hash alike.
 */
export function documentContentHash(currency: string, totalMinor: bigint, lines: readonly DocumentLineRow[]): string {
  const canonical = JSON.stringify([
    currency,
    totalMinor.toString(),
    lines.map((l) => [l.productId ?? '', trimDecimal(l.quantity), l.unitPrice === null ? '' : trimDecimal(l.unitPrice), l.amountMinor.toString()]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/**
 * The line dimension `key` (`department`, `cost_center`) of the largest line (by absolute amount; the first in line
 * order on a tie) among the lines that carry it, or null when none does.
 */
export function dimensionOfLargestLine(lines: readonly DocumentLineRow[], key: 'department' | 'costCenter'): string | null {
  let best: DocumentLineRow | undefined;
  for (const line of lines) {
    const value = line[key];
    if (value === null || value === '') continue;
    if (!best || abs(line.amountMinor) > abs(best.amountMinor)) best = line;
  }
  return best ? best[key] : null;
}

/**
 * Routing facts of one document (pure). `rate` converts the document currency into the
 * entity's functional currency (units of functional per one document unit); the absolute
 * total is converted exactly and rounded once with the entity's rounding mode.
 */
export function routingFactsOf(header: DocumentHeaderRow, entity: EntityRow, lines: readonly DocumentLineRow[], rate: string): RoutingFacts {
  const mode = entity.roundingMode;
  assertRoundingMode(mode);
  const functional = convertMoney({ amount: abs(header.totalMinor), currency: header.currency }, rate, entity.functionalCurrency, mode);
  return {
    documentType: header.kind,
    documentId: header.id,
    entityId: header.entityId,
    functionalAmountMinor: functional.amount,
    functionalCurrency: entity.functionalCurrency,
    department: dimensionOfLargestLine(lines, 'department'),
    costCenter: dimensionOfLargestLine(lines, 'costCenter'),
    segment: header.customerSegment === '' ? null : header.customerSegment,
    createdBy: header.createdBy ?? header.billRunActor ?? 'system',
    contentHash: documentContentHash(header.currency, header.totalMinor, lines),
  };
}
