/** GL accounts an invoice posts to besides the revenue accounts of its lines. */
export interface InvoiceGlAccounts {
  receivable: string;
  taxPayable: string;
  deferredRevenue: string;
}

/** Default chart-of-accounts codes (override per entity once entity GL settings exist). */
export const DEFAULT_GL_ACCOUNTS: InvoiceGlAccounts = { receivable: '1100', taxPayable: '2200', deferredRevenue: '2300' };

export interface GlLineInput {
  id: string;
  amountMinor: bigint;
  taxMinor: bigint;
  revenueAccountCode: string;
  deferred: boolean;
  dimensions: Record<string, string>;
}

export interface GlEntry {
  invoiceLineId: string | null;
  accountCode: string;
  debitMinor: bigint;
  creditMinor: bigint;
  dimensions: Record<string, string>;
  memo: string;
}

function entry(accountCode: string, amount: bigint, side: 'debit' | 'credit', memo: string, lineId: string | null, dimensions: Record<string, string> = {}): GlEntry {
  // A negative amount on one side is a positive amount on the other.
  const debit = (side === 'debit') === amount >= 0n;
  const abs = amount < 0n ? -amount : amount;
  return { invoiceLineId: lineId, accountCode, debitMinor: debit ? abs : 0n, creditMinor: debit ? 0n : abs, dimensions, memo };
}

/**
 * The journal of an invoice: receivable debited with the total; each line's net credited
 * to its revenue account (or to deferred revenue for prepaid service recognised later),
 * with its dimensions; tax credited to tax payable. A credit memo is the mirror image.
 * Debits always equal credits, because the total is the sum of the rounded lines and taxes.
 */
export function distributeInvoice(kind: 'invoice' | 'credit_memo', lines: readonly GlLineInput[], accounts: InvoiceGlAccounts = DEFAULT_GL_ACCOUNTS): GlEntry[] {
  const sign = kind === 'invoice' ? 1n : -1n;
  const total = lines.reduce((sum, l) => sum + l.amountMinor + l.taxMinor, 0n);
  const tax = lines.reduce((sum, l) => sum + l.taxMinor, 0n);
  const entries: GlEntry[] = [entry(accounts.receivable, sign * total, 'debit', kind === 'invoice' ? 'Accounts receivable' : 'Credit memo: receivable reduced', null)];
  for (const line of lines) {
    if (line.amountMinor === 0n) continue;
    const account = line.deferred ? accounts.deferredRevenue : line.revenueAccountCode;
    entries.push(entry(account, sign * line.amountMinor, 'credit', line.deferred ? 'Deferred revenue (recognised ratably)' : 'Revenue', line.id, line.dimensions));
  }
  if (tax !== 0n) entries.push(entry(accounts.taxPayable, sign * tax, 'credit', 'Tax payable', null));
  return entries;
}
