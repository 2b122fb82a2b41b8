import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { frameworkError, plainTextError } from './oracle-answers.ts';
import { transactionResource, type ReceivablesMasterData, type SimReceivablesResource, type SimReceivablesTransaction } from './receivables-store.ts';

interface ResourceShape {
  readonly transactionType: string;
  readonly currency: string;
  readonly lines: string;
  readonly description: string;
  readonly quantity: string;
  readonly header: ReadonlySet<string>;
  readonly line: ReadonlySet<string>;
}

const COMMON_HEADER = ['BusinessUnit', 'TransactionSource', 'TransactionType', 'TransactionNumber', 'BillToCustomerNumber', 'BillToSite', 'TransactionDate', 'AccountingDate', 'PaymentTerms', 'Comments', 'LegalEntityIdentifier'];
const COMMON_LINE = ['LineNumber', 'UnitSellingPrice', 'TaxClassificationCode', 'ItemNumber', 'MemoLineName', 'UnitOfMeasure'];

const SHAPES: Record<SimReceivablesResource, ResourceShape> = {
  receivablesInvoices: {
    transactionType: 'Invoice',
    currency: 'InvoiceCurrencyCode',
    lines: 'receivablesInvoiceLines',
    description: 'Description',
    quantity: 'Quantity',
    header: new Set([...COMMON_HEADER, 'InvoiceCurrencyCode', 'PurchaseOrder', 'DueDate', 'receivablesInvoiceLines']),
    line: new Set([...COMMON_LINE, 'Description', 'Quantity']),
  },
  receivablesCreditMemos: {
    transactionType: 'Credit Memo',
    currency: 'CreditMemoCurrency',
    lines: 'receivablesCreditMemoLines',
    description: 'LineDescription',
    quantity: 'LineQuantityCredit',
    header: new Set([...COMMON_HEADER, 'CreditMemoCurrency', 'CreditMemoComments', 'CreditReason', 'receivablesCreditMemoLines']),
    line: new Set([...COMMON_LINE, 'LineDescription', 'LineQuantityCredit', 'LineCreditReason']),
  },
};

/**
 * `POST receivablesInvoices` / `receivablesCreditMemos`: checks the body as Oracle does —
 * attributes of the resource only (JBO-25058), required ones present (JBO-27014), known
 * business unit (`AR_BU_NOT_FOUND`), transaction source, type and customer, a credit memo
 * crediting (negative unit prices), a transaction number unique per business unit and
 * source — and answers 201 with the created resource. Business refusals are plain text.
 */
export function createReceivablesTransaction(request: SimRequest, resource: SimReceivablesResource, master: ReceivablesMasterData, store: SimReceivablesTransaction[]): SimResponse {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.includes('json')) return plainTextError(415, `Unsupported media type ${contentType || '(none)'}`);
  const body = request.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return plainTextError(400, 'Invalid operation create for the specified resource.');
  const fields = body as Record<string, unknown>;
  const shape = SHAPES[resource];
  const version = Number.parseInt(String(request.headers['rest-framework-version'] ?? '1'), 10) || 1;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');

  const unknown = Object.keys(fields).find((name) => !shape.header.has(name));
  if (unknown) return frameworkError(version, '25058', `Definition ${unknown} of type Attribute is not found in ${resource}.`);
  for (const required of ['BusinessUnit', 'TransactionSource', 'TransactionType', 'TransactionNumber', 'BillToCustomerNumber', 'TransactionDate', shape.currency]) {
    if (text(required) === '') return frameworkError(version, '27014', `Attribute ${required} in ${resource} is required.`);
  }
  if (!master.businessUnits.includes(text('BusinessUnit'))) return plainTextError(400, "AR_BU_NOT_FOUND: The business unit you entered doesn't exist.");
  if (!master.transactionSources.includes(text('TransactionSource'))) return plainTextError(400, `The transaction source ${text('TransactionSource')} isn't valid for business unit ${text('BusinessUnit')}.`);
  if (text('TransactionType') !== shape.transactionType) return plainTextError(400, `The transaction type ${text('TransactionType')} isn't valid for this resource.`);
  if (master.unknownCustomers.includes(text('BillToCustomerNumber'))) return plainTextError(400, `The bill-to customer account number ${text('BillToCustomerNumber')} doesn't exist.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text('TransactionDate'))) return plainTextError(400, `The transaction date ${text('TransactionDate')} isn't a valid date.`);
  if (!/^[A-Z]{3}$/.test(text(shape.currency))) return plainTextError(400, `The currency ${text(shape.currency)} isn't valid.`);

  const lines = fields[shape.lines];
  if (!Array.isArray(lines) || lines.length === 0) return plainTextError(400, 'Enter at least one transaction line.');
  let entered = 0;
  for (const line of lines as Array<Record<string, unknown>>) {
    const unknownLineField = Object.keys(line ?? {}).find((name) => !shape.line.has(name));
    if (unknownLineField) return frameworkError(version, '25058', `Definition ${unknownLineField} of type Attribute is not found in ${shape.lines}.`);
    const quantity = line[shape.quantity];
    const price = line.UnitSellingPrice;
    if (typeof line.LineNumber !== 'number' || typeof quantity !== 'number' || typeof price !== 'number' || typeof line[shape.description] !== 'string') {
      return plainTextError(400, `Line ${String(line.LineNumber)}: enter a line number, a description, a quantity and a unit selling price as numbers.`);
    }
    if (resource === 'receivablesCreditMemos' && price > 0) return plainTextError(400, `Line ${line.LineNumber}: the credit memo line amount must be negative.`);
    entered += quantity * price;
  }

  const taken = store.find((earlier) => earlier.BusinessUnit === text('BusinessUnit') && earlier.TransactionSource === text('TransactionSource') && earlier.TransactionNumber === text('TransactionNumber'));
  if (taken) return plainTextError(400, `The transaction number ${text('TransactionNumber')} already exists for the transaction source ${text('TransactionSource')}. Enter a unique transaction number.`);

  const transaction: SimReceivablesTransaction = {
    resource,
    CustomerTransactionId: 300_100_170_996_427 + store.length,
    TransactionNumber: text('TransactionNumber'),
    BusinessUnit: text('BusinessUnit'),
    TransactionSource: text('TransactionSource'),
    TransactionType: text('TransactionType'),
    TransactionDate: text('TransactionDate'),
    BillToCustomerNumber: text('BillToCustomerNumber'),
    currency: text(shape.currency),
    ...(text('PurchaseOrder') ? { PurchaseOrder: text('PurchaseOrder') } : {}),
    EnteredAmount: Math.round(entered * 100) / 100,
    lines: lines as Array<Record<string, unknown>>,
  };
  store.push(transaction);
  return { status: 201, headers: { 'content-type': 'application/vnd.oracle.adf.resourceitem+json' }, body: transactionResource(transaction, true) };
}
