import type { XeroCollection } from './xero-collections.ts';

/** Ids and codes the simulated organisation has; a kind without a list accepts anything non-empty except "9999". */
export interface XeroKnownIds {
  readonly contacts?: readonly string[];
  readonly accountCodes?: readonly string[];
  readonly itemCodes?: readonly string[];
  readonly taxTypes?: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isNumeric = (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()));

/**
 * The validation messages Xero would put on one invoice or credit note (number uniqueness
 * is the simulator's, which knows the stored documents). "Invoice Type must be specified",
 * "Account code '…' is not a valid code for this document." and the TaxType message follow
 * Xero; the others are plausible wordings.
 */
export function validateXeroDocument(element: unknown, collection: XeroCollection, known: XeroKnownIds): string[] {
  if (!isObject(element)) return [`The ${collection.label} must be an object`];
  const unknown = (list: readonly string[] | undefined, value: unknown) => typeof value !== 'string' || value === '' || (list ? !list.includes(value) : value === '9999');
  const messages: string[] = [];
  if (element.Type === undefined) messages.push(`${collection.label} Type must be specified`);
  else if (!collection.types.includes(String(element.Type))) messages.push(`${collection.label} Type '${String(element.Type)}' is not valid`);
  const contact = element.Contact;
  if (!isObject(contact) || (contact.ContactID === undefined && contact.Name === undefined)) messages.push('A Contact must be specified for this type of transaction');
  else if (contact.ContactID !== undefined && unknown(known.contacts, contact.ContactID)) messages.push(`The Contact with ContactID '${String(contact.ContactID)}' could not be found`);
  for (const field of ['Date', 'DueDate']) {
    const value = element[field];
    if (value !== undefined && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value))) messages.push(`The ${field} '${String(value)}' is not a valid date`);
  }
  const lines = element.LineItems;
  if (lines !== undefined && !Array.isArray(lines)) messages.push('LineItems must be a list');
  for (const line of Array.isArray(lines) ? (lines as unknown[]) : []) messages.push(...validateLine(line, known, unknown));
  if (element.Status === 'AUTHORISED' && (!Array.isArray(lines) || lines.length === 0)) messages.push(`An approved ${collection.label} must have at least one line item`);
  return messages;
}

function validateLine(line: unknown, known: XeroKnownIds, unknown: (list: readonly string[] | undefined, value: unknown) => boolean): string[] {
  if (!isObject(line)) return ['A line item must be an object'];
  const messages: string[] = [];
  for (const field of ['Quantity', 'UnitAmount', 'LineAmount']) {
    if (line[field] !== undefined && !isNumeric(line[field])) messages.push(`${field} '${String(line[field])}' is not a valid number`);
  }
  if (line.AccountCode !== undefined && unknown(known.accountCodes, line.AccountCode)) messages.push(`Account code '${String(line.AccountCode)}' is not a valid code for this document.`);
  if (line.ItemCode !== undefined && unknown(known.itemCodes, line.ItemCode)) messages.push(`Item code '${String(line.ItemCode)}' is not valid.`);
  if (line.TaxType !== undefined && unknown(known.taxTypes, line.TaxType)) messages.push(`The TaxType code '${String(line.TaxType)}' does not exist or cannot be used for this type of transaction.`);
  if (line.Description === undefined && line.ItemCode === undefined) messages.push('Description must be specified');
  return messages;
}
