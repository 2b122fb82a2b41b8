/**
 * What the builder reads about one issued document, as plain rows (money in minor units of
 * the document currency, numeric columns as their text): the input of the pure translator.
 */
export interface ErpPostingSource {
  readonly document: {
    readonly id: string;
    readonly kind: 'invoice' | 'credit_memo';
    readonly number: string | null;
    readonly entityId: string;
    readonly customerId: string;
    readonly currency: string;
    /** YYYY-MM-DD. */
    readonly issueDate: string;
    readonly dueDate: string | null;
    readonly poNumber: string | null;
    readonly subtotalMinor: bigint;
    readonly taxMinor: bigint;
    readonly totalMinor: bigint;
  };
  /** In line order. */
  readonly lines: readonly {
    readonly id: string;
    readonly lineNo: number;
    readonly description: string;
    readonly productId: string | null;
    /** numeric text, e.g. `10.000000000000`. */
    readonly quantity: string;
    /** numeric text in major units, or null (a line priced otherwise: percentage fees, partial credits). */
    readonly unitPrice: string | null;
    readonly amountMinor: bigint;
    readonly taxCode: string;
    readonly taxMinor: bigint;
    readonly revenueAccountCode: string;
    readonly dimensions: Readonly<Record<string, string>>;
  }[];
  /** The GL distribution written when the document was drafted, in write order. */
  readonly gl: readonly {
    readonly invoiceLineId: string | null;
    readonly accountCode: string;
    readonly debitMinor: bigint;
    readonly creditMinor: bigint;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly memo: string;
  }[];
  /** The ERP's ids recorded in `external_ids` (system `erp:<connection>`), by our id. */
  readonly externalIds: {
    readonly customers: ReadonlyMap<string, string>;
    readonly products: ReadonlyMap<string, string>;
  };
}
