/**
 * The default JSONata templates rendering a NetSuite REST record body from an
 * `ErpPostingDocument`. Amounts are decimal strings in the document and JSON numbers in
 * NetSuite: `$number()` is exact for amounts of a few decimals. Optional fields (due date,
 * PO number, product, segments) are left out rather than sent as null.
 */

/** The item sublist; department, class and location come from the line's segments when mapped. */
const ITEM_SUBLIST = `"item": {"items": [lines.{
    "item": item ? {"id": item},
    "quantity": $number(quantity),
    "rate": $number(unitPrice),
    "amount": $number(amount),
    "taxCode": {"id": taxCode},
    "description": description,
    "department": segments.department ? {"id": segments.department},
    "class": segments.class ? {"id": segments.class},
    "location": segments.location ? {"id": segments.location}
  }]}`;

/** `invoice` record (PUT /record/v1/invoice/eid:{externalId}). */
export const NETSUITE_INVOICE_TEMPLATE = `{
  "externalId": externalId,
  "entity": {"id": party},
  "subsidiary": {"id": company},
  "tranDate": postingDate,
  "dueDate": dueDate ? dueDate,
  "otherRefNum": poNumber ? poNumber,
  "memo": memo,
  "currency": {"refName": currency},
  ${ITEM_SUBLIST}
}`;

/** `creditMemo` record (PUT /record/v1/creditMemo/eid:{externalId}); a credit memo has no due date. */
export const NETSUITE_CREDIT_MEMO_TEMPLATE = `{
  "externalId": externalId,
  "entity": {"id": party},
  "subsidiary": {"id": company},
  "tranDate": postingDate,
  "otherRefNum": poNumber ? poNumber,
  "memo": memo,
  "currency": {"refName": currency},
  ${ITEM_SUBLIST}
}`;
