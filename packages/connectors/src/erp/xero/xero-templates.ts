/**
 * The default JSONata templates rendering a Xero Accounting API body from an
 * `ErpPostingDocument`. Amounts are decimal strings in the document and JSON numbers in
 * Xero: `$number()` is exact for amounts of a few decimals. Lines are net
 * (`LineAmountTypes: Exclusive`) and the document is approved on creation (`AUTHORISED`).
 * Optional fields (due date, PO number, product) are left out rather than sent as null;
 * segments become tracking categories (`{"Name": segment, "Option": value}`).
 */

const LINE_ITEMS = `"LineItems": [lines.{
      "Description": description,
      "Quantity": $number(quantity),
      "UnitAmount": $number(unitPrice),
      "ItemCode": item ? item,
      "AccountCode": account,
      "TaxType": taxCode,
      "LineAmount": $number(amount),
      "Tracking": $count($keys(segments)) > 0 ? [$each(segments, function($option, $name) { {"Name": $name, "Option": $option} })]
    }]`;

/** PUT /api.xro/2.0/Invoices: a sales invoice (ACCREC) numbered with our legal number. */
export const XERO_INVOICE_TEMPLATE = `{"Invoices": [{
    "Type": "ACCREC",
    "Contact": {"ContactID": party},
    "Date": postingDate,
    "DueDate": dueDate ? dueDate,
    "InvoiceNumber": documentNumber,
    "Reference": poNumber ? poNumber,
    "CurrencyCode": currency,
    "LineAmountTypes": "Exclusive",
    "Status": "AUTHORISED",
    ${LINE_ITEMS}
  }]}`;

/** PUT /api.xro/2.0/CreditNotes: a sales credit note (ACCRECCREDIT); credit notes have no due date. */
export const XERO_CREDIT_NOTE_TEMPLATE = `{"CreditNotes": [{
    "Type": "ACCRECCREDIT",
    "Contact": {"ContactID": party},
    "Date": postingDate,
    "CreditNoteNumber": documentNumber,
    "Reference": poNumber ? poNumber,
    "CurrencyCode": currency,
    "LineAmountTypes": "Exclusive",
    "Status": "AUTHORISED",
    ${LINE_ITEMS}
  }]}`;
