/**
 * The default JSONata templates of the Oracle Fusion connector: an `ErpPostingDocument` in,
 * the documented `receivablesInvoices` / `receivablesCreditMemos` body out.
 *
 * - `TransactionNumber` is our document number: Oracle keeps it unique per transaction
 *   source, and the connector looks it up before creating;
 * - `BusinessUnit` is the document's company and `TransactionSource` "Manual-NES"; the
 *   connection's `businessUnit` and `transactionSource` settings, when set, win;
 * - lines carry net unit prices and Oracle's tax classification code (Oracle computes the
 *   tax), the inventory item when the line has one, and a memo line when the mapping gives
 *   the line a `memoLine` segment. A credit memo credits with negative unit prices and a
 *   positive quantity, as Oracle's examples do;
 * - `PaymentTerms` is left out: Oracle takes the customer's default terms (add
 *   `"PaymentTerms": "30 Net"` to a customised template to force them).
 */
const invoiceTemplate = `{
  "BusinessUnit": company,
  "TransactionSource": "Manual-NES",
  "TransactionType": "Invoice",
  "TransactionNumber": documentNumber,
  "BillToCustomerNumber": party,
  "TransactionDate": postingDate,
  "InvoiceCurrencyCode": currency,
  "PurchaseOrder": poNumber ? poNumber,
  "receivablesInvoiceLines": [lines.{
    "LineNumber": lineNo,
    "Description": $substring(description, 0, 240),
    "Quantity": $number(quantity),
    "UnitSellingPrice": $number(unitPrice),
    "TaxClassificationCode": taxCode ? taxCode,
    "ItemNumber": item ? item,
    "MemoLineName": segments.memoLine
  }]
}`;

const creditMemoTemplate = `{
  "BusinessUnit": company,
  "TransactionSource": "Manual-NES",
  "TransactionType": "Credit Memo",
  "TransactionNumber": documentNumber,
  "BillToCustomerNumber": party,
  "TransactionDate": postingDate,
  "CreditMemoCurrency": currency,
  "receivablesCreditMemoLines": [lines.{
    "LineNumber": lineNo,
    "LineDescription": $substring(description, 0, 240),
    "LineQuantityCredit": $abs($number(quantity)),
    "UnitSellingPrice": -$abs($number(unitPrice)),
    "TaxClassificationCode": taxCode ? taxCode,
    "ItemNumber": item ? item,
    "MemoLineName": segments.memoLine
  }]
}`;

/** The Oracle Fusion connector's default templates. */
export const ORACLE_DEFAULT_TEMPLATES = { invoice: invoiceTemplate, credit_memo: creditMemoTemplate } as const;
