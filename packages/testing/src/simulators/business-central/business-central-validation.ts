import type { SimResponse } from '../simulator-server.ts';
import { bcError, unknownValue } from './business-central-answers.ts';

/** The two sales document collections the simulator serves. */
export type SalesEntity = 'salesInvoices' | 'salesCreditMemos';

const COMMON_HEADER = [
  'id', 'number', 'externalDocumentNumber', 'postingDate', 'dueDate', 'customerId', 'customerNumber', 'customerName', 'billToName', 'billToCustomerId', 'billToCustomerNumber',
  'sellToAddressLine1', 'sellToAddressLine2', 'sellToCity', 'sellToCountry', 'sellToState', 'sellToPostCode', 'billToAddressLine1', 'billToAddressLine2', 'billToCity', 'billToCountry',
  'billToState', 'billToPostCode', 'shortcutDimension1Code', 'shortcutDimension2Code', 'currencyId', 'currencyCode', 'paymentTermsId', 'shipmentMethodId', 'salesperson',
  'pricesIncludeTax', 'discountAmount', 'discountAppliedBeforeTax', 'totalAmountExcludingTax', 'totalTaxAmount', 'totalAmountIncludingTax', 'status', 'lastModifiedDateTime', 'phoneNumber', 'email',
];

/** The properties API v2.0 documents per entity (resources/dynamics_salesinvoice.md, dynamics_salescreditmemo.md). */
const HEADER_PROPERTIES: Record<SalesEntity, ReadonlySet<string>> = {
  salesInvoices: new Set([...COMMON_HEADER, 'invoiceDate', 'customerPurchaseOrderReference', 'shipToName', 'shipToContact', 'shipToAddressLine1', 'shipToAddressLine2', 'shipToCity', 'shipToCountry', 'shipToState', 'shipToPostCode', 'orderId', 'orderNumber', 'remainingAmount']),
  salesCreditMemos: new Set([...COMMON_HEADER, 'creditMemoDate', 'invoiceId', 'invoiceNumber', 'customerReturnReasonId']),
};

const LINE_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'documentId', 'sequence', 'itemId', 'accountId', 'lineType', 'lineObjectNumber', 'description', 'unitOfMeasureId', 'unitOfMeasureCode', 'unitPrice', 'quantity', 'discountAmount',
  'discountPercent', 'discountAppliedBeforeTax', 'amountExcludingTax', 'taxCode', 'taxPercent', 'totalTaxAmount', 'amountIncludingTax', 'invoiceDiscountAllocation', 'netAmount', 'netTaxAmount',
  'netAmountIncludingTax', 'shipmentDate', 'itemVariantId', 'locationId',
]);

const LINE_TYPES = new Set(['Comment', 'Account', 'Item', 'Resource', 'Fixed Asset', 'Charge']);
const DATE_FIELDS = ['invoiceDate', 'creditMemoDate', 'postingDate', 'dueDate', 'shipmentDate'];
const DECIMAL_FIELDS = ['quantity', 'unitPrice', 'discountAmount', 'discountPercent'];
const TYPE_NAME: Record<SalesEntity, string> = { salesInvoices: 'salesInvoice', salesCreditMemos: 'salesCreditMemo' };
/** "External Document No." is Code[35]. */
const EXTERNAL_DOCUMENT_NUMBER_MAX = 35;

/** What the simulator treats as existing master data. */
export interface MasterData {
  /** Customer, item and account numbers that do not exist ("9999" by default). */
  readonly unknownNumbers: ReadonlySet<string>;
}

/** A validated body's fields, or the error answer. */
export type Checked = { readonly fields: Record<string, unknown>; readonly answer?: undefined } | { readonly answer: SimResponse };

const refuse = (answer: SimResponse): Checked => ({ answer });

/** The OData layer's checks (an object, known properties, typed values) shared by headers and lines. */
function checkShape(body: unknown, known: ReadonlySet<string>, typeName: string): Checked {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(bcError(400, 'BadRequest', 'The request body is not a JSON object.'));
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !known.has(key) && !key.startsWith('@odata.'));
  if (unknown) return refuse(bcError(400, 'BadRequest', `The property '${unknown}' does not exist on type 'Microsoft.NAV.${typeName}'. Make sure to only use property names that are defined by the type.`));
  for (const field of DATE_FIELDS) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) return refuse(bcError(400, 'BadRequest', `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Date'.`));
  }
  for (const field of DECIMAL_FIELDS) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return refuse(bcError(400, 'BadRequest', `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Decimal'.`));
  }
  return { fields };
}

/** Validates a header POST; returns the fields to store, or the error answer. */
export function validateHeader(entity: SalesEntity, body: unknown, master: MasterData): Checked {
  const checked = checkShape(body, HEADER_PROPERTIES[entity], TYPE_NAME[entity]);
  if (checked.answer) return checked;
  const { fields } = checked;
  const table = 'Sales Header';
  const customer = fields.customerNumber;
  if (typeof customer !== 'string' || customer.trim() === '') {
    return refuse(bcError(400, 'Application_FieldValidationException', `Sell-to Customer No. must have a value in ${table}: Document Type=${entity === 'salesInvoices' ? 'Invoice' : 'Credit Memo'}, No.=. It cannot be zero or empty.`));
  }
  if (master.unknownNumbers.has(customer)) return refuse(unknownValue('Sell-to Customer No.', table, customer, 'Customer'));
  const external = fields.externalDocumentNumber;
  if (external !== undefined && typeof external !== 'string') return refuse(bcError(400, 'BadRequest', `Cannot convert the literal '${String(external)}' to the expected type 'Edm.String'.`));
  if (typeof external === 'string' && external.length > EXTERNAL_DOCUMENT_NUMBER_MAX) {
    return refuse(bcError(400, 'Application_StringExceededLength', `The length of the string is ${external.length}, but it must be less than or equal to ${EXTERNAL_DOCUMENT_NUMBER_MAX} characters. Value: ${external}`));
  }
  return { fields };
}

/** Validates a line POST; returns the fields to store, or the error answer. */
export function validateLine(entity: SalesEntity, body: unknown, master: MasterData): Checked {
  const checked = checkShape(body, LINE_PROPERTIES, `${TYPE_NAME[entity]}Line`);
  if (checked.answer) return checked;
  const { fields } = checked;
  const lineType = fields.lineType ?? 'Comment';
  if (typeof lineType !== 'string' || !LINE_TYPES.has(lineType)) return refuse(bcError(400, 'BadRequest', `The value '${String(lineType)}' is not valid for lineType.`));
  const number = fields.lineObjectNumber;
  if (lineType !== 'Comment' && (typeof number !== 'string' || number === '')) return refuse(bcError(400, 'Application_FieldValidationException', `No. must have a value in Sales Line: Type=${lineType}. It cannot be zero or empty.`));
  if (typeof number === 'string' && master.unknownNumbers.has(number)) {
    return refuse(unknownValue('No.', 'Sales Line', number, lineType === 'Account' ? 'G/L Account' : lineType));
  }
  return { fields };
}
