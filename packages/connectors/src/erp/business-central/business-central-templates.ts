/**
 * The default JSONata templates of the Business Central connector: they render, from an
 * `ErpPostingDocument`, the `{header, lines}` body the connector sends as one document
 * header (`POST salesInvoices` / `salesCreditMemos`) and one POST per line.
 *
 * Why these choices:
 * - `externalDocumentNumber` is our legal document number: Business Central stores it in
 *   "External Document No.", a Code[35] field (upper-cased, at most 35 characters), which
 *   our external id (`invoiceops-invoice-inv_…`, ~50 characters) does not fit. The
 *   connector looks documents up by exactly this rendered value, so exactly-once holds
 *   for whatever a custom template puts here, as long as it is stable per document.
 * - amounts are decimal strings in the posting document; the API takes JSON numbers;
 * - `postingDate` is sent beside the document date so the ledger date is ours, not the
 *   ERP's work date;
 * - null fields (`dueDate`, `poNumber`) are left out rather than sent as null (a JSONata
 *   condition without an else branch yields nothing, and the key disappears);
 * - a line without an item posts to its revenue account (`lineType` "Account");
 * - credit memos have no `customerPurchaseOrderReference` property in API v2.0.
 */
export const businessCentralTemplates: Readonly<{ invoice: string; credit_memo: string }> = {
  invoice: `{
  "header": {
    "customerNumber": party,
    "invoiceDate": postingDate,
    "postingDate": postingDate,
    "dueDate": dueDate ? dueDate,
    "externalDocumentNumber": documentNumber,
    "currencyCode": currency,
    "customerPurchaseOrderReference": poNumber ? poNumber
  },
  "lines": [lines.{
    "lineType": item ? "Item" : "Account",
    "lineObjectNumber": item ? item : account,
    "description": description,
    "quantity": $number(quantity),
    "unitPrice": $number(unitPrice),
    "taxCode": taxCode
  }]
}`,
  credit_memo: `{
  "header": {
    "customerNumber": party,
    "creditMemoDate": postingDate,
    "postingDate": postingDate,
    "dueDate": dueDate ? dueDate,
    "externalDocumentNumber": documentNumber,
    "currencyCode": currency
  },
  "lines": [lines.{
    "lineType": item ? "Item" : "Account",
    "lineObjectNumber": item ? item : account,
    "description": description,
    "quantity": $number(quantity),
    "unitPrice": $number(unitPrice),
    "taxCode": taxCode
  }]
}`,
};
