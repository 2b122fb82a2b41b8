/** An invoice that can take money, with what is still due on it (minor units). */
export interface OpenItem {
  invoiceId: string;
  dueMinor: bigint;
}

/** Money put on one invoice. */
export interface Allocation {
  invoiceId: string;
  amountMinor: bigint;
}

/**
 * Spreads `amountMinor` over `items` in the order given, never more than an item's amount
 * due; items with nothing due are skipped. What does not fit is the remainder (it becomes
 * the customer's credit balance). Pure: the caller decides the order (the customer's list,
 * or oldest due date first).
 */
export function allocatePayment(amountMinor: bigint, items: readonly OpenItem[]): { allocations: Allocation[]; remainderMinor: bigint } {
  if (amountMinor < 0n) throw new RangeError('allocatePayment: amount must not be negative');
  const allocations: Allocation[] = [];
  let left = amountMinor;
  for (const item of items) {
    if (left === 0n) break;
    if (item.dueMinor <= 0n) continue;
    const take = item.dueMinor < left ? item.dueMinor : left;
    allocations.push({ invoiceId: item.invoiceId, amountMinor: take });
    left -= take;
  }
  return { allocations, remainderMinor: left };
}

/** The smaller of two bigints. */
export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
