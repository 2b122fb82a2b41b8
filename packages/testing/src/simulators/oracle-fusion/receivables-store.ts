/** The two Receivables resources the simulator serves. */
export type SimReceivablesResource = 'receivablesInvoices' | 'receivablesCreditMemos';

/** A transaction the simulator created (one per `records()` entry). */
export interface SimReceivablesTransaction {
  readonly resource: SimReceivablesResource;
  readonly CustomerTransactionId: number;
  readonly TransactionNumber: string;
  readonly BusinessUnit: string;
  readonly TransactionSource: string;
  readonly TransactionType: string;
  readonly TransactionDate: string;
  readonly BillToCustomerNumber: string;
  readonly currency: string;
  readonly PurchaseOrder?: string;
  /** The sum of quantity × unit selling price, before tax (negative for a credit memo). */
  readonly EnteredAmount: number;
  readonly lines: ReadonlyArray<Record<string, unknown>>;
}

/** The Receivables resources' master data. */
export interface ReceivablesMasterData {
  readonly businessUnits: readonly string[];
  readonly transactionSources: readonly string[];
  readonly unknownCustomers: readonly string[];
}

/** A created transaction as Oracle answers it (the resource item with its attributes). */
export function transactionResource(transaction: SimReceivablesTransaction, withLinks: boolean): Record<string, unknown> {
  const { resource, currency, lines, ...attributes } = transaction;
  const currencyField = resource === 'receivablesInvoices' ? 'InvoiceCurrencyCode' : 'CreditMemoCurrency';
  const linesField = resource === 'receivablesInvoices' ? 'receivablesInvoiceLines' : 'receivablesCreditMemoLines';
  const item: Record<string, unknown> = { ...attributes, [currencyField]: currency, [linesField]: lines };
  if (withLinks) item.links = [{ rel: 'self', href: `/fscmRestApi/resources/11.13.18.05/${resource}/${transaction.CustomerTransactionId}`, name: resource, kind: 'item' }];
  return item;
}
